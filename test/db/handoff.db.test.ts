import { testSeal } from '../helpers/testSeal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/agents/password.js';
import { createAgent } from '../../src/agents/sql/agentStore.js';
import { clearPresence, selectTimedOutWaiting, writePresence } from '../../src/handoff/sql/handoffStore.js';
import { consoleAgent, directLineConsumer, startConsoleServer, type ConsoleServer, type ConsumerActivity as Activity } from '../helpers/consoleServer.js';
import { makeTestEngine } from '../helpers/engine.js';
import { readJson } from '../helpers/http.js';
import { useTestDatabase } from '../helpers/testDatabase.js';

/**
 * Human handoff end to end over HTTP: a consumer on Direct Line, agents in the console API, the real
 * engine and PostgreSQL. Covers the handoff regressions of domain.md A.4.
 */
const t = useTestDatabase();
let server: ConsoleServer;
let base: string;
let sweep: () => Promise<number>;
let secret: string;
const PASSWORD = 'correct horse battery staple';

beforeAll(async () => {
  server = await startConsoleServer({ db: t.db, url: t.url, engine: await makeTestEngine(t.db) });
  base = server.base;
  sweep = () => server.agentConsole.handoff.sweepTimeouts();
  for (const id of ['shop_a', 'shop_b']) {
    const created = await server.channel.sites.create({ id, name: id, allowedOrigins: [`https://${id}.example`], locale: 'zh' });
    if (id === 'shop_a') secret = created.secret;
    for (const n of [1, 2])
      await createAgent(t.db, { login: `${id}.agent${n}`, displayName: `客服${n}号`, siteId: id, role: 'agent', passwordHash: await hashPassword(PASSWORD) });
  }
});
afterAll(() => server?.stop());

let otherAgent: Awaited<ReturnType<typeof consoleAgent>> | undefined;
const owner = async (id: string) =>
  (await t.db.query<{ owner: string; agent_id: string | null }>('select owner, agent_id from conversations where id = $1', [id])).rows[0];
const texts = (acts: Activity[]) => acts.map((a) => a.text ?? '').join('\n');

