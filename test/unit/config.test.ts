import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configKeys, parseConfig } from '../../src/config.js';

describe('parseConfig', () => {
  it('gives working defaults for an empty environment', () => {
    const result = parseConfig({});
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config).toMatchObject({ port: 3978, databaseUrl: undefined, dataDir: '.data', bodyLimit: '100kb', logPretty: false, trustProxy: false });
  });

  it('accepts PORT=0 so tests can listen on a free port', () => {
    const result = parseConfig({ PORT: '0' });
    expect(result.ok && result.config.port).toBe(0);
  });

  it('treats an empty value as unset', () => {
    const result = parseConfig({ DATABASE_URL: '', PORT: '' });
    expect(result.ok && result.config).toMatchObject({ databaseUrl: undefined, port: 3978 });
  });

  it('reports every invalid key at once, in plain words, with what was given', () => {
    const result = parseConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud', TRUST_PROXY: 'yes' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(4);
    expect(result.problems.join('\n')).toMatch(/PORT: .*\(got "abc"\)/);
    expect(result.problems.join('\n')).toMatch(/DATABASE_URL: must be a postgres:\/\/ or postgresql:\/\/ URL/);
    expect(result.problems.join('\n')).toMatch(/LOG_LEVEL/);
    expect(result.problems.join('\n')).toMatch(/TRUST_PROXY/);
  });

  it('rejects a port out of range', () => {
    expect(parseConfig({ PORT: '70000' }).ok).toBe(false);
  });

  it('pretty-prints logs on a terminal unless told otherwise', () => {
    expect(parseConfig({}, true)).toMatchObject({ ok: true, config: { logPretty: true } });
    expect(parseConfig({ LOG_FORMAT: 'json' }, true)).toMatchObject({ ok: true, config: { logPretty: false } });
  });

  it('documents every key in .env.example, and nothing else', () => {
    const documented = fs
      .readFileSync(new URL('../../.env.example', import.meta.url), 'utf8')
      .split('\n')
      .map((line) => /^#?\s*([A-Z][A-Z0-9_]+)=/.exec(line)?.[1])
      .filter((k): k is string => Boolean(k));
    expect(new Set(documented)).toEqual(new Set(Object.keys(configKeys)));
  });
});

describe('parseConfig: the language model', () => {
  it('is off with no LLM_* set, exactly as before', () => {
    expect(parseConfig({})).toMatchObject({ ok: true, config: { llm: undefined } });
  });

  it('takes any OpenAI-compatible endpoint, with the timeout defaulting to 8 s', () => {
    const result = parseConfig({ LLM_BASE_URL: 'http://127.0.0.1:8000/v1/', LLM_API_KEY: 'x', LLM_MODEL: 'Qwen/Qwen2.5-7B-Instruct' });
    expect(result).toMatchObject({ ok: true, config: { llm: { baseUrl: 'http://127.0.0.1:8000/v1', apiKey: 'x', model: 'Qwen/Qwen2.5-7B-Instruct', timeoutMs: 8000, structuredOutput: 'json_schema', logPrompts: false } } });
  });

  it('refuses one or two of the three, naming what is missing', () => {
    const result = parseConfig({ LLM_BASE_URL: 'https://api.deepseek.com/v1', LLM_MODEL: 'deepseek-chat' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems).toEqual([expect.stringMatching(/^LLM_API_KEY: required when LLM_BASE_URL and LLM_MODEL are set/)]);
  });

  it('refuses a base URL that is not http(s)', () => {
    const result = parseConfig({ LLM_BASE_URL: 'ftp://x', LLM_API_KEY: 'k', LLM_MODEL: 'm' });
    expect(result.ok).toBe(false);
  });
});
