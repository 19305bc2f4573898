import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { hashPassword } from '../../src/agents/password.js';
import { createAgent } from '../../src/agents/sql/agentStore.js';
import { consoleAgent, directLineConsumer, startConsoleServer, type ConsoleServer } from '../helpers/consoleServer.js';
import { makeTestEngine } from '../helpers/engine.js';
import { readJson } from '../helpers/http.js';
import { useTestDatabase } from '../helpers/testDatabase.js';

/**
 * Two service instances on one database: the consumer talks to instance A, the agent works on
 * instance B. Queue changes, the consumer's messages and the agent's replies cross through
 * PostgreSQL LISTEN/NOTIFY, both ways, live.
 */
const t = useTestDatabase();
const PASSWORD = 'correct horse battery staple';
let a: ConsoleServer;
let b: ConsoleServer;
let secret: string;

beforeAll(async () => {
  // Each instance has its own engine (and its own memory of recent conversations), as two processes would.
  a = await startConsoleServer({ db: t.db, url: t.url, engine: await makeTestEngine(t.db) });
  b = await startConsoleServer({ db: t.db, url: t.url, engine: await makeTestEngine(t.db) });
  secret = (await a.channel.sites.create({ id: 'shop_x', name: 'shop x', allowedOrigins: ['https://x.example'], locale: 'zh' })).secret;
  await createAgent(t.db, { login: 'x.agent', displayName: '小王', siteId: 'shop_x', role: 'agent', passwordHash: await hashPassword(PASSWORD) });
});
afterAll(async () => {
  await a?.stop();
  await b?.stop();
});

/** A WebSocket whose messages are kept, with a wait for the one a test expects. */
function socket(url: string, headers: Record<string, string>) {
  const ws = new WebSocket(url, { headers });
  const messages: Record<string, unknown>[] = [];
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  ws.on('message', (data) => messages.push(JSON.parse(String(data)) as Record<string, unknown>));
  return {
    ws,
    messages,
    opened,
    async until(test: (m: Record<string, unknown>) => boolean, what: string): Promise<Record<string, unknown>> {
      for (let i = 0; i < 200; i++) {
        const found = messages.find(test);
        if (found) return found;
        await new Promise((r) => setTimeout(r, 25));
      }
      throw new Error(`no ${what} within 5 s; got ${JSON.stringify(messages)}`);
    },
  };
}

describe('handoff across two instances', () => {
  it('carries the queue, the consumer’s messages and the agent’s replies both ways', async () => {
    const agent = await consoleAgent(b.base, PASSWORD, 'x.agent');
    const live = socket(`${b.base.replace('http', 'ws')}/console/stream`, { cookie: agent.cookie, origin: b.base });
    await live.opened;
    await live.until((m) => m.type === 'hello', 'hello');

    // Consumer on A asks for a person: the agent's queue on B is woken.
    const consumer = await directLineConsumer(a.base, secret);
    await consumer.say('同意');
    await consumer.say('转人工');
    await live.until((m) => m.type === 'queue', 'queue notification');
    expect((await agent.queue()).waiting.map((i: { conversationId: string }) => i.conversationId)).toContain(consumer.id);

    // Claimed on B; the consumer's WebSocket stream on A is open.
    expect((await agent.post(`/conversations/${consumer.id}/claim`)).status).toBe(200);
    live.ws.send(JSON.stringify({ type: 'watch', conversationId: consumer.id, afterSeq: 0 }));
    await live.until((m) => m.type === 'entry' && (m.entry as { text: string }).text === '转人工', 'the transcript backlog');
    const conv = await readJson(
      await fetch(`${a.base}/v3/directline/conversations/${consumer.id}`, { method: 'GET', headers: { Authorization: `Bearer ${consumer.token}` } }),
    );
    const stream = socket(conv.streamUrl, {});
    await stream.opened;

    // Consumer (A) → agent (B), live; the bot stays silent.
    expect(await consumer.say('请问多久能处理？')).toEqual([]);
    await live.until((m) => m.type === 'entry' && (m.entry as { text: string; from: string }).text === '请问多久能处理？', 'the consumer’s message on B');

    // Agent (B) → consumer (A), pushed on the consumer's stream.
    expect((await agent.post(`/conversations/${consumer.id}/messages`, { text: '今天内给您答复。' })).status).toBe(200);
    await stream.until(
      (m) =>
        ((m.activities as { text?: string; from: { id: string } }[] | undefined) ?? []).some(
          (x) => x.text === '今天内给您答复。' && x.from.id.startsWith('agent:'),
        ),
      'the agent’s reply on A',
    );

    // Handed back on B: the consumer on A gets the bot again.
    expect((await agent.post(`/conversations/${consumer.id}/handback`, {})).status).toBe(200);
    const after = await consumer.say('好的');
    expect(after.length).toBeGreaterThan(0);
    live.ws.close();
    stream.ws.close();
  });

  it('records which agents have the console open, for every instance to see', async () => {
    const agent = await consoleAgent(a.base, PASSWORD, 'x.agent');
    const present = async () =>
      (
        await t.db.query<{ n: number }>(
          `select coalesce(sum(connections), 0)::int as n from agent_presence p join agents g on g.id = p.agent_id where g.login = 'x.agent'`,
        )
      ).rows[0]?.n;
    const live = socket(`${a.base.replace('http', 'ws')}/console/stream`, { cookie: agent.cookie, origin: a.base });
    await live.opened;
    await live.until((m) => m.type === 'hello', 'hello');
    for (let i = 0; i < 100 && (await present()) !== 1; i++) await new Promise((r) => setTimeout(r, 20));
    expect(await present()).toBe(1);
    live.ws.close();
    for (let i = 0; i < 100 && (await present()) !== 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(await present()).toBe(0);
  });

  it('refuses the console stream without a session or from another origin', async () => {
    const anonymous = socket(`${b.base.replace('http', 'ws')}/console/stream`, {});
    await expect(anonymous.opened).rejects.toThrow(/401/);
    const agent = await consoleAgent(b.base, PASSWORD, 'x.agent');
    const foreign = socket(`${b.base.replace('http', 'ws')}/console/stream`, { cookie: agent.cookie, origin: 'https://evil.example' });
    await expect(foreign.opened).rejects.toThrow(/403/);
  });
});
