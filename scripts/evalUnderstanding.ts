/**
 * `npm run eval:understanding`: the offline understander against the labelled utterances in
 * `test/fixtures/understanding/` (per-intent, per-slot and per-urgent precision/recall, dispute-type accuracy
 * and its confusions), compared with the committed baseline: exits 1 when a headline figure drops below it.
 *
 *   --set main|heldout|all   which labelled split to score (default main; CI scores main against the baseline)
 *   --write-baseline         store the figures of the chosen split as the new baseline
 *   --complaints             instead: every complaint in ../shared/eval/shopper-complaints.jsonl as a first message
 *   --bench                  instead: time the understander over the labelled and complaint messages
 *   --verbose                list every miss
 *
 * Complaint-labelled items hold only an id (the texts are evaluation data, not copied into the repository): the
 * text is read from the complaints file by id.
 */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { DISPUTE_TYPES } from '../dialogs/disputeTypes.js';
import { Intent, SlotName, Urgent, understandOfflineSync, type Slots, type UnderstandContext, type Understanding } from '../src/understanding/index.js';

// Piped into head: stop quietly when the reader goes away.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const fixtures = path.join(repoRoot, 'test/fixtures/understanding');
const args = new Map<string, string>();
for (const a of process.argv.slice(2)) {
  const [k, v] = a.replace(/^--/, '').split('=');
  if (k) args.set(k, v ?? 'true');
}
const complaintsFile = path.resolve(repoRoot, args.get('complaints-file') ?? '../shared/eval/shopper-complaints.jsonl');
const baselineFile = path.join(fixtures, 'baseline.json');
/** The labelled sets' clock: relative dates (上周五, 大前天) are labelled from this Friday. */
const NOW = new Date('2026-12-04T10:00:00+08:00');

const Type = z.enum(DISPUTE_TYPES);
const Item = z.strictObject({
  id: z.string(),
  text: z.string().optional(),
  ref: z.string().optional(),
  textStart: z.string().optional(),
  intents: z.array(Intent).optional(),
  /** Acceptable dispute types, likeliest first; null: no dispute type should be found. */
  type: z.array(Type).nullable().optional(),
  typeMayBeNone: z.boolean().optional(),
  slots: z.record(z.string(), z.unknown()).optional(),
  urgent: z.array(Urgent).optional(),
  language: z.enum(['zh', 'en']).optional(),
  context: z.strictObject({ awaiting: SlotName.optional(), expectsYesNo: z.boolean().optional(), known: z.record(z.string(), z.unknown()).optional() }).optional(),
});
type Item = z.infer<typeof Item>;

/** Slots whose every appearance is scored (a value where none is labelled is a false positive). */
const STRICT_SLOTS: readonly SlotName[] = [
  'platform', 'sellerType', 'amountFen', 'orderDate', 'receivedDate', 'returnShippedDate', 'returnReceivedDate', 'orderNumber', 'phone',
  'contractTotalFen', 'breachBy', 'minorAge', 'complainantName',
];
/** Free-text and flag slots, scored only where the item labels them (null: must be absent). */
const LOOSE_SLOTS: readonly SlotName[] = ['product', 'problem', 'shopName', 'openedPackage', 'isFood', 'injured', 'shopClosed', 'offline', 'wants', 'address'];
const FREE_TEXT: readonly SlotName[] = ['product', 'problem', 'shopName', 'complainantName', 'address'];
/** provide_info follows from any slot found, outcome_* from what the seller said (scored as sellerResponse): neither is labelled. */
const SCORED_INTENTS = Intent.options.filter((i) => i !== 'provide_info' && !i.startsWith('outcome_'));

function readJsonl(file: string): Item[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l, i) => {
      const parsed = Item.safeParse(JSON.parse(l));
      if (!parsed.success) throw new Error(`${path.basename(file)} line ${i + 1}: ${parsed.error.message}`);
      return parsed.data;
    });
}

let complaintTexts: Map<string, string> | undefined;
function complaints(): Map<string, string> {
  if (!complaintTexts) {
    if (!existsSync(complaintsFile)) throw new Error(`missing ${complaintsFile} (the shared evaluation data must sit beside the clone)`);
    complaintTexts = new Map(
      readFileSync(complaintsFile, 'utf8')
        .split('\n')
        .filter((l) => l.trim())
        .map((l) => JSON.parse(l) as { id: string; text: string })
        .map((r) => [r.id, r.text]),
    );
  }
  return complaintTexts;
}

