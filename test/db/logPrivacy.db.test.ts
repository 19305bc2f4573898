import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Db } from '../../src/storage/index.js';
import { makeTestEngine } from '../helpers/engine.js';
import { startFullServer, type FullServer } from '../helpers/fullServer.js';
import { collectingLogger, readJson } from '../helpers/http.js';
import { useTestDatabase } from '../helpers/testDatabase.js';

const t = useTestDatabase();
const captured = collectingLogger('debug');
let server: FullServer;
let corruptNextAppend = false;

const NAME = '欧阳娜娜';
const PHONE = '13912345678';
const ID_NUMBER = '110101199003071234';
const STORY = `我叫${NAME}，手机${PHONE}，身份证${ID_NUMBER}，住在北京市朝阳区建国路88号`;

beforeAll(async () => {
  // A fault that makes PostgreSQL itself quote the activity in its error: a NUL escape slipped into
  // the log insert's JSON (the shape of the failure issue 15 saw in the app log and postgres.log).
  const faulty: Db = {
    ...t.db,
    query: (text, values, name) => {
      if (corruptNextAppend && name === 'weiquan_dl_insert_activities' && values) {
        corruptNextAppend = false;
        const broken = [...values];
        broken[1] = String(broken[1]).replace('"text":"', '"text":"\\u0000');
        return t.db.query(text, broken, name);
      }
      return t.db.query(text, values, name);
    },
  };
  const engine = await makeTestEngine(t.db);
  server = await startFullServer({ db: faulty, url: t.url, engine, logger: captured.logger });
}, 60_000);
afterAll(async () => {
  await server?.stop();
});

it('never logs what the user typed, nor the data a database error quotes', async () => {
  const secret = (await server.channel.sites.create({ name: 'Logs', allowedOrigins: [], locale: 'zh' })).secret;
  const gen = await readJson(await fetch(`${server.base}/v3/directline/tokens/generate`, { method: 'POST', headers: { Authorization: `Bearer ${secret}` } }));
  const auth = { Authorization: `Bearer ${gen.token}`, 'content-type': 'application/json' };
  await fetch(`${server.base}/v3/directline/conversations`, { method: 'POST', headers: auth });
  const post = (body: unknown) => fetch(`${server.base}/v3/directline/conversations/${gen.conversationId}/activities`, { method: 'POST', headers: auth, body: JSON.stringify(body) });

  // Refused at the edge: a NUL in the text, a name with a lone surrogate.
  expect((await post({ type: 'message', id: 'l1', from: { id: 'u' }, text: `${STORY}\u0000` })).status).toBe(400);
  expect((await post({ type: 'message', id: 'l2', from: { id: 'u', name: `${NAME}\uD800` }, text: 'hi' })).status).toBe(400);
  // Taken: an ordinary message full of identifiers.
  expect((await post({ type: 'message', id: 'l3', from: { id: 'u', name: NAME }, text: STORY })).status).toBe(200);
  // Failed inside PostgreSQL, whose error message and context quote the activity.
  corruptNextAppend = true;
  const failed = await post({ type: 'message', id: 'l4', from: { id: 'u', name: NAME }, text: STORY });
  expect(failed.status).toBe(500);
  // Knowledge and login with identifiers in them.
  await fetch(`${server.base}/api/knowledge/answer`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question: STORY }) });
  await fetch(`${server.base}/console/api/login`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-weiquan-console': '1' }, body: JSON.stringify({ login: PHONE, password: ID_NUMBER }) });

  const lines = captured.lines();
  const all = JSON.stringify(lines);
  for (const secretValue of [NAME, PHONE, ID_NUMBER, '建国路', 'JSON data']) expect(all, secretValue).not.toContain(secretValue);
  // What is logged instead: the SQLSTATE and the statement's name.
  const failure = lines.find((l) => l.msg === 'http.unexpected_error');
  expect(failure?.err).toMatchObject({ type: 'DatabaseError', sqlstate: '22P05', query: 'weiquan_dl_insert_activities' });
  expect(lines.some((l) => l.msg === 'request errored' || l.msg === 'request completed')).toBe(true);
});
