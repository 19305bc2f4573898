import { strFromU8, unzipSync } from 'fflate';

/** The text of every page of a PDF, as pdf.js extracts it (so through the fonts' ToUnicode maps). */
export async function pdfText(bytes: Uint8Array): Promise<{ pages: number; text: string; fonts: string[] }> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), disableFontFace: true, useSystemFonts: false, isEvalSupported: false, verbosity: 0 })
    .promise;
  const parts: string[] = [];
  const fonts = new Set<string>();
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const content = await page.getTextContent();
    for (const item of content.items) if ('str' in item) parts.push(item.str);
    const ops = await page.getOperatorList();
    for (let k = 0; k < ops.fnArray.length; k++) if (ops.fnArray[k] === pdfjs.OPS.setFont) fonts.add(String((ops.argsArray[k] as unknown[])[0]));
    for (const name of fonts) {
      const font = page.commonObjs.has(name) ? (page.commonObjs.get(name) as { name?: string }) : undefined;
      if (font?.name) fonts.add(font.name);
    }
  }
  await doc.destroy();
  return { pages: doc.numPages, text: parts.join(''), fonts: [...fonts] };
}

/** The XML parts of a .docx, and the text of its body (runs joined, tags dropped). */
export function docxParts(bytes: Uint8Array): { files: string[]; documentXml: string; stylesXml: string; text: string; footerText: string } {
  const files = unzipSync(new Uint8Array(bytes));
  const read = (name: string) => (files[name] ? strFromU8(files[name]) : '');
  const documentXml = read('word/document.xml');
  const textOf = (xml: string) => [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => unescapeXml(m[1] ?? '')).join('');
  const footers = Object.keys(files).filter((f) => /^word\/footer\d*\.xml$/.test(f));
  return {
    files: Object.keys(files),
    documentXml,
    stylesXml: read('word/styles.xml'),
    text: textOf(documentXml),
    footerText: footers.map((f) => textOf(read(f))).join(''),
  };
}

const unescapeXml = (s: string) =>
  s.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&quot;', '"').replaceAll('&apos;', "'").replaceAll('&amp;', '&');

/** Text compared without the line breaks and spaces a layout adds. */
export const squash = (s: string) => s.replace(/\s+/g, '');
