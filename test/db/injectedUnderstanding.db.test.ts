import { testSeal } from '../helpers/testSeal.js';
import { caseIds, parseDate } from '../../src/engineDeps.js';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findCase } from '../../src/cases/sql/caseStore.js';
import { makeRunTurn } from '../../src/engine/runTurn.js';
import { understandOffline, type Understand, type UnderstandContext } from '../../src/understanding/index.js';
import { makeLogger } from '../../src/logger.js';
import { loadKnowledge } from '../../src/retrieval/makeKnowledge.js';
import { assess } from '../../src/rules/assess/index.js';
import { loadHolidayCalendar, makeCalendar } from '../../src/rules/calendar/index.js';
import { repoRoot } from '../helpers/paths.js';
import { useTestDatabase } from '../helpers/testDatabase.js';

const t = useTestDatabase();

describe('understanding is injected, all of it', () => {
  it('reads the 12315 complaint details through the injected understand, so another one (an LLM) can answer them', async () => {
    const logger = makeLogger({ level: 'silent', pretty: false });
    const knowledgeDir = path.join(repoRoot, 'knowledge');
    const knowledge = await loadKnowledge({ db: t.db, knowledgeDir, corpus: 'serving', logger });
    const calendar = makeCalendar(await loadHolidayCalendar(path.join(knowledgeDir, 'holidays/cn.json')));
    const asked: UnderstandContext['awaiting'][] = [];
    // Stands in for a model: it reads a name out of a roundabout sentence the offline rules keep whole,
    // and it knows a placeholder is no name. Neither is overruled by built-in rules in the engine.
    const understand: Understand = async (message, context) => {
      asked.push(context.awaiting);
      const offline = await understandOffline(message, context);
      if (context.awaiting !== 'complainantName') return offline;
      const { complainantName: _rulesRead, ...others } = offline.slots;
      if (message.includes('全名')) return { ...offline, slots: { ...others, complainantName: '李小龙' } };
      return message === '随便写个名字' ? { ...offline, slots: others } : offline;
    };
    const runTurn = makeRunTurn({
      db: t.db,
      understand,
      answer: knowledge.answer,
      assess: (input) => assess(input, calendar),
      parseDate,
      caseIds,
      seal: testSeal,
      now: () => new Date('2026-11-28T10:00:00+08:00'),
      logger,
    });
    let n = 0;
    const say = (text: string) => runTurn({ conversationId: 'injected-understanding', channel: 'test', turnId: `t${++n}`, text });

    await say('同意');
    await say('上个月25号在拼多多买了一台299的破壁机，物流显示签收了，但我根本没收到');
    await say('物流记录和聊天记录都截图了');
    await say('商家拒绝了');
    const external = await say('平台也不管');
    expect(external.replies.at(-1)?.channelData.weiquan.awaiting?.slot).toBe('complainantName');
    const placeholder = await say('随便写个名字');
    expect(placeholder.replies.at(-1)?.channelData.weiquan.awaiting?.slot).toBe('complainantName');
    const named = await say('叫我小李就行，全名是李小龙');
    expect(asked.at(-1)).toBe('complainantName');
    expect(named.replies.at(-1)?.channelData.weiquan.awaiting?.slot).toBe('phone');
    expect((await findCase(t.db, testSeal, named.caseNo ?? ''))?.record.contact.name).toBe('李小龙');
  });
});
