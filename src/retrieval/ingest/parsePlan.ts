import * as OpenCC from 'opencc-js';

/** One section of an operator's rights-protection plan (维权预案). */
export type ParsedPlanSection = {
  /** `1.1 消费者权益保护的意义`, `第二章 …`, or a Markdown heading as written. */
  heading: string;
  /** Headings from the top of the plan down to and including this one. */
  path: string[];
  /** The section's own text (list items on their own lines); may be empty for a pure container. */
  text: string;
};

export type ParsedPlan = { title: string; sections: ParsedPlanSection[] };

const charsToSimplified = OpenCC.Converter({ from: 'tw', to: 'cn' });
const phrasesToSimplified = OpenCC.Converter({ from: 'twp', to: 'cn' });

/**
 * Traditional → Simplified, touching only runs that hold Traditional characters: the phrase
 * converter would otherwise rewrite ordinary Simplified wording (建立 → 创建, 程序 → 进程).
 */
function toSimplified(text: string): string {
  if (charsToSimplified(text) === text) return text;
  return text.replace(/[^\s,.;:!?，。；：！？、（）()《》“”"'【】[\]]+/g, (run) => (charsToSimplified(run) === run ? run : phrasesToSimplified(run)));
}

/**
 * Reads a plan in Markdown (`#` headings) or as plain text, including the worst case: a web-page
 * dump with the whole plan flattened into one paragraph, headings inline (第一章…, 1.1…, 2.2.1…),
 * Traditional characters with pinyin annotations, and page furniture around it.
 */
export function parsePlan(raw: string, fallbackTitle: string): ParsedPlan {
  const simplified = simplify(raw);
  // A page dump names the document in its page markers: "<title>_第1页".
  const pageTitle = /^(.{2,60}?)_第\d+页$/m.exec(simplified)?.[1]?.trim();
  const text = dropFurniture(simplified);
  return /^#{1,6}\s/m.test(text) ? parseMarkdownPlan(text, pageTitle ?? fallbackTitle) : parseFlatPlan(text, pageTitle ?? fallbackTitle);
}

/** Simplified characters without pinyin annotations. */
function simplify(raw: string): string {
  const unannotated = raw
    .replace(/\r\n?/g, '\n')
    // 權(quán) → 權: some page dumps annotate characters with their pinyin.
    .replace(/([\u3400-\u9fff])\([a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňḿ]{1,7}\)/g, '$1')
    // A character the dump could not encode leaves "?pinyin)" behind.
    .replace(/\?[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{0,7}\)/g, '')
    // Any other parenthesized tone-marked syllable is an annotation whose character was lost.
    .replace(/\((?=[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ])[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}\)/g, '');
  return toSimplified(unannotated);
}

function dropFurniture(text: string): string {
  return text
    .split('\n')
    .filter((line) => !FURNITURE.some((re) => re.test(line.trim())))
    .join('\n');
}

// Lines of document-site furniture: page markers, download and copyright notices, comment boxes.
const FURNITURE = [/_第\d+页$/, /^已阅读\d+页/, /^下载本文档$/, /^版权说明/, /^文档简介$/, /^最新文档$/, /^评论$/, /^\d+\/\d+$/, /^提交评论$/];

function parseMarkdownPlan(text: string, fallbackTitle: string): ParsedPlan {
  const sections: ParsedPlanSection[] = [];
  const stack: { level: number; heading: string }[] = [];
  let title = fallbackTitle;
  let current: ParsedPlanSection | undefined;
  for (const line of text.split('\n')) {
    const h = /^(#{1,6})\s+(.+?)\s*#*\s*$/.exec(line);
    if (h) {
      const level = h[1]?.length ?? 1;
      const heading = (h[2] ?? '').trim();
      if (level === 1 && sections.length === 0 && !current) {
        title = heading;
        // Text between the title and the first section is kept as a section of its own.
        current = { heading, path: [heading], text: '' };
        sections.push(current);
        continue;
      }
      while (stack.length && (stack.at(-1)?.level ?? 0) >= level) stack.pop();
      stack.push({ level, heading });
      current = { heading, path: stack.map((s) => s.heading), text: '' };
      sections.push(current);
    } else if (current && line.trim()) {
      current.text += (current.text ? '\n' : '') + line.trim();
    }
  }
  // A title with nothing under it before the first section is not a section.
  const kept = sections.filter((s, i) => !(i === 0 && s.heading === title && s.path.length === 1 && !s.text.trim()));
  return { title, sections: kept.map((s) => ({ ...s, text: s.text.trim() })) };
}

type Marker = { index: number; end: number; kind: 'chapter' | 'number'; key: number[]; label: string };

const CHAPTER = /第([一二三四五六七八九十]{1,3})章/g;
// A dump may turn a number's head into a list marker: "(3).2.2" is "3.2.2", and the whole "(3).2.2" is the
// marker (no stray "(3)" left at the end of the section before it).
const NUMBER = /(?<![\d.])\.?(\d{1,2}(?:\.\d{1,2}){1,3})(?![\d.%])|[(（](\d{1,2})[)）]\.(\d{1,2}(?:\.\d{1,2}){0,2})(?![\d.%])/g;

function parseFlatPlan(text: string, fallbackTitle: string): ParsedPlan {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const title = fallbackTitle;
  // The body runs from the first chapter (or 1.1) marker to the site's closing notice, if any.
  const flat = lines.join('\n');
  const start = flat.search(/第一章|(?<![\d.])1\.1(?![\d])/);
  const endNotice = flat.search(/\n温馨提示\n/);
  const body = flat.slice(Math.max(0, start), endNotice > start ? endNotice : undefined);
  const markers = acceptedMarkers(body);
  if (markers.length === 0) return { title, sections: [{ heading: title, path: [title], text: formatBody(body) }] };

  const sections: ParsedPlanSection[] = [];
  const stack: { depth: number; heading: string }[] = [];
  markers.forEach((m, i) => {
    const spanEnd = markers[i + 1]?.index ?? body.length;
    const span = body.slice(m.end, spanEnd);
    const { heading, rest } = splitHeading(span, Boolean(markers[i + 1]) && spanEnd - m.end <= 40);
    const full = `${m.label} ${heading}`.trim();
    const depth = m.kind === 'chapter' ? 0 : m.key.length - 1;
    while (stack.length && (stack.at(-1)?.depth ?? 0) >= depth) stack.pop();
    stack.push({ depth, heading: full });
    sections.push({ heading: full, path: stack.map((s) => s.heading), text: formatBody(rest) });
  });
  return { title, sections };
}

/**
 * Numbers that continue the outline: the next sibling, a first child, or the next sibling of an
 * ancestor. Everything else (2.5倍, a date) is body text. A number whose tail matches the expected
 * one (a dump that lost "3." of "3.2.2") is taken as the expected number.
 */
function acceptedMarkers(body: string): Marker[] {
  const candidates: Marker[] = [];
  for (const m of body.matchAll(CHAPTER)) {
    candidates.push({ index: m.index, end: m.index + m[0].length, kind: 'chapter', key: [chineseOrdinal(m[1] ?? '')], label: m[0] });
  }
  for (const m of body.matchAll(NUMBER)) {
    const digits = m[1] ?? `${m[2] ?? ''}.${m[3] ?? ''}`;
    candidates.push({ index: m.index, end: m.index + m[0].length, kind: 'number', key: digits.split('.').map(Number), label: digits });
  }
  candidates.sort((a, b) => a.index - b.index);

  const accepted: Marker[] = [];
  let chapter = 0;
  let outline: number[] = [];
  for (const c of candidates) {
    if (c.kind === 'chapter') {
      if (c.key[0] === chapter + 1) {
        chapter += 1;
        outline = [chapter];
        accepted.push(c);
      }
      continue;
    }
    const expected = successors(outline.length ? outline : [chapter || 0]);
    const exact = expected.find((e) => e.join('.') === c.key.join('.'));
    const repaired = exact ?? expected.find((e) => e.length > c.key.length && e.slice(-c.key.length).join('.') === c.key.join('.'));
    if (!repaired) continue;
    if (repaired[0] !== chapter && repaired[0] !== chapter + 1) continue;
    chapter = repaired[0] ?? chapter;
    outline = repaired;
    accepted.push({ ...c, key: repaired, label: repaired.join('.') });
  }
  return accepted;
}

function successors(outline: number[]): number[][] {
  const next: number[][] = [];
  // First child: 3.2 → 3.2.1; a chapter [3] → 3.1.
  if (outline.length < 4) next.push([...outline, 1]);
  for (let depth = outline.length; depth >= 1; depth--) {
    const prefix = outline.slice(0, depth - 1);
    next.push([...prefix, (outline[depth - 1] ?? 0) + 1]);
  }
  // The first section of the next chapter: 3.3.2 → 4.1.
  next.push([(outline[0] ?? 0) + 1, 1]);
  return next.filter((k) => k.length >= 2);
}

// Words that end an outline heading (名词性标题尾) and words that typically open a body sentence.
const HEADING_END =
  /(目的|意义|现状|概述|规定|监督|措施|保障|资质|审核|机制|保护|问题|原则|结构|评估|证据|协商|介入|途径|维权|改进|效率|合作|自律|制度|披露|意识|评价|作用|应用|普及|内容|就业|环保|体系|责任|分析|类型|流程|目标|范围|依据|职责|分工|要求|方法|对策|建议|任务|管理|预案|总则|附则|演练|培训|处置|报告|通知|响应|启动|终止|恢复|建设|定义|特点|影响|服务|法律法规|实施|执行|案例|权益|培养|资格|安全|竞争|创新|宣传|教育|投诉|举报|调解|诉讼|仲裁|赔偿|退货|换货|维修|退款|检测|鉴定)$/;
const BODY_START =
  /^(在[^，,。]{2,30}(过程|时候|时|中|上)[，,]|[（(]\d|为了?|若|如果|如|随着|由于|根据|以下|我国|目前|当前|近年来|互联网|消费者|电子商务平台|电商平台|平台|商家|经营者|企业|通过|对于|针对|本(预案|平台|办法|规定|制度|章|节)|维权预案|应当|应|是指|主要|包括|具体|《)/;
// Two-character headings that are complete on their own (1.1 目的 为保护…).
const SHORT_HEADING = /^(目的|范围|依据|概述|总则|附则|原则|职责|分工|定义|背景|目标|流程|要求|附件)$/;
// A subject followed by a modal or copula almost always opens a sentence: 平台应…, 消费者在…
const SENTENCE_START = /^(电子商务平台|电商平台|平台|消费者|商家|经营者|企业|各方|我国|国家|部门)(应|可|在|是|对|需|须|要|将|已|通过|积极)/;

/** Splits "消费者权益保护的意义消费者权益保护是指…" into heading and body by scoring every cut. */
function splitHeading(span: string, wholeIfShort: boolean): { heading: string; rest: string } {
  const trimmed = span.replace(/^[\s:：、.．]+/, '');
  if (wholeIfShort && !/[。，,；;：:！？]/.test(trimmed)) return { heading: trimmed.trim(), rest: '' };
  const quoted = /^《[^》]{1,40}》/.exec(trimmed);
  if (quoted) return { heading: quoted[0], rest: trimmed.slice(quoted[0].length) };
  const limit = Math.min(40, firstPunctuation(trimmed));
  const scored: { cut: number; score: number }[] = [];
  for (let cut = 2; cut <= limit; cut++) {
    const head = trimmed.slice(0, cut);
    const tail = trimmed.slice(cut);
    let score = 0;
    if (HEADING_END.test(head)) score += 2;
    if (SENTENCE_START.test(tail)) score += 2.5;
    else if (BODY_START.test(tail)) score += 1.5;
    // The body often opens by repeating the heading's subject: 商品质量问题 | 商品质量问题是…
    const repeated = commonPrefix(head, tail);
    if (repeated >= 4) score += 3;
    else if (repeated >= 2) score += 1;
    score -= Math.max(0, cut - 14) * 0.15;
    scored.push({ cut, score });
  }
  // Headings are short: take the first convincing cut of 4+ characters, else the best one.
  const first = scored.find((c) => (c.cut >= 4 || SHORT_HEADING.test(trimmed.slice(0, c.cut))) && c.score >= 3);
  const best = first ?? scored.reduce((a, b) => (b.score >= a.score ? b : a), { cut: Math.min(limit, 12), score: 0 });
  return { heading: trimmed.slice(0, best.cut).trim(), rest: trimmed.slice(best.cut) };
}

function commonPrefix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

function firstPunctuation(s: string): number {
  // A list marker also ends a heading: 交易安全措施(1)采用…
  const i = s.search(/[。，,；;：:！？\n]|[（(]\d{1,2}[）)]/);
  return i < 0 ? s.length : i;
}

/** List items (（1）…) on their own lines; whitespace tidied. */
function formatBody(s: string): string {
  return s
    .replace(/\s*([（(]\d{1,2}[）)])/g, '\n$1')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .join('\n');
}

function chineseOrdinal(s: string): number {
  const digits = '一二三四五六七八九';
  if (s === '十') return 10;
  if (s.startsWith('十')) return 10 + digits.indexOf(s[1] ?? '') + 1;
  if (s.includes('十')) {
    const [tens, ones] = s.split('十');
    return (digits.indexOf(tens ?? '') + 1) * 10 + (ones ? digits.indexOf(ones) + 1 : 0);
  }
  return digits.indexOf(s) + 1;
}