function textOf(item: Item): string {
  if (item.text !== undefined) return item.text;
  const text = item.ref ? complaints().get(item.ref) : undefined;
  if (text === undefined || (item.textStart && !text.startsWith(item.textStart))) throw new Error(`${item.id}: complaint ${item.ref} not found or changed`);
  return text;
}

function loadSet(name: string): Item[] {
  const files = name === 'all' ? ['main', 'heldout'] : [name];
  return files.flatMap((f) => [...readJsonl(path.join(fixtures, `${f}.jsonl`)), ...readJsonl(path.join(fixtures, `complaints-${f}.jsonl`))]);
}

type Counts = { tp: number; fp: number; fn: number };
const counts = () => ({ tp: 0, fp: 0, fn: 0 });
const prf = (c: Counts) => {
  const p = c.tp + c.fp ? c.tp / (c.tp + c.fp) : 1;
  const r = c.tp + c.fn ? c.tp / (c.tp + c.fn) : 1;
  return { p, r, f1: p + r ? (2 * p * r) / (p + r) : 0 };
};

function sameValue(slot: SlotName, got: unknown, want: unknown): boolean {
  if (FREE_TEXT.includes(slot) && typeof got === 'string' && typeof want === 'string') return got.includes(want) || want.includes(got);
  if (Array.isArray(got) && Array.isArray(want)) return got.length === want.length && want.every((w) => got.includes(w));
  return got === want;
}

function contextOf(item: Item): UnderstandContext {
  const c = item.context;
  const ctx: UnderstandContext = { now: NOW };
  if (c?.awaiting) ctx.awaiting = c.awaiting;
  if (c?.expectsYesNo) ctx.expectsYesNo = true;
  if (c?.known) ctx.known = c.known as Partial<Slots>;
  return ctx;
}

type Report = {
  items: number;
  intent: { micro: ReturnType<typeof prf>; per: Record<string, Counts> };
  slot: { micro: ReturnType<typeof prf>; per: Record<string, Counts> };
  urgent: { micro: ReturnType<typeof prf>; per: Record<string, Counts> };
  type: { scored: number; correct: number; accuracy: number; noneWrong: number; confusions: [string, number][] };
  language: { scored: number; correct: number; accuracy: number };
  misses: string[];
};