describe('handoff to an agent and back', () => {
  it('queues, lets exactly one agent claim, keeps the bot silent, and resumes at the right step', async () => {
    const c = await directLineConsumer(base, secret);
    await c.say('同意');
    await c.say('我在淘宝买的运动鞋是假货，花了599元，11月1号下单，11月3号收到');
    const before = (await t.db.query<{ snapshot: { value: string } }>('select snapshot from conversations where id = $1', [c.id])).rows[0]?.snapshot.value;
    const asked = await c.say('转人工');
    expect(texts(asked)).toContain('人工客服');
    expect(await owner(c.id)).toMatchObject({ owner: 'waiting' });

    // A second request while one is pending is acknowledged once, not queued twice.
    const again = await c.say('人工客服');
    expect(texts(again)).toContain('不需要重复申请');
    const a1 = await consoleAgent(base, PASSWORD, 'shop_a.agent1');
    const a2 = await consoleAgent(base, PASSWORD, 'shop_a.agent2');
    const queue = await a1.queue();
    expect(queue.waiting.filter((i: { conversationId: string }) => i.conversationId === c.id)).toHaveLength(1);
    expect(queue.waiting.find((i: { conversationId: string }) => i.conversationId === c.id)).toMatchObject({
      siteId: 'shop_a',
      category: 'counterfeit',
      reason: 'requested',
      channel: 'directline',
    });

    // Two agents claim at once: exactly one wins.
    const claims = await Promise.all([a1.post(`/conversations/${c.id}/claim`), a2.post(`/conversations/${c.id}/claim`)]);
    expect(claims.map((r) => r.status).sort()).toEqual([200, 409]);
    const winner = claims[0]?.status === 200 ? a1 : a2;
    const loser = winner === a1 ? a2 : a1;
    const view = await readJson(await winner.api(`/conversations/${c.id}`));
    expect(view.conversation).toMatchObject({ owner: 'agent', stage: 'handoff' });
    expect(view.case).toMatchObject({ status: 'awaiting_agent', record: { order: { amountFen: 59_900 } } });
    expect(view.transcript.some((e: { from: string; text: string }) => e.from === 'user' && e.text === '转人工')).toBe(true);

    // The consumer writes: the agent sees it, the bot says nothing.
    const silent = await c.say('你好，我想问问能赔多少');
    expect(silent).toEqual([]);
    const seen = await readJson(await winner.api(`/conversations/${c.id}`));
    expect(seen.transcript.at(-1)).toMatchObject({ from: 'user', text: '你好，我想问问能赔多少' });

    // Only the owner may reply; the consumer gets it on their channel.
    expect((await loser.post(`/conversations/${c.id}/messages`, { text: '我来' })).status).toBe(409);
    const sent = await winner.post(`/conversations/${c.id}/messages`, {
      text: '您好，可以主张三倍赔偿。',
      citations: [{ law: '消费者权益保护法', article: '第五十五条' }],
    });
    expect(sent.status).toBe(200);
    const reply = await c.read();
    expect(reply).toHaveLength(1);
    expect(reply[0]).toMatchObject({ text: '您好，可以主张三倍赔偿。', from: { name: expect.stringContaining('客服') } });

    // Notes are internal: on the case, never sent to the consumer.
    expect((await winner.post(`/conversations/${c.id}/notes`, { text: '客户情绪稳定' })).status).toBe(200);
    expect(await c.read()).toEqual([]);

    // Hand back: the bot tells the consumer and carries on from where it was.
    const back = await winner.post(`/conversations/${c.id}/handback`, {});
    expect(back.status).toBe(200);
    expect(await owner(c.id)).toMatchObject({ owner: 'bot', agent_id: null });
    const resumed = await c.read();
    expect(texts(resumed)).toContain('交还给我');
    expect(resumed.at(-1)?.channelData?.weiquan?.stage).toBe(before);
    const next = await c.say('有订单截图和聊天记录');
    expect(next.length).toBeGreaterThan(0);

    const events = (
      await t.db.query<{ actor: string; payload: { to: string } }>(
        'select actor, payload from conversation_events where conversation_id = $1 and type = $2 order by seq',
        [c.id, 'owner_changed'],
      )
    ).rows;
    expect(events.map((e) => e.payload.to)).toEqual(['waiting', 'agent', 'bot']);
    expect(events[0]?.actor).toBe('consumer');
    expect(events[1]?.actor).toMatch(/^agent:agt_/);
    expect(events[2]?.actor).toBe(events[1]?.actor);
  });

  it('a conversation closed by the agent and reopened by the consumer comes back to the bot, with no loop', async () => {
    const c = await directLineConsumer(base, secret);
    await c.say('同意');
    await c.say('转人工');
    const agent = await consoleAgent(base, PASSWORD, 'shop_a.agent1');
    expect((await agent.post(`/conversations/${c.id}/claim`)).status).toBe(200);
    // No case yet (no dispute told): the note stays on the conversation and the console shows it.
    expect((await agent.post(`/conversations/${c.id}/notes`, { text: '只是咨询，未建案' })).status).toBe(200);
    const withNote = await readJson(await agent.api(`/conversations/${c.id}`));
    expect(withNote.case).toBeNull();
    expect(withNote.notes).toEqual([expect.objectContaining({ text: '只是咨询，未建案', actor: expect.stringMatching(/^agent:/) })]);
    expect((await agent.post(`/conversations/${c.id}/close`)).status).toBe(200);
    expect(await owner(c.id)).toMatchObject({ owner: 'closed' });
    expect(texts(await c.read())).toContain('人工服务已结束');
    const reopened = await c.say('我还有个问题，淘宝买的衣服不能退怎么办');
    expect(texts(reopened)).toContain('欢迎回来');
    expect(await owner(c.id)).toMatchObject({ owner: 'bot' });
    // Not back in the queue: the bot took it.
    expect((await agent.queue()).waiting.some((i: { conversationId: string }) => i.conversationId === c.id)).toBe(false);
    // A closed conversation cannot be handed back or closed twice.
    expect((await agent.post(`/conversations/${c.id}/close`)).status).toBe(409);
  });

  it('a retried handoff message is answered once and queued once', async () => {
    const c = await directLineConsumer(base, secret);
    await c.say('同意');
    const first = await c.say('转人工', 'retry-me');
    const retry = await c.say('转人工', 'retry-me');
    expect(texts(first)).toContain('人工客服');
    expect(retry).toEqual([]);
    const events = await t.db.query('select 1 from conversation_events where conversation_id = $1 and payload->>$2 = $3', [c.id, 'to', 'waiting']);
    expect(events.rowCount).toBe(1);
  });

  it('tells a consumer nobody is free after the timeout, once, and leaves the case awaiting an agent', async () => {
    const c = await directLineConsumer(base, secret);
    await c.say('同意');
    await c.say('京东买的电饭煲用了一周就坏了，花了399元，11月1号下单，11月3号收到');
    await c.say('转人工');
    await t.db.query(`update conversations set handoff_requested_at = now() - interval '2 hours' where id = $1`, [c.id]);
    expect(await sweep()).toBeGreaterThanOrEqual(1);
    const told = await c.read();
    expect(texts(told)).toContain('没有客服能接待');
    expect(await sweep()).toBe(0);
    expect(await c.read()).toEqual([]);
    const k = (
      await t.db.query<{ status: string; n: number }>(
        `select status, (select count(*)::int from case_events e where e.case_no = k.case_no and e.type = 'no_agent_available') as n from cases k where conversation_id = $1`,
        [c.id],
      )
    ).rows[0];
    expect(k).toEqual({ status: 'awaiting_agent', n: 1 });
    // Leaving a number while waiting puts it on the case for the agent.
    await c.say('我的手机号是13912345678');
    // (Sealed at rest: opened with the key.)
    const stored = await t.db.query<{ record: { contact: { phone?: string } } }>(`select record from cases where conversation_id = $1`, [c.id]);
    expect(JSON.stringify(stored.rows[0]?.record)).not.toContain('13912345678');
    expect(testSeal.open(stored.rows[0]?.record)?.contact.phone).toBe('13912345678');
  });
});

