import { XMLParser } from 'fast-xml-parser';

/** Largest callback body we read (WeChat's are a few KB). The route applies the same limit before parsing. */
export const XML_MAX_BYTES = 64 * 1024;

const parser = new XMLParser({
  ignoreAttributes: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  // Every value stays a string: MsgId is a 64-bit number that a JS number would round.
  parseTagValue: false,
  trimValues: true,
  // Only the five predefined entities; no DOCTYPE ever reaches the parser (below).
  processEntities: true,
  htmlEntities: false,
});

/**
 * Parses a WeChat XML document into its `<xml>` element's children (strings, or nested objects such as
 * ScanCodeInfo). Undefined for anything else: too large, not XML, a DOCTYPE or entity declaration (WeChat
 * never sends one; refusing it closes XXE and entity expansion), or no `<xml>` root.
 */
export function parseWechatXml(text: string): Record<string, unknown> | undefined {
  if (Buffer.byteLength(text) > XML_MAX_BYTES) return undefined;
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) return undefined;
  let parsed: unknown;
  try {
    parsed = parser.parse(text, true);
  } catch {
    return undefined;
  }
  const root = (parsed as { xml?: unknown } | undefined)?.xml;
  return root && typeof root === 'object' && !Array.isArray(root) ? (root as Record<string, unknown>) : undefined;
}

/** A CDATA section holding any text (a `]]>` inside is split across two sections). */
export function cdata(text: string): string {
  return `<![CDATA[${text.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}

/** `<xml>` with the given children, strings as CDATA and numbers bare (WeChat's own layout). */
export function buildWechatXml(fields: Record<string, string | number>): string {
  return `<xml>${Object.entries(fields)
    .map(([k, v]) => `<${k}>${typeof v === 'number' ? String(v) : cdata(v)}</${k}>`)
    .join('')}</xml>`;
}
