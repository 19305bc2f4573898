import { createReadStream } from 'node:fs';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { loadConfig } from './config.js';
import { coerceError } from './errors.js';
import { makeLogger } from './logger.js';
import { knowledgeDir } from './paths.js';
import { ingestKnowledge } from './retrieval/ingest/ingestKnowledge.js';
import { loadKnowledge } from './retrieval/makeKnowledge.js';
import { runAuditPlanCommand } from './operator/auditPlanCommand.js';
import { migrate, openDatabase, readMigrations } from './storage/index.js';

const USAGE = `npm run -s kb -- <command>

  ingest [--laws DIR] [--plan FILE]      bring the database in line with the law texts and plans
                                         (--laws DIR: every law in DIR; default LAWS_DIR and KB_CORPUS)
  search "question" [--k N] [--scope all|law|plan] [--corpus serving|all] [--json]
  search --batch FILE.jsonl [--k 100] [--corpus all]
                                         lines {"id","query"} in, lines {"id","results":[{"law","article","score"}]} out
  answer "question" [--locale zh|en] [--json]
  audit-plan FILE [--on YYYY-MM-DD] [--locale zh|en] [--json]
                                         outdated citations, missing articles, wrong deadlines, old authority
                                         names and missing parts of a plan (Markdown or text)
`;

const BatchLine = z.object({ id: z.union([z.string(), z.number()]), query: z.string().min(1) });

/** The knowledge CLI: a composition root of its own (config → database → retrieval). Logs go to stderr. */
async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      laws: { type: 'string' },
      plan: { type: 'string' },
      k: { type: 'string' },
      scope: { type: 'string' },
      corpus: { type: 'string' },
      batch: { type: 'string' },
      locale: { type: 'string' },
      json: { type: 'boolean' },
      on: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    process.stdout.write(USAGE);
    return;
  }
  const config = loadConfig();
  const logger = makeLogger({ level: config.logLevel === 'info' ? 'warn' : config.logLevel, pretty: false, destination: process.stderr });
  const database = await openDatabase(config, logger);
  try {
    await migrate(database.db, await readMigrations(), logger);
    const corpus = z.enum(['serving', 'all']).parse(values.corpus ?? (values.laws ? 'all' : config.kbCorpus));
    if (command === 'ingest') {
      const report = await ingestKnowledge(database.db, {
        lawsDir: values.laws ?? config.lawsDir,
        corpus: values.laws ? 'all' : config.kbCorpus,
        knowledgeDir: knowledgeDir(),
        operatorPlans: [values.plan, config.planFile].filter((p): p is string => Boolean(p)),
        logger,
      });
      process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      return;
    }
    // Like the server at start: bring the database in line with LAWS_DIR first (a no-op when unchanged),
    // so `LAWS_DIR=… kb search` works on a fresh machine without a separate ingest.
    if (config.kbIngestOnStart) {
      await ingestKnowledge(database.db, {
        lawsDir: config.lawsDir,
        corpus,
        knowledgeDir: knowledgeDir(),
        operatorPlans: config.planFile ? [config.planFile] : [],
        logger,
      });
    }
    if (command === 'audit-plan') return await runAuditPlanCommand(database.db, rest, { ...values, knowledgeDir: knowledgeDir() });
    const knowledge = await loadKnowledge({ db: database.db, knowledgeDir: knowledgeDir(), corpus, logger });
    if (knowledge.stats().articles === 0 && command !== 'answer') {
      throw new UsageError(
        `no law texts in the database. Run \`npm run -s kb -- ingest --laws ../shared/laws\` once, or set LAWS_DIR to a folder of law texts (see knowledge/laws/README.md).`,
      );
    }
    const k = z.coerce
      .number()
      .int()
      .min(1)
      .max(1000)
      .parse(values.k ?? (values.batch ? 100 : 10));
    const scope = z.enum(['all', 'law', 'plan']).parse(values.scope ?? (values.batch ? 'law' : 'all'));
    if (command === 'search' && values.batch) {
      const lines = readline.createInterface({ input: createReadStream(values.batch, 'utf8'), crlfDelay: Infinity });
      for await (const line of lines) {
        if (!line.trim()) continue;
        const q = BatchLine.parse(JSON.parse(line));
        const results = knowledge.search({ query: q.query, k, scope, corpus }).filter((r) => r.kind === 'law');
        process.stdout.write(`${JSON.stringify({ id: q.id, results: results.map((r) => ({ law: r.law, article: r.article, score: r.score })) })}\n`);
      }
      return;
    }
    const text = rest.join(' ').trim();
    if (!text) throw new Error(`"${command}" needs a question. ${USAGE}`);
    if (command === 'search') {
      const results = knowledge.search({ query: text, k, scope, corpus });
      if (values.json) process.stdout.write(`${JSON.stringify({ results })}\n`);
      else
        for (const r of results)
          process.stdout.write(
            `${r.score.toFixed(3)}  ${r.kind === 'law' ? `《${r.law}》${r.article}` : `[预案] ${r.heading}`}\n        ${r.text.replace(/\n/g, ' ').slice(0, 120)}\n`,
          );
      return;
    }
    if (command === 'answer') {
      const answer = knowledge.answer({ question: text, locale: z.enum(['zh', 'en']).parse(values.locale ?? 'zh') });
      process.stdout.write(values.json ? `${JSON.stringify(answer, null, 2)}\n` : `${answer.answer}\n`);
      return;
    }
    throw new Error(`Unknown command "${command}".\n${USAGE}`);
  } finally {
    await database.close();
  }
}

/** A problem with how the command was called or prepared, not a failure: exit code 2. */
class UsageError extends Error {}

main(process.argv.slice(2)).catch((thrown: unknown) => {
  process.stderr.write(`kb: ${coerceError(thrown).message}\n`);
  process.exit(thrown instanceof UsageError ? 2 : 1);
});
