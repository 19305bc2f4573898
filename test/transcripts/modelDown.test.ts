import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { startFakeOpenAI, type FakeOpenAI } from '../helpers/fakeOpenAI.js';
import { makeModelTestEngine } from '../helpers/llm.js';
import { useTestDatabase } from '../helpers/testDatabase.js';
import { Transcript } from './transcriptFormat.js';

const dir = path.dirname(fileURLToPath(import.meta.url));
const files = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.yaml'))
  .sort();
const t = useTestDatabase();

let fake: FakeOpenAI;
beforeAll(async () => {
  fake = await startFakeOpenAI();
  // The endpoint hangs on every call: each model call runs into its deadline.
  fake.onChat(() => ({ hang: true }));
});
afterAll(() => fake.close());

const scrub = (s: string) => s.replace(/WQ-\d{8}-[2-9A-Z]{4}/g, 'WQ-CASE');

/**
 * Every transcript conversation, with the model endpoint unreachable, hanging, or failing: the user
 * sees exactly what the offline engine sends, turn for turn. (The circuit breaker then skips the model,
 * so a dead endpoint costs at most a few deadlines, not one per turn.)
 */
describe('with the model down, every transcript conversation completes as offline', () => {
  it.each(['unreachable', 'hanging', 'failing'] as const)(
    'endpoint %s',
    async (mode) => {
      if (mode === 'failing') fake.onChat(() => ({ status: 503 }));
      const baseUrl = mode === 'unreachable' ? 'http://127.0.0.1:9/v1' : fake.baseUrl;
      const outcomes: string[] = [];
      for (const file of files) {
        const transcript = Transcript.parse(parse(fs.readFileSync(path.join(dir, file), 'utf8')));
        const offline = await makeModelTestEngine(t.db, { now: transcript.now });
        const down = await makeModelTestEngine(t.db, { baseUrl, timeoutMs: 250, now: transcript.now });
        let turn = 0;
        for (const step of transcript.steps) {
          if ('now' in step) {
            offline.setNow(step.now);
            down.setNow(step.now);
          }
          if (!('user' in step)) continue;
          const said = typeof step.user === 'string' ? { text: step.user } : { text: step.user.text, ...(step.user.value ? { value: step.user.value } : {}) };
          const turnId = `turn-${++turn}`;
          const a = await offline.runTurn({ conversationId: `down-offline-${mode}-${file}`, channel: 'test', turnId, locale: transcript.locale, ...said });
          const b = await down.runTurn({ conversationId: `down-${mode}-${file}`, channel: 'test', turnId, locale: transcript.locale, ...said });
          const where = `${file} ${turnId} ${said.text}`;
          expect(b.stage, where).toBe(a.stage);
          expect(
            b.replies.map((r) => scrub(r.text)),
            where,
          ).toEqual(a.replies.map((r) => scrub(r.text)));
        }
        outcomes.push(...down.outcomes.map((o) => o.outcome));
      }
      // The model was tried, and failed the way this endpoint fails.
      expect(outcomes).toContain(mode === 'hanging' ? 'timeout' : 'error');
      expect(outcomes.filter((o) => o === 'ok')).toEqual([]);
    },
    300_000,
  );
});