describe('nobody online', () => {
  it('tells a waiting consumer after a short grace when no agent of the site has the console open', async () => {
    const waiting = async () => {
      const c = await directLineConsumer(base, secret);
      await c.say('同意');
      await c.say('转人工');
      await t.db.query(`update conversations set handoff_requested_at = now() - interval '20 seconds' where id = $1`, [c.id]);
      return c.id;
    };
    // Nobody online: due after the 10 s grace, long before the hour's timeout.
    const alone = await waiting();
    let due = await selectTimedOutWaiting(t.db, 3600, 10);
    expect(due.filter((d) => d.id === alone)).toEqual([expect.objectContaining({ id: alone, nobodyOnline: true })]);
    // An agent of the site online (fresh presence): the consumer keeps waiting for them.
    const agentId = (await t.db.query<{ id: string }>(`select id from agents where login = 'shop_a.agent1'`)).rows[0]?.id ?? '';
    await writePresence(t.db, '00000000-0000-4000-8000-000000000001', { id: agentId, sites: ['shop_a'] }, 1);
    const attended = await waiting();
    due = await selectTimedOutWaiting(t.db, 3600, 10);
    expect(due.some((d) => d.id === attended)).toBe(false);
    // A presence whose instance stopped refreshing it does not count.
    await t.db.query(`update agent_presence set seen_at = now() - interval '5 minutes'`);
    due = await selectTimedOutWaiting(t.db, 3600, 10);
    expect(due.some((d) => d.id === attended)).toBe(true);
    await clearPresence(t.db, '00000000-0000-4000-8000-000000000001');
  });
});

