import { testSeal } from './testSeal.js';
import { caseIds, parseDate } from '../../src/engineDeps.js';
import path from 'node:path';
import { understandOffline } from '../../src/understanding/index.js';
import { makeRunTurn } from '../../src/engine/runTurn.js';
import type { InboundMessage, OutboundReply, TurnResult } from '../../src/engine/types.js';
import { makeLogger } from '../../src/logger.js';
import { loadKnowledge, type Knowledge } from '../../src/retrieval/makeKnowledge.js';
import { assess } from '../../src/rules/assess/index.js';
import { loadHolidayCalendar, makeCalendar } from '../../src/rules/calendar/index.js';
import type { Db } from '../../src/storage/index.js';
import { repoRoot } from './paths.js';

export type TestEngine = {
  runTurn: (inbound: InboundMessage) => Promise<TurnResult>;
  knowledge: Knowledge;
  /** Moves the engine's clock. */
  setNow: (iso: string) => void;
};

/** The real engine over a test database, with an injected clock. */
export async function makeTestEngine(db: Db, now = '2026-11-28T10:00:00+08:00'): Promise<TestEngine> {
  const logger = makeLogger({ level: 'silent', pretty: false });
  const knowledgeDir = path.join(repoRoot, 'knowledge');
  const knowledge = await loadKnowledge({ db, knowledgeDir, corpus: 'serving', logger });
  const calendar = makeCalendar(await loadHolidayCalendar(path.join(knowledgeDir, 'holidays/cn.json')));
  let clock = new Date(now);
  const runTurn = makeRunTurn({
    db,
    understand: understandOffline,
    answer: knowledge.answer,
    quote: knowledge.article,
    assess: (input) => assess(input, calendar),
    parseDate,
    caseIds,
    seal: testSeal,
    now: () => clock,
    logger,
  });
  return { runTurn, knowledge, setNow: (iso) => (clock = new Date(iso)) };
}

/** A collecting channel: one conversation, replies appended as they come. */
export function collectingChannel(engine: TestEngine, conversationId: string, channel = 'test') {
  let turn = 0;
  const transcript: { user?: string; bot: OutboundReply[] }[] = [];
  return {
    transcript,
    async say(text: string, value?: string): Promise<TurnResult> {
      const result = await engine.runTurn({ conversationId, channel, turnId: `t${++turn}`, text, ...(value ? { value } : {}) });
      transcript.push({ user: text, bot: result.replies });
      return result;
    },
  };
}