function evaluate(items: Item[]): Report {
  const perIntent: Record<string, Counts> = Object.fromEntries(SCORED_INTENTS.map((i) => [i, counts()]));
  const perSlot: Record<string, Counts> = Object.fromEntries([...STRICT_SLOTS, ...LOOSE_SLOTS].map((s) => [s, counts()]));
  const perUrgent: Record<string, Counts> = Object.fromEntries(Urgent.options.map((u) => [u, counts()]));
  const confusions = new Map<string, number>();
  const misses: string[] = [];
  let typeScored = 0, typeCorrect = 0, noneWrong = 0, langScored = 0, langCorrect = 0;
  for (const item of items) {
    const text = textOf(item);
    const u: Understanding = understandOfflineSync(text, contextOf(item));
    const miss = (what: string) => misses.push(`${item.id} ${what} :: ${text.slice(0, 60)}`);
    if (item.intents) {
      const got = new Set(u.intents);
      const want = new Set(item.intents);
      for (const i of SCORED_INTENTS) {
        const c = perIntent[i]!;
        if (got.has(i) && want.has(i)) c.tp++;
        else if (got.has(i)) {
          c.fp++;
          miss(`intent +${i}`);
        } else if (want.has(i)) {
          c.fn++;
          miss(`intent -${i}`);
        }
      }
    }
    if (item.type !== undefined) {
      typeScored++;
      const best = u.category?.best;
      const want = item.type;
      const ok = want === null ? best === undefined : (best !== undefined && want.includes(best)) || (item.typeMayBeNone === true && best === undefined);
      if (ok) typeCorrect++;
      else {
        if (want === null) noneWrong++;
        const key = `${want?.[0] ?? 'none'} → ${best ?? 'none'}`;
        confusions.set(key, (confusions.get(key) ?? 0) + 1);
        miss(`type ${key}`);
      }
    }
    if (item.slots) {
      const labelled = item.slots;
      const got = u.slots as Record<string, unknown>;
      for (const s of [...STRICT_SLOTS, ...LOOSE_SLOTS]) {
        if (!STRICT_SLOTS.includes(s) && !(s in labelled)) continue;
        const want = labelled[s] ?? undefined;
        const have = got[s];
        const c = perSlot[s]!;
        if (want !== undefined && have !== undefined && sameValue(s, have, want)) c.tp++;
        else {
          if (have !== undefined) c.fp++;
          if (want !== undefined) c.fn++;
          if (have !== undefined || want !== undefined) miss(`slot ${s}: got ${JSON.stringify(have)} want ${JSON.stringify(want)}`);
        }
      }
    }
    if (item.urgent) {
      const got = new Set(u.urgent ?? []);
      for (const k of Urgent.options) {
        const c = perUrgent[k]!;
        const want = item.urgent.includes(k);
        if (got.has(k) && want) c.tp++;
        else if (got.has(k)) {
          c.fp++;
          miss(`urgent +${k}`);
        } else if (want) {
          c.fn++;
          miss(`urgent -${k}`);
        }
      }
    }
    if (item.language) {
      langScored++;
      if (u.language === item.language) langCorrect++;
      else miss(`language ${item.language} → ${u.language ?? 'none'}`);
    }
  }
  const micro = (per: Record<string, Counts>) => prf(Object.values(per).reduce((a, c) => ({ tp: a.tp + c.tp, fp: a.fp + c.fp, fn: a.fn + c.fn }), counts()));
  return {
    items: items.length,
    intent: { micro: micro(perIntent), per: perIntent },
    slot: { micro: micro(perSlot), per: perSlot },
    urgent: { micro: micro(perUrgent), per: perUrgent },
    type: { scored: typeScored, correct: typeCorrect, accuracy: typeCorrect / (typeScored || 1), noneWrong, confusions: [...confusions.entries()].sort((a, b) => b[1] - a[1]) },
    language: { scored: langScored, correct: langCorrect, accuracy: langCorrect / (langScored || 1) },
    misses,
  };
}

const f2 = (n: number) => n.toFixed(3);
function printPer(title: string, per: Record<string, Counts>): void {
  process.stdout.write(`\n${title}\n`);
  for (const [k, c] of Object.entries(per)) {
    if (c.tp + c.fp + c.fn === 0) continue;
    const { p, r } = prf(c);
    process.stdout.write(`  ${k.padEnd(20)} P ${f2(p)}  R ${f2(r)}  (tp ${c.tp}, fp ${c.fp}, fn ${c.fn})\n`);
  }
}

function headline(r: Report) {
  return { intentF1: r.intent.micro.f1, slotF1: r.slot.micro.f1, urgentF1: r.urgent.micro.f1, typeAccuracy: r.type.accuracy, languageAccuracy: r.language.accuracy };
}

