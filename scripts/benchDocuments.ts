import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { composeServices } from '../src/compose.js';
import { parseConfig } from '../src/config.js';
import { DOCUMENT_FORMATS, DOCUMENT_KINDS, loadCaseFileForSites, makeDocuments, pdfFonts, renderDocument } from '../src/documents/index.js';
import { makeLogger } from '../src/logger.js';
import { makeSites } from '../src/sites/index.js';
import { startEmbeddedPostgres } from '../src/storage/index.js';
import { freshDatabase } from './benchSupport.js';

/**
 * npm run bench:docs — every document of a typical filed case (a parcel never received, taken up the
 * whole ladder to 12315 with the complainant's details and an uploaded file), rendered ROUNDS times
 * each as PDF and .docx through the same path the API serves (load the case, build, render), on a
 * real PostgreSQL with the laws ingested. Prints per-document size and time; target: a PDF under
 * 300 KB made in under 300 ms. The one-off font parse at the first document is shown apart.
 * BENCH_DOCS_OUT=dir also writes one of each file there (to look at, or to render a page to PNG).
 */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20);
const TARGET = { pdfBytes: 300 * 1024, ms: 300 };
const STORY = [
  '可以，同意',
  '上个月25号在拼多多买了一台299的破壁机，物流显示签收了，但我根本没收到，快递员说放驿站了，驿站也找不到',
  '物流记录和聊天记录都截图了',
  '跟商家说了，他说快递签收了就不归他管',
  '平台客服让我自己去找快递，等于没管',
  '李娜',
  '13912345678',
  '杭州市西湖区文三路90号3单元502',
  '店铺叫“好厨优选家电专营店”',
  '广东省佛山市顺德区北滘镇工业大道18号',
];

const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'weiquan-bench-docs-'));
await fs.chmod(tmp, 0o755);
const logger = makeLogger({ level: 'warn', pretty: false, destination: process.stderr });
const server = process.env.DATABASE_URL
  ? undefined
  : await startEmbeddedPostgres({ dataDir: path.join(tmp, 'postgres'), port: 0, database: 'weiquan', persistent: false, logger });
const parsed = parseConfig({
  ...process.env,
  DATABASE_URL: server?.url ?? (await freshDatabase(process.env.DATABASE_URL ?? '', 'benchdocs')),
  LOG_LEVEL: 'warn',
});
if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
const services = await composeServices(parsed.config, logger);
const db = services.database.db;

const { site } = await makeSites({ db }).create({ name: 'bench', allowedOrigins: [], locale: 'zh' });
const conversationId = `bench-docs-${Date.now()}`;
await services.runTurn({ conversationId, channel: 'directline', turnId: 'start', locale: 'zh', siteId: site.id });
for (const [i, text] of STORY.entries())
  await services.runTurn({ conversationId, channel: 'directline', turnId: `t${i}`, text, locale: 'zh', siteId: site.id });
const caseNo = (await db.query<{ case_no: string }>('select case_no from cases where conversation_id = $1', [conversationId])).rows[0]?.case_no;
if (!caseNo) throw new Error('the story filed no case');
await db.query(
  `insert into evidence_files (id, conversation_id, case_no, sha256, content_type, size, original_name, storage_path)
   values ('bench-1', $1, $2, repeat('ab', 32), 'image/jpeg', 482113, 'tracking.jpg', '/dev/null')`,
  [conversationId, caseNo],
);

const quote = services.knowledge.article;
const documents = makeDocuments({ db, quote, seal: services.seal, now: () => new Date() });
const fontStarted = performance.now();
pdfFonts();
const fontMs = performance.now() - fontStarted;
// One untimed pass: the first use of each code path compiles it.
for (const kind of DOCUMENT_KINDS) for (const format of DOCUMENT_FORMATS) await documents.forCase([site.id], caseNo, kind, format);

const out = process.env.BENCH_DOCS_OUT;
if (out) await fs.mkdir(out, { recursive: true });
const lines: string[] = [];
let worstPdfMs = 0;
let largestPdf = 0;
for (const kind of DOCUMENT_KINDS) {
  for (const format of DOCUMENT_FORMATS) {
    const times: number[] = [];
    const loads: number[] = [];
    let bytes = 0;
    for (let i = 0; i < ROUNDS; i++) {
      const started = performance.now();
      const file = await loadCaseFileForSites(db, quote, services.seal, [site.id], caseNo);
      if (!file) throw new Error('the case is gone');
      const loaded = performance.now();
      const doc = await renderDocument(file, kind, format, { now: new Date() });
      times.push(performance.now() - started);
      loads.push(loaded - started);
      bytes = doc.bytes.length;
      if (out && i === 0) await fs.writeFile(path.join(out, doc.fileName), doc.bytes);
    }
    times.sort((a, b) => a - b);
    loads.sort((a, b) => a - b);
    const p50 = times[Math.floor(times.length / 2)] ?? 0;
    const p95 = times[Math.min(times.length - 1, Math.floor(times.length * 0.95))] ?? 0;
    if (format === 'pdf') {
      worstPdfMs = Math.max(worstPdfMs, p95);
      largestPdf = Math.max(largestPdf, bytes);
    }
    lines.push(
      `  ${`${kind}.${format}`.padEnd(24)} ${(bytes / 1024).toFixed(1).padStart(7)} KB   p50 ${p50.toFixed(1).padStart(6)} ms   p95 ${p95.toFixed(1).padStart(6)} ms   max ${(times.at(-1) ?? 0).toFixed(1).padStart(6)} ms   (of which loading the case p50 ${(loads[Math.floor(loads.length / 2)] ?? 0).toFixed(1)} ms)`,
    );
  }
}
const met = largestPdf < TARGET.pdfBytes && worstPdfMs < TARGET.ms;
process.stdout.write(
  [
    `bench:docs  case=${caseNo}  rounds=${ROUNDS}  database=${server ? 'embedded' : 'DATABASE_URL'}  (load + build + render, as the API serves it)`,
    `  font parse (once per process): ${fontMs.toFixed(0)} ms`,
    ...lines,
    `  target       PDF < ${TARGET.pdfBytes / 1024} KB and < ${TARGET.ms} ms (p95): ${met ? 'met' : 'NOT MET'} (largest ${(largestPdf / 1024).toFixed(1)} KB, slowest p95 ${worstPdfMs.toFixed(1)} ms)`,
    '',
  ].join('\n'),
);

await services.database.close();
await server?.stop();
await fs.rm(tmp, { recursive: true, force: true });
