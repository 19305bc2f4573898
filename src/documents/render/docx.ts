import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { Block, DocumentContent } from '../model.js';
import { FONT_FAMILY } from './fonts.js';

// Word documents name the font rather than carry it (an embedded CJK font would weigh megabytes):
// Noto Sans SC where it is installed, otherwise the reader's own Chinese font (SimSun / 宋体 on Windows, PingFang on a Mac).
const FONT = { ascii: FONT_FAMILY, hAnsi: FONT_FAMILY, eastAsia: FONT_FAMILY, cs: FONT_FAMILY };
const HALF_POINTS = 21; // 10.5 pt, 五号
const GREY = '666666';

const para = (
  text: string,
  options: { bold?: boolean; color?: string; size?: number; align?: (typeof AlignmentType)[keyof typeof AlignmentType]; indent?: number } = {},
) =>
  new Paragraph({
    alignment: options.align,
    spacing: { after: 120, line: 330 },
    ...(options.indent ? { indent: { left: options.indent } } : {}),
    children: [new TextRun({ text, bold: options.bold, color: options.color, size: options.size })],
  });

const cell = (text: string, width: number, header: boolean) =>
  new TableCell({
    width: { size: Math.round(width * 100), type: WidthType.PERCENTAGE },
    ...(header ? { shading: { type: ShadingType.CLEAR, fill: 'F0F0F0', color: 'auto' } } : {}),
    children: [new Paragraph({ children: [new TextRun({ text, bold: header, size: 18 })] })],
  });

function blockToDocx(block: Block): (Paragraph | Table)[] {
  switch (block.type) {
    case 'heading':
      return [
        new Paragraph({
          heading: HeadingLevel.HEADING_2,
          spacing: { before: 240, after: 120 },
          children: [new TextRun({ text: block.text, bold: true, size: 25, color: '1A1A1A' })],
        }),
      ];
    case 'paragraph':
      return [para(block.text)];
    case 'note':
      return [para(block.text, { color: GREY, size: 17 })];
    case 'list':
      return block.items.map((item, i) => para(`${i + 1}. ${item}`, { indent: 240 }));
    case 'fields':
      return [
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          borders: { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE },
          rows: block.rows.map(
            (row) =>
              new TableRow({
                children: [
                  new TableCell({
                    width: { size: 28, type: WidthType.PERCENTAGE },
                    children: [new Paragraph({ children: [new TextRun({ text: row.label, bold: true, color: GREY })] })],
                  }),
                  new TableCell({
                    width: { size: 72, type: WidthType.PERCENTAGE },
                    children: [new Paragraph({ children: [new TextRun({ text: row.value })] })],
                  }),
                ],
              }),
          ),
        }),
        para(''),
      ];
    case 'table':
      return [
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: [
            new TableRow({ tableHeader: true, children: block.head.map((h, i) => cell(h, block.widths[i] ?? 0.2, true)) }),
            ...block.rows.map((r) => new TableRow({ children: r.map((c, i) => cell(c, block.widths[i] ?? 0.2, false)) })),
          ],
        }),
        para(''),
      ];
    case 'article':
      return [
        para(block.title, { bold: true }),
        para(block.meta, { color: GREY, size: 17 }),
        ...(block.text
          ? block.text
              .split('\n')
              .filter((l) => l.trim())
              .map((l) => para(l, { indent: 240, size: 19 }))
          : []),
      ];
    case 'closing':
      return block.lines.map((line) => para(line, { align: AlignmentType.RIGHT }));
  }
}

const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };

/** The same document as a Word file (.docx), A4, with the case number in every page's footer. */
export async function renderDocx(content: DocumentContent): Promise<Buffer> {
  const document = new Document({
    creator: 'Weiquan 维权助手',
    title: content.title,
    subject: content.caseNo,
    lastModifiedBy: 'Weiquan 维权助手',
    styles: {
      default: { document: { run: { font: FONT, size: HALF_POINTS, language: { value: content.locale === 'zh' ? 'zh-CN' : 'en-US', eastAsia: 'zh-CN' } } } },
    },
    sections: [
      {
        properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 } } },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({ text: `${content.footer} · `, size: 15, color: GREY }),
                  new TextRun({ children: [PageNumber.CURRENT], size: 15, color: GREY }),
                ],
              }),
            ],
          }),
        },
        children: [
          new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [new TextRun({ text: content.title, bold: true, size: 34 })] }),
          ...content.blocks.flatMap(blockToDocx),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}
