import PDFDocument from 'pdfkit';
import type { Block, DocumentContent } from '../model.js';
import { pdfFonts } from './fonts.js';

const MARGIN = 56;
const BODY = 10.5;
const SMALL = 8.5;
const INK = '#1a1a1a';
const GREY = '#666666';
const RULE = '#bbbbbb';

/** A document laid out on A4 with the embedded CJK font; resolves to the PDF bytes. */
export function renderPdf(content: DocumentContent, meta: { createdAt: Date }): Promise<Buffer> {
  const fonts = pdfFonts();
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN + 14, left: MARGIN, right: MARGIN },
    bufferPages: true,
    info: { Title: content.title, Subject: content.caseNo, Creator: 'Weiquan 维权助手', Producer: 'Weiquan 维权助手', CreationDate: meta.createdAt },
    lang: content.locale === 'zh' ? 'zh-CN' : 'en',
    displayTitle: true,
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  // pdfkit takes a parsed fontkit font as well as bytes; its types only know the bytes.
  doc.registerFont('body', fonts.regular as unknown as Buffer);
  doc.registerFont('bold', fonts.bold as unknown as Buffer);

  const width = doc.page.width - MARGIN * 2;
  doc.font('bold').fontSize(17).fillColor(INK).text(content.title, { align: 'center' });
  doc.moveDown(0.9);
  for (const block of content.blocks) drawBlock(doc, block, width);

  // The footer on every page, written in the bottom margin (which pdfkit would otherwise break on).
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font('body')
      .fontSize(SMALL - 0.5)
      .fillColor(GREY);
    doc.text(`${content.footer} · ${i + 1}/${range.count}`, MARGIN, doc.page.height - MARGIN + 8, { width, align: 'center', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}

function drawBlock(doc: PDFKit.PDFDocument, block: Block, width: number): void {
  const left = MARGIN;
  switch (block.type) {
    case 'heading':
      ensureSpace(doc, 40);
      doc.moveDown(0.4).font('bold').fontSize(12.5).fillColor(INK).text(block.text, left, doc.y, { width });
      doc.moveDown(0.3);
      return;
    case 'paragraph':
      doc.font('body').fontSize(BODY).fillColor(INK).text(block.text, left, doc.y, { width, lineGap: 3, align: 'left' });
      doc.moveDown(0.5);
      return;
    case 'note':
      doc.moveDown(0.3).font('body').fontSize(SMALL).fillColor(GREY).text(block.text, left, doc.y, { width, lineGap: 2 });
      doc.moveDown(0.5);
      return;
    case 'list':
      block.items.forEach((item, i) => {
        doc
          .font('body')
          .fontSize(BODY)
          .fillColor(INK)
          .text(`${i + 1}. ${item}`, left + 8, doc.y, { width: width - 8, lineGap: 3 });
        doc.moveDown(0.2);
      });
      doc.moveDown(0.3);
      return;
    case 'fields': {
      const labelWidth = Math.min(150, width * 0.3);
      for (const row of block.rows) {
        doc.font('body').fontSize(BODY);
        const h = Math.max(doc.heightOfString(row.label, { width: labelWidth - 8 }), doc.heightOfString(row.value, { width: width - labelWidth, lineGap: 3 }));
        ensureSpace(doc, h + 6);
        const y = doc.y;
        doc
          .font('bold')
          .fillColor(GREY)
          .text(row.label, left, y, { width: labelWidth - 8 });
        doc
          .font('body')
          .fillColor(INK)
          .text(row.value, left + labelWidth, y, { width: width - labelWidth, lineGap: 3 });
        doc.y = y + h + 5;
      }
      doc.moveDown(0.4);
      return;
    }
    case 'table':
      drawTable(doc, block, width);
      return;
    case 'article': {
      ensureSpace(doc, 50);
      doc.font('bold').fontSize(BODY).fillColor(INK).text(block.title, left, doc.y, { width });
      doc.font('body').fontSize(SMALL).fillColor(GREY).text(block.meta, left, doc.y, { width });
      if (block.text)
        doc
          .moveDown(0.2)
          .font('body')
          .fontSize(9.5)
          .fillColor(INK)
          .text(block.text, left + 10, doc.y, { width: width - 10, lineGap: 2.5 });
      doc.moveDown(0.7);
      return;
    }
    case 'closing':
      doc.moveDown(0.8);
      for (const line of block.lines) {
        ensureSpace(doc, 20);
        doc.font('body').fontSize(BODY).fillColor(INK).text(line, left, doc.y, { width, align: 'right' });
        doc.moveDown(0.3);
      }
      doc.moveDown(0.5);
      return;
  }
}

function drawTable(doc: PDFKit.PDFDocument, block: Extract<Block, { type: 'table' }>, width: number): void {
  const cols = block.widths.map((w) => w * width);
  const pad = 4;
  const size = 9;
  const rowHeight = (cells: string[], font: string) => {
    doc.font(font).fontSize(size);
    return Math.max(...cells.map((cell, i) => doc.heightOfString(cell || ' ', { width: (cols[i] ?? 50) - pad * 2, lineGap: 1.5 }))) + pad * 2;
  };
  const drawRow = (cells: string[], font: string, shade: boolean) => {
    const h = rowHeight(cells, font);
    if (ensureSpace(doc, h) && !shade) drawRow(block.head, 'bold', true);
    const y = doc.y;
    let x = MARGIN;
    if (shade) doc.rect(MARGIN, y, width, h).fill('#f0f0f0');
    cells.forEach((cell, i) => {
      doc
        .font(font)
        .fontSize(size)
        .fillColor(INK)
        .text(cell || ' ', x + pad, y + pad, { width: (cols[i] ?? 50) - pad * 2, lineGap: 1.5 });
      x += cols[i] ?? 50;
    });
    doc
      .moveTo(MARGIN, y + h)
      .lineTo(MARGIN + width, y + h)
      .lineWidth(0.5)
      .strokeColor(RULE)
      .stroke();
    doc.x = MARGIN;
    doc.y = y + h;
  };
  drawRow(block.head, 'bold', true);
  for (const row of block.rows) drawRow(row, 'body', false);
  doc.moveDown(0.8);
}

/** Starts a new page when less than `height` is left; true when it did. */
function ensureSpace(doc: PDFKit.PDFDocument, height: number): boolean {
  if (doc.y + height <= doc.page.height - doc.page.margins.bottom) return false;
  doc.addPage();
  return true;
}