function runLabelled(): void {
  const setName = args.get('set') ?? 'main';
  const items = loadSet(setName);
  const r = evaluate(items);
  process.stdout.write(`understanding eval, set ${setName}: ${r.items} utterances\n`);
  process.stdout.write(`intents  micro P ${f2(r.intent.micro.p)} R ${f2(r.intent.micro.r)} F1 ${f2(r.intent.micro.f1)}\n`);
  process.stdout.write(`slots    micro P ${f2(r.slot.micro.p)} R ${f2(r.slot.micro.r)} F1 ${f2(r.slot.micro.f1)}\n`);
  process.stdout.write(`urgent   micro P ${f2(r.urgent.micro.p)} R ${f2(r.urgent.micro.r)} F1 ${f2(r.urgent.micro.f1)}\n`);
  process.stdout.write(`type     accuracy ${f2(r.type.accuracy)} (${r.type.correct}/${r.type.scored}; a type found where none is labelled: ${r.type.noneWrong})\n`);
  process.stdout.write(`language accuracy ${f2(r.language.accuracy)} (${r.language.correct}/${r.language.scored})\n`);
  printPer('per intent', r.intent.per);
  printPer('per slot', r.slot.per);
  printPer('per urgent situation', r.urgent.per);
  process.stdout.write('\ntype confusions (labelled → found), most frequent first\n');
  for (const [k, n] of r.type.confusions.slice(0, 15)) process.stdout.write(`  ${String(n).padStart(3)}  ${k}\n`);
  if (args.has('verbose')) process.stdout.write(`\nmisses\n${r.misses.map((m) => `  ${m}`).join('\n')}\n`);

  const figures = headline(r);
  if (args.has('write-baseline')) {
    const stored = existsSync(baselineFile) ? (JSON.parse(readFileSync(baselineFile, 'utf8')) as Record<string, unknown>) : {};
    stored[setName] = Object.fromEntries(Object.entries(figures).map(([k, v]) => [k, Math.floor(v * 1000) / 1000]));
    writeFileSync(baselineFile, `${JSON.stringify(stored, null, 2)}\n`);
    process.stdout.write(`\nbaseline for ${setName} written to ${path.relative(repoRoot, baselineFile)}\n`);
    return;
  }
  const baseline = existsSync(baselineFile) ? (JSON.parse(readFileSync(baselineFile, 'utf8')) as Record<string, Record<string, number>>)[setName] : undefined;
  if (!baseline) {
    process.stdout.write(`\nno baseline for ${setName}\n`);
    return;
  }
  const below = Object.entries(figures).filter(([k, v]) => baseline[k] !== undefined && v < baseline[k]! - 1e-9);
  for (const [k, v] of below) process.stdout.write(`BELOW BASELINE: ${k} ${f2(v)} < ${f2(baseline[k]!)}\n`);
  if (below.length) process.exit(1);
  process.stdout.write(`\nat or above the committed baseline (${Object.entries(baseline).map(([k, v]) => `${k} ${v}`).join(', ')})\n`);
}

function runComplaints(): void {
  const all = [...complaints().entries()];
  let typed = 0, confident = 0, nothing = 0, urgent = 0, questions = 0;
  const byType = new Map<string, number>();
  for (const [, text] of all) {
    const u = understandOfflineSync(text, { now: NOW });
    if (u.category) {
      typed++;
      byType.set(u.category.best, (byType.get(u.category.best) ?? 0) + 1);
      if (u.category.confidence >= 0.5) confident++;
    }
    if (u.urgent?.length) urgent++;
    if (u.intents.includes('question')) questions++;
    const understood = u.category !== undefined || Object.keys(u.slots).length > 0 || u.intents.length > 0;
    if (!understood) nothing++;
  }
  const pct = (n: number) => `${((100 * n) / all.length).toFixed(1)} %`;
  process.stdout.write(`complaints as first messages: ${all.length}\n`);
  process.stdout.write(`dispute type found: ${pct(typed)} (${typed}); with confidence ≥ 0.5: ${pct(confident)} (${confident})\n`);
  process.stdout.write(`nothing understood (no type, no slot, no intent): ${pct(nothing)} (${nothing})\n`);
  process.stdout.write(`urgent situation flagged: ${pct(urgent)} (${urgent}); a question detected: ${pct(questions)} (${questions})\n`);
  process.stdout.write(`types found: ${[...byType.entries()].sort((a, b) => b[1] - a[1]).map(([t, n]) => `${t} ${n}`).join(', ')}\n`);
}

function runBench(): void {
  const texts = [...loadSet('all').map(textOf), ...[...complaints().values()].slice(0, 1000)];
  for (const t of texts.slice(0, 200)) understandOfflineSync(t, { now: NOW });
  const times: number[] = [];
  for (let round = 0; round < 3; round++) {
    for (const t of texts) {
      const start = process.hrtime.bigint();
      understandOfflineSync(t, { now: NOW });
      times.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
  }
  times.sort((a, b) => a - b);
  const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!.toFixed(3);
  process.stdout.write(`understandOfflineSync over ${times.length} messages: p50 ${q(0.5)} ms, p90 ${q(0.9)} ms, p99 ${q(0.99)} ms, max ${q(1)} ms\n`);
}

if (args.has('complaints')) runComplaints();
else if (args.has('bench')) runBench();
else runLabelled();