describe('console authorization', () => {
  it('refuses anonymous calls, other sites, missing CSRF header and wrong passwords', async () => {
    const c = await directLineConsumer(base, secret);
    await c.say('同意');
    await c.say('转人工');
    const b = await consoleAgent(base, PASSWORD, 'shop_b.agent1');
    expect((await b.queue()).waiting.some((i: { conversationId: string }) => i.conversationId === c.id)).toBe(false);
    expect((await b.api(`/conversations/${c.id}`)).status).toBe(404);
    expect((await b.post(`/conversations/${c.id}/claim`)).status).toBe(404);
    expect((await fetch(`${base}/console/api/queue`)).status).toBe(401);
    expect((await fetch(`${base}/console/api/conversations/${c.id}`)).status).toBe(401);
    const a = await consoleAgent(base, PASSWORD, 'shop_a.agent1');
    const noHeader = await fetch(`${base}/console/api/conversations/${c.id}/claim`, { method: 'POST', headers: { cookie: a.cookie } });
    expect(noHeader.status).toBe(403);
    const wrong = await fetch(`${base}/console/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-weiquan-console': '1' },
      body: JSON.stringify({ login: 'shop_a.agent1', password: 'nope' }),
    });
    expect(wrong.status).toBe(401);
    const unknown = await fetch(`${base}/console/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-weiquan-console': '1' },
      body: JSON.stringify({ login: 'nobody', password: 'nope' }),
    });
    // The same answer for an unknown login and a wrong password: nothing tells which logins exist.
    expect(unknown.status).toBe(401);
    expect((await readJson(unknown)).error.message).toBe((await readJson(wrong)).error.message);
    const logout = await a.post('/logout');
    expect(logout.status).toBe(204);
    expect((await a.api('/me')).status).toBe(401);
  });

  it.each([
    ['GET', '/conversations/{id}'],
    ['POST', '/conversations/{id}/claim'],
    ['POST', '/conversations/{id}/messages'],
    ['POST', '/conversations/{id}/notes'],
    ['POST', '/conversations/{id}/handback'],
    ['POST', '/conversations/{id}/close'],
    ['GET', '/evidence/ev_00000000000000000000'],
  ])('%s %s: anonymous → 401, another site’s agent → 404, nothing changed', async (method, template) => {
    const c = await directLineConsumer(base, secret);
    await c.say('同意');
    await c.say('转人工');
    const p = template.replace('{id}', c.id);
    const body = p.endsWith('/messages') || p.endsWith('/notes') ? { text: '越权测试' } : {};
    const init = (cookie?: string): RequestInit => ({
      method,
      headers: { 'x-weiquan-console': '1', ...(cookie ? { cookie } : {}), ...(method === 'POST' ? { 'content-type': 'application/json' } : {}) },
      ...(method === 'POST' ? { body: JSON.stringify(body) } : {}),
    });
    const anonymous = await fetch(`${base}/console/api${p}`, init());
    expect(anonymous.status).toBe(401);
    // One sign-in for the whole table: sign-ins are rate limited per address and login.
    otherAgent ??= await consoleAgent(base, PASSWORD, 'shop_b.agent2');
    const other = otherAgent;
    const foreign = await fetch(`${base}/console/api${p}`, init(other.cookie));
    expect(foreign.status).toBe(404);
    expect(await foreign.text()).not.toContain('转人工');
    expect(await owner(c.id)).toMatchObject({ owner: 'waiting', agent_id: null });
    expect(await c.read()).toEqual([]);
  });

  it('a supervisor sees the sites they are granted, and only those', async () => {
    await createAgent(t.db, {
      login: 'lead',
      displayName: '主管',
      siteId: 'shop_b',
      role: 'supervisor',
      passwordHash: await hashPassword(PASSWORD),
      grants: ['shop_a'],
    });
    const c = await directLineConsumer(base, secret);
    await c.say('同意');
    await c.say('转人工');
    const lead = await consoleAgent(base, PASSWORD, 'lead');
    expect((await readJson(await lead.api('/me'))).agent.sites.sort()).toEqual(['shop_a', 'shop_b']);
    expect((await lead.queue()).waiting.some((i: { conversationId: string }) => i.conversationId === c.id)).toBe(true);
    expect((await lead.post(`/conversations/${c.id}/claim`)).status).toBe(200);
  });
});
