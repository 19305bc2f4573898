import { afterAll, beforeAll, expect, it } from 'vitest';
import { AppError } from '../../src/errors.js';
import type { Db } from '../../src/storage/index.js';
import { startChannelServer, type ChannelServer } from '../helpers/channelServer.js';
import { makeTestEngine } from '../helpers/engine.js';
import { readJson } from '../helpers/http.js';
import { useTestDatabase } from '../helpers/testDatabase.js';

const t = useTestDatabase();
let server: ChannelServer;
let secret: string;
let failNextAppend = false;

beforeAll(async () => {
  // The channel's database, with a fault we can switch on: the next activity-log insert fails as a dropped connection would.
  const faulty: Db = {
    ...t.db,
    query: (text, values, name) => {
      if (failNextAppend && name === 'weiquan_dl_insert_activities') {
        failNextAppend = false;
        return Promise.reject(new AppError('DATABASE_UNAVAILABLE', 'The database is not reachable right now; please retry shortly.'));
      }
      return t.db.query(text, values, name);
    },
  };
  const engine = await makeTestEngine(t.db);
  server = await startChannelServer({ db: faulty, url: t.url, engine });
  secret = (await server.channel.sites.create({ name: 'Atomic', allowedOrigins: [], locale: 'zh' })).secret;
});
afterAll(async () => {
  await server?.stop();
});

it('a turn whose activity-log write fails leaves nothing written, and its retry completes it once', async () => {
  const gen = await readJson(await fetch(`${server.base}/v3/directline/tokens/generate`, { method: 'POST', headers: { Authorization: `Bearer ${secret}` } }));
  const auth = { Authorization: `Bearer ${gen.token}` };
  expect((await fetch(`${server.base}/v3/directline/conversations`, { method: 'POST', headers: auth })).status).toBe(201);
  const id: string = gen.conversationId;
  const state = async () => ({
    version: (await t.db.query<{ version: number }>('select version from conversations where id = $1', [id])).rows[0]?.version,
    turns: (await t.db.query<{ turn_id: string }>('select turn_id from processed_turns where conversation_id = $1 order by turn_id', [id])).rows.map((r) => r.turn_id),
    log: (await t.db.query<{ client_id: string }>('select client_id from channel_activities where conversation_id = $1 order by seq', [id])).rows.map((r) => r.client_id),
  });
  const before = await state();
  const send = () =>
    fetch(`${server.base}/v3/directline/conversations/${id}/activities`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', id: 'm-atomic', from: { id: 'u' }, text: '同意' }),
    });

  failNextAppend = true;
  const failed = await send();
  expect(failed.status).toBe(503);
  expect((await readJson(failed)).error.code).toBe('DATABASE_UNAVAILABLE');
  // Neither the engine's turn nor any log row: the conversation is exactly as before.
  expect(await state()).toEqual(before);

  const retried = await send();
  expect(retried.status).toBe(200);
  const after = await state();
  expect(after.version).toBe((before.version ?? 0) + 1);
  expect(after.turns.filter((x) => x === 'm-atomic')).toHaveLength(1);
  expect(after.log.filter((x) => x === 'm-atomic')).toHaveLength(1);
  expect(after.log.some((x) => x.startsWith('m-atomic#r'))).toBe(true);
  // A third send (a lost answer) appends nothing and runs no second turn.
  expect((await send()).status).toBe(200);
  expect(await state()).toEqual(after);
});
