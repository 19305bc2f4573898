import OpenAI, { APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { z } from 'zod';
import type { Logger } from '../../logger.js';
import { makeCircuitBreaker, type CircuitBreaker } from './circuitBreaker.js';
import type { LlmMetrics, LlmPurpose } from './metrics.js';
import { modelCallStarted } from './scope.js';

/** What makes a model call; `src/config.ts` builds it from LLM_*. */
export type LlmSettings = {
  baseUrl: string;
  apiKey: string;
  model: string;
  timeoutMs: number;
  structuredOutput: 'json_schema' | 'tool' | 'json_object';
  logPrompts: boolean;
  /** LLM_EMBEDDINGS_MODEL: an embeddings model on the same endpoint, for re-ranking retrieval candidates. */
  embeddingsModel?: string | undefined;
  /** LLM_QUERY_REWRITE: questions are restated in legal terms before retrieval (src/answering/retrievalAssist.ts). */
  queryRewrite?: boolean;
};

/** Why a call gave nothing usable: the caller then goes on offline. */
export type LlmFailure = 'timeout' | 'error' | 'malformed' | 'circuit_open';
export type LlmResult<T> = { ok: true; value: T } | { ok: false; reason: LlmFailure };

export type LlmRequest = { system: string; user: string; maxTokens: number };

export type LlmClient = {
  /** One structured answer, validated against `schema`; anything else is `malformed`. */
  structured<S extends z.ZodType>(purpose: LlmPurpose, request: LlmRequest & { name: string; schema: S }): Promise<LlmResult<z.infer<S>>>;
  /** Vectors for `texts` from LLM_EMBEDDINGS_MODEL, in order; undefined when no embeddings model is configured. */
  embed?: (purpose: LlmPurpose, texts: string[]) => Promise<LlmResult<number[][]>>;
  metrics: LlmMetrics;
};

export type LlmClientDeps = {
  settings: LlmSettings;
  logger: Logger;
  metrics: LlmMetrics;
  breaker?: CircuitBreaker;
  /** Backoff before the one retry on 429/5xx (jittered up to twice this); tests shorten it. */
  retryDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
};

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * An OpenAI-compatible chat-completions client with the budget a turn can afford: one deadline
 * (LLM_TIMEOUT_MS) covers the call and its one retry on 429/5xx, a circuit breaker skips the model
 * for a while after repeated failures, and every failure is a value, never a throw. Prompt text is
 * logged only with LLM_LOG_PROMPTS=1, at debug level.
 */
export function makeLlmClient(deps: LlmClientDeps): LlmClient {
  const { settings, logger, metrics } = deps;
  const breaker = deps.breaker ?? makeCircuitBreaker({ failures: 5, coolDownMs: 30_000 });
  const sleep = deps.sleep ?? defaultSleep;
  const retryDelayMs = deps.retryDelayMs ?? 250;
  // maxRetries 0: retries and timeouts are ours, so that one deadline bounds the whole call.
  const client = new OpenAI({ baseURL: settings.baseUrl, apiKey: settings.apiKey, maxRetries: 0, timeout: settings.timeoutMs });

  async function complete(purpose: LlmPurpose, body: OpenAI.Chat.ChatCompletionCreateParamsNonStreaming): Promise<LlmResult<OpenAI.Chat.ChatCompletion>> {
    const deadline = Date.now() + settings.timeoutMs;
    for (let attempt = 1; ; attempt++) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) return { ok: false, reason: 'timeout' };
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), remaining);
      try {
        return { ok: true, value: await client.chat.completions.create(body, { signal: controller.signal, timeout: remaining, maxRetries: 0 }) };
      } catch (error) {
        if (error instanceof APIUserAbortError || error instanceof APIConnectionTimeoutError || controller.signal.aborted)
          return { ok: false, reason: 'timeout' };
        const status = error instanceof APIError ? error.status : undefined;
        const retryable = status === 429 || (status !== undefined && status >= 500);
        logger.warn({ purpose, status: status ?? null, attempt, error: error instanceof Error ? error.name : 'unknown' }, 'llm.call_failed');
        if (!retryable || attempt > 1) return { ok: false, reason: 'error' };
        const wait = Math.min(retryAfterMs(error) ?? retryDelayMs * (1 + Math.random()), 2000);
        if (deadline - Date.now() < wait + 200) return { ok: false, reason: 'error' };
        await sleep(wait);
      } finally {
        clearTimeout(timer);
      }
    }
  }

  const embeddingsModel = settings.embeddingsModel;
  const embed = async (purpose: LlmPurpose, texts: string[]): Promise<LlmResult<number[][]>> => {
    if (!breaker.allow()) {
      metrics.request(purpose, 'fallback');
      return { ok: false, reason: 'circuit_open' };
    }
    const started = performance.now();
    const waited = modelCallStarted();
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), settings.timeoutMs);
    try {
      const result = await client.embeddings.create(
        { model: embeddingsModel ?? '', input: texts, encoding_format: 'float' },
        { signal: controller.signal, timeout: settings.timeoutMs, maxRetries: 0 },
      );
      if (result.usage) metrics.tokens(purpose, result.usage.prompt_tokens ?? 0, 0);
      const vectors = [...result.data].sort((a, b) => a.index - b.index).map((d) => d.embedding);
      if (vectors.length !== texts.length || vectors.some((v) => !Array.isArray(v) || v.length === 0 || v.some((x) => !Number.isFinite(x)))) {
        breaker.failure();
        metrics.request(purpose, 'error');
        return { ok: false, reason: 'malformed' };
      }
      breaker.success();
      return { ok: true, value: vectors };
    } catch (error) {
      breaker.failure();
      const timedOut = controller.signal.aborted || error instanceof APIConnectionTimeoutError || error instanceof APIUserAbortError;
      metrics.request(purpose, timedOut ? 'timeout' : 'error');
      logger.warn({ purpose, status: error instanceof APIError ? (error.status ?? null) : null }, 'llm.embed_failed');
      return { ok: false, reason: timedOut ? 'timeout' : 'error' };
    } finally {
      clearTimeout(timer);
      waited();
      metrics.latency(purpose, (performance.now() - started) / 1000);
    }
  };

  return {
    metrics,
    ...(embeddingsModel ? { embed } : {}),
    async structured(purpose, { system, user, maxTokens, name, schema }) {
      if (!breaker.allow()) {
        metrics.request(purpose, 'fallback');
        return { ok: false, reason: 'circuit_open' };
      }
      const jsonSchema = z.toJSONSchema(schema, { target: 'draft-7', unrepresentable: 'any' }) as Record<string, unknown>;
      const mode = settings.structuredOutput;
      const systemText =
        mode === 'json_object' ? `${system}\n\nReply with one JSON object only, matching this JSON schema:\n${JSON.stringify(jsonSchema)}` : system;
      const body: OpenAI.Chat.ChatCompletionCreateParamsNonStreaming = {
        model: settings.model,
        temperature: 0,
        max_tokens: maxTokens,
        messages: [
          { role: 'system', content: systemText },
          { role: 'user', content: user },
        ],
        ...(mode === 'json_schema' ? { response_format: { type: 'json_schema', json_schema: { name, schema: jsonSchema, strict: false } } } : {}),
        ...(mode === 'json_object' ? { response_format: { type: 'json_object' } } : {}),
        ...(mode === 'tool'
          ? {
              tools: [{ type: 'function', function: { name, description: 'Report the result.', parameters: jsonSchema } }],
              tool_choice: { type: 'function', function: { name } },
            }
          : {}),
      };
      if (settings.logPrompts) logger.debug({ purpose, system: systemText, user }, 'llm.prompt');
      const started = performance.now();
      const waited = modelCallStarted();
      const result = await complete(purpose, body).finally(waited);
      metrics.latency(purpose, (performance.now() - started) / 1000);
      if (!result.ok) {
        breaker.failure();
        metrics.request(purpose, result.reason === 'timeout' ? 'timeout' : 'error');
        return result;
      }
      const usage = result.value.usage;
      if (usage) metrics.tokens(purpose, usage.prompt_tokens ?? 0, usage.completion_tokens ?? 0);
      const message = result.value.choices[0]?.message;
      const raw = message?.tool_calls?.[0]?.type === 'function' ? message.tool_calls[0].function.arguments : (message?.content ?? '');
      if (settings.logPrompts) logger.debug({ purpose, output: raw }, 'llm.output');
      const parsed = schema.safeParse(parseJson(raw));
      if (!parsed.success) {
        breaker.failure();
        metrics.request(purpose, 'error');
        logger.warn({ purpose, outputChars: raw.length }, 'llm.malformed_output');
        return { ok: false, reason: 'malformed' };
      }
      breaker.success();
      return { ok: true, value: parsed.data };
    },
  };
}

/** JSON from a model's content: bare, or inside a ```json fence some models add anyway. */
function parseJson(raw: string): unknown {
  const fenced = /```(?:json)?\s*([\s\S]*?)```/.exec(raw);
  const text = (fenced?.[1] ?? raw).trim();
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function retryAfterMs(error: unknown): number | undefined {
  if (!(error instanceof APIError)) return undefined;
  const header = error.headers?.get?.('retry-after');
  const seconds = header ? Number(header) : NaN;
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}
