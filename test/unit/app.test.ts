import { Router } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { makeApp } from '../../src/server/app.js';
import { listen, type RunningServer } from '../../src/server/listen.js';
import { collectingLogger, readJson } from '../helpers/http.js';

let shuttingDown = false;
const log = collectingLogger('debug');
let server: RunningServer;
let base: string;

beforeAll(async () => {
  const routes = Router();
  routes.get('/test/boom', () => {
    throw new Error('secret internal detail');
  });
  routes.post('/test/validated', (req, res) => {
    const body = z.object({ question: z.string().min(1) }).parse(req.body);
    res.json({ echoedLength: body.question.length });
  });
  routes.get('/test/logs', (req, res) => {
    req.log.info('test.inside_handler');
    res.json({ ok: true });
  });
  const app = makeApp({
    logger: log.logger,
    bodyLimit: '1kb',
    trustProxy: false,
    readiness: async () => ({ ready: true, checks: { database: 'ok' } }),
    poolStats: () => ({ total: 3, idle: 2, waiting: 0, max: 10 }),
    isShuttingDown: () => shuttingDown,
    routers: [routes],
  });
  server = await listen(app, 0, '127.0.0.1');
  base = `http://127.0.0.1:${server.port}`;
});

afterAll(() => server.close(100));

describe('the HTTP app', () => {
  it('answers an unknown route with a JSON 404 carrying the request id', async () => {
    const res = await fetch(`${base}/no/such/thing`);
    expect(res.status).toBe(404);
    const body = await readJson(res);
    expect(body).toEqual({ error: { code: 'NOT_FOUND', message: expect.stringContaining('/no/such/thing'), requestId: res.headers.get('x-request-id') } });
  });

  it('answers malformed JSON with 400 INVALID_JSON', async () => {
    const res = await fetch(`${base}/test/validated`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"question":' });
    expect(res.status).toBe(400);
    expect((await readJson(res)).error.code).toBe('INVALID_JSON');
  });

  it('answers an oversized body with 413 PAYLOAD_TOO_LARGE', async () => {
    const res = await fetch(`${base}/test/validated`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ question: 'x'.repeat(5000) }),
    });
    expect(res.status).toBe(413);
    expect((await readJson(res)).error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers a schema violation with 400 VALIDATION_FAILED naming the field', async () => {
    const res = await fetch(`${base}/test/validated`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ question: 42 }),
    });
    expect(res.status).toBe(400);
    const body = await readJson(res);
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.details[0].path).toBe('question');
  });

  it('turns an unexpected error into a 500 without leaking its message or stack', async () => {
    const res = await fetch(`${base}/test/boom`);
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text).error.code).toBe('INTERNAL');
    expect(text).not.toContain('secret internal detail');
    expect(text).not.toMatch(/at .*\.ts:\d+/);
  });

  it('keeps a safe caller-supplied request id and replaces an unsafe one', async () => {
    const kept = await fetch(`${base}/healthz`, { headers: { 'x-request-id': 'abc-123' } });
    expect(kept.headers.get('x-request-id')).toBe('abc-123');
    const replaced = await fetch(`${base}/healthz`, { headers: { 'x-request-id': 'bad id\nwith newline'.replace('\n', ' ') } });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('puts the request id on every log line of a request', async () => {
    const res = await fetch(`${base}/test/logs?token=should-not-be-logged`);
    const id = res.headers.get('x-request-id');
    const lines = log.lines().filter((l) => l.requestId === id);
    expect(lines.map((l) => l.msg)).toEqual(expect.arrayContaining(['test.inside_handler', 'request completed']));
    expect(JSON.stringify(log.lines())).not.toContain('should-not-be-logged');
  });

  it('serves Prometheus metrics with per-route request counts, latency and pool stats', async () => {
    await fetch(`${base}/healthz`);
    const text = await (await fetch(`${base}/metrics`)).text();
    expect(text).toMatch(/http_requests_total\{method="GET",route="\/healthz",status="200"\} \d+/);
    expect(text).toContain('http_request_duration_seconds_bucket');
    expect(text).toContain('db_pool_connections{state="idle"} 2');
    expect(text).toContain('process_cpu_seconds_total');
  });

  it('refuses new work with 503 while shutting down, and reports not ready', async () => {
    shuttingDown = true;
    try {
      const ready = await fetch(`${base}/readyz`);
      expect(ready.status).toBe(503);
      const other = await fetch(`${base}/test/logs`);
      expect(other.status).toBe(503);
      expect((await readJson(other)).error.code).toBe('SHUTTING_DOWN');
    } finally {
      shuttingDown = false;
    }
  });
});
