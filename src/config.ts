import { z } from 'zod';

/**
 * Every setting Weiquan reads, parsed once at start. This is the only module that reads the
 * environment; everything else receives the frozen `Config`. `.env.example` documents the same keys.
 */
const boolean = z.enum(['true', 'false']).transform((v) => v === 'true');

const ConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development').describe('development | production | test'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3978).describe('HTTP port; 0 picks a free port'),
  HOST: z.string().min(1).optional().describe('interface to listen on; unset = all interfaces'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional()
    .describe('postgres://… of an existing server; unset = start the embedded PostgreSQL'),
  DATA_DIR: z.string().min(1).default('.data').describe('where the embedded PostgreSQL keeps its data (DATA_DIR/postgres)'),
  DATA_ENCRYPTION_KEY: z
    .string()
    .regex(
      /^\s*[A-Za-z0-9+/=]{40,}\s*(,\s*[A-Za-z0-9+/=]{40,}\s*)*$/,
      'must be 32-byte keys in base64 (openssl rand -base64 32), newest first, separated by commas',
    )
    .optional()
    .describe('key ring for personal data at rest (AES-256-GCM), newest first; unset = a key generated once in DATA_DIR/encryption.key'),
  RETENTION_DAYS: z.coerce
    .number()
    .int()
    .min(1)
    .max(180)
    .default(180)
    .describe(
      'days personal data of a case is kept after the case closes, at most 180 (the consent wording promises it); then the case is anonymised and its conversation erased',
    ),
  RETENTION_UNCONSENTED_DAYS: z.coerce
    .number()
    .int()
    .min(1)
    .max(3650)
    .default(30)
    .describe('days a conversation without consent is kept after its last message'),
  RETENTION_INTERVAL_MINUTES: z.coerce
    .number()
    .int()
    .min(0)
    .max(10_080)
    .default(60)
    .describe('how often the server runs the retention job (one instance at a time); 0 = only by npm run -s admin -- retention run'),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(0).max(65535).default(0).describe('loopback port of the embedded PostgreSQL; 0 picks a free port'),
  DB_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10).describe('maximum connections in the pool'),
  DB_CONNECT_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(100)
    .max(60_000)
    .default(3000)
    .describe('give up connecting after this long, so requests fail fast while the database is down'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info').describe('pino log level'),
  LOG_FORMAT: z.enum(['auto', 'json', 'pretty']).default('auto').describe('auto = pretty on a terminal, JSON otherwise'),
  BODY_LIMIT: z
    .string()
    .regex(/^\d+(b|kb|mb)$/i, 'must look like 100kb or 1mb')
    .default('100kb')
    .describe('largest accepted JSON request body'),
  SHUTDOWN_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(0)
    .max(120_000)
    .default(10_000)
    .describe('how long in-flight requests may run after SIGTERM before connections are cut'),
  LAWS_DIR: z.string().min(1).default('knowledge/laws').describe('folder of law texts in the LawRefBook Markdown layout (e.g. ../shared/laws)'),
  KB_CORPUS: z
    .enum(['serving', 'all'])
    .default('serving')
    .describe('serving = the consumer-law set in knowledge/servingLaws.json; all = every law in LAWS_DIR'),
  KB_INGEST_ON_START: boolean.default(true).describe('bring the database in line with LAWS_DIR and the plans at start (a no-op when nothing changed)'),
  PLAN_FILE: z.string().min(1).optional().describe("the operator's own rights-protection plan (Markdown or plain text), served next to Weiquan's default plan"),
  MIGRATE_ON_START: boolean.default(true).describe('apply pending migrations before serving; false when deploys run npm run db:migrate as their own step'),
  TRUST_PROXY: boolean.default(false).describe('trust X-Forwarded-* headers from a reverse proxy'),
  UPLOAD_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(1024 * 1024 * 1024)
    .default(10 * 1024 * 1024)
    .describe('largest evidence file accepted by the upload endpoint, in bytes (10 MB default); larger ones get 413'),
  HANDOFF_TIMEOUT_SECONDS: z.coerce
    .number()
    .int()
    .min(10)
    .max(86_400)
    .default(120)
    .describe('a consumer waiting this long for an agent is told nobody is free, may leave a number, and the case records it'),
  AGENT_SESSION_HOURS: z.coerce
    .number()
    .min(0.1)
    .max(24 * 30)
    .default(8)
    .describe('how long an agent stays signed in to the console'),
  WEBCHAT_TOKEN_RATE_PER_MINUTE: z.coerce
    .number()
    .int()
    .min(1)
    .max(10_000)
    .default(20)
    .describe('widget tokens (POST /api/webchat/token) one client address may get per site and minute, per instance'),
  MESSAGE_RATE_PER_MINUTE: z.coerce
    .number()
    .int()
    .min(1)
    .max(1_000_000)
    .default(60)
    .describe('messages and uploads one conversation may send per minute, per instance (bursts of a third of it); more get 429'),
  CLIENT_RATE_PER_MINUTE: z.coerce
    .number()
    .int()
    .min(1)
    .max(1_000_000)
    .default(600)
    .describe('channel requests (messages, new conversations, tokens, knowledge answers) one client address may make per minute, per instance'),
  SITE_RATE_PER_MINUTE: z.coerce
    .number()
    .int()
    .min(1)
    .max(10_000_000)
    .default(12_000)
    .describe('channel requests all clients of one site may make per minute, per instance'),
  PUBLIC_URL: z
    .url({ protocol: /^https?$/ })
    .optional()
    .describe('the address clients reach the service at (https://chat.example.com); every absolute URL we hand out (streamUrl) uses it, never the Host header'),
  METRICS_TOKEN: z
    .string()
    .min(16)
    .optional()
    .describe('set = GET /metrics needs Authorization: Bearer METRICS_TOKEN; unset = /metrics answers requests from this machine only'),
  DEMO_SITE: boolean
    .optional()
    .describe('ensure the demo site `demo` (origins http://localhost:PORT and http://127.0.0.1:PORT) at start; default true, false when NODE_ENV=production'),
  MICROSOFT_APP_ID: z
    .string()
    .min(1)
    .optional()
    .describe('Azure Bot app (client) id; set = POST /api/messages requires a valid Bot Framework token, unset = loopback callers only (Emulator)'),
  MICROSOFT_APP_PASSWORD: z.string().min(1).optional().describe('client secret of MICROSOFT_APP_ID (MultiTenant and SingleTenant)'),
  MICROSOFT_APP_TENANT_ID: z.string().min(1).optional().describe('Entra tenant of the bot (SingleTenant and UserAssignedMSI)'),
  MICROSOFT_APP_TYPE: z
    .enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI'])
    .default('MultiTenant')
    .describe('MultiTenant | SingleTenant | UserAssignedMSI'),
  BOTFRAMEWORK_SITE_ID: z
    .string()
    .regex(/^[a-z0-9_]{3,40}$/, 'must be a site id such as site_ab12cd34')
    .optional()
    .describe('the site whose conversations arrive through /api/messages; default `demo` while DEMO_SITE is on'),
  LLM_BASE_URL: z
    .url({ protocol: /^https?$/ })
    .optional()
    .describe(
      'OpenAI-compatible endpoint, e.g. https://api.deepseek.com/v1 or http://127.0.0.1:8000/v1; with LLM_API_KEY and LLM_MODEL (all or none; none = offline)',
    ),
  LLM_API_KEY: z.string().min(1).optional().describe('API key for LLM_BASE_URL (any non-empty value for a local server that ignores it)'),
  LLM_MODEL: z
    .string()
    .min(1)
    .optional()
    .describe('chat model name as the endpoint knows it, e.g. deepseek-chat, qwen-plus, Qwen/Qwen2.5-7B-Instruct, qwen2.5:7b'),
  LLM_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(200)
    .max(120_000)
    .default(8000)
    .describe('longest a model call (a retry included) may take before the turn falls back to offline'),
  LLM_EMBEDDINGS_MODEL: z
    .string()
    .min(1)
    .optional()
    .describe('embeddings model on the same endpoint: re-ranks the retrieved articles by similarity to the (redacted) question'),
  LLM_STRUCTURED_OUTPUT: z
    .enum(['json_schema', 'tool', 'json_object'])
    .default('json_schema')
    .describe('how structured answers are asked for: json_schema (vLLM, Ollama, Qwen), tool (function calling), json_object (DeepSeek)'),
  LLM_QUERY_REWRITE: boolean.default(false).describe('true = the model restates a question in legal terms and its retrieval is added to the offline one'),
  LLM_LOG_PROMPTS: boolean.default(false).describe('true = log the (redacted) prompts and outputs at debug level; never in production'),
  WECHAT_API_BASE: z
    .url({ protocol: /^https?$/ })
    .default('https://api.weixin.qq.com')
    .describe('base of the 公众号 API calls (access token, media, customer-service messages); a local simulator in tests'),
  WECOM_API_BASE: z
    .url({ protocol: /^https?$/ })
    .default('https://qyapi.weixin.qq.com')
    .describe('base of the 企业微信 微信客服 API calls (gettoken, kf/sync_msg, kf/send_msg)'),
  WECHAT_SECRETS_KEY: z
    .string()
    .regex(/^[A-Za-z0-9+/=]{43,44}(,[A-Za-z0-9+/=]{43,44})*$/, 'must be one or more base64 32-byte keys, comma-separated (openssl rand -base64 32)')
    .optional()
    .describe('seals the WeChat app secrets and access tokens (AES-256-GCM); the first key seals, all open; unset = the WeChat channels are off'),
  WECHAT_REPLY_DEADLINE_MS: z.coerce
    .number()
    .int()
    .min(200)
    .max(4500)
    .default(4000)
    .describe('how long a WeChat callback waits for its turn before answering `success` and sending the reply as a customer-service message'),
});

export type Config = Readonly<{
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  host: string | undefined;
  databaseUrl: string | undefined;
  dataDir: string;
  /** Undefined: the key kept in DATA_DIR/encryption.key (generated on first start). */
  dataEncryptionKey: string | undefined;
  retention: Readonly<{ closedCaseDays: number; unconsentedDays: number; intervalMinutes: number }>;
  embeddedPgPort: number;
  dbPoolMax: number;
  dbConnectTimeoutMs: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  logPretty: boolean;
  bodyLimit: string;
  shutdownTimeoutMs: number;
  migrateOnStart: boolean;
  trustProxy: boolean;
  demoSite: boolean;
  uploadMaxBytes: number;
  webchatTokenRatePerMinute: number;
  messageRatePerMinute: number;
  clientRatePerMinute: number;
  siteRatePerMinute: number;
  /** Without a trailing slash; undefined: the address the server listens on. */
  publicUrl: string | undefined;
  metricsToken: string | undefined;
  handoffTimeoutSeconds: number;
  agentSessionMs: number;
  /** Undefined: /api/messages answers 503 NOT_CONFIGURED. */
  botframeworkSiteId: string | undefined;
  /** Undefined: no Bot Framework authentication, loopback callers only. */
  botframework:
    { appId: string; password: string | undefined; tenantId: string | undefined; appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI' } | undefined;
  lawsDir: string;
  kbCorpus: 'serving' | 'all';
  kbIngestOnStart: boolean;
  planFile: string | undefined;
  /** Undefined: no model; everything runs offline. */
  llm: LlmSettings | undefined;
  wechat: Readonly<{ apiBase: string; wecomApiBase: string; secretsKey: string | undefined; replyDeadlineMs: number }>;
}>;

export type LlmSettings = Readonly<{
  baseUrl: string;
  apiKey: string;
  model: string;
  timeoutMs: number;
  embeddingsModel: string | undefined;
  queryRewrite: boolean;
  structuredOutput: 'json_schema' | 'tool' | 'json_object';
  logPrompts: boolean;
}>;

export type ConfigResult = { ok: true; config: Config } | { ok: false; problems: string[] };

/** Parses an environment into a `Config`, reporting every bad or missing key at once. */
export function parseConfig(env: Record<string, string | undefined>, isTTY = false): ConfigResult {
  // An empty value means "unset": shells and .env files often export KEY= for keys left blank.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = ConfigSchema.safeParse(cleaned);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const key = issue.path.join('.');
      const got = cleaned[key];
      const description = ConfigSchema.shape[key as keyof typeof ConfigSchema.shape]?.description;
      return `${key}: ${issue.message}${got === undefined ? '' : ` (got "${got}")`}${description ? ` — ${description}` : ''}`;
    });
    return { ok: false, problems };
  }
  const e = parsed.data;
  const botProblems = [...botFrameworkProblems(e), ...llmProblems(e)];
  if (botProblems.length) return { ok: false, problems: botProblems };
  const demoSite = e.DEMO_SITE ?? e.NODE_ENV !== 'production';
  return {
    ok: true,
    config: Object.freeze({
      nodeEnv: e.NODE_ENV,
      port: e.PORT,
      host: e.HOST,
      databaseUrl: e.DATABASE_URL,
      dataDir: e.DATA_DIR,
      dataEncryptionKey: e.DATA_ENCRYPTION_KEY,
      retention: { closedCaseDays: e.RETENTION_DAYS, unconsentedDays: e.RETENTION_UNCONSENTED_DAYS, intervalMinutes: e.RETENTION_INTERVAL_MINUTES },
      embeddedPgPort: e.EMBEDDED_PG_PORT,
      dbPoolMax: e.DB_POOL_MAX,
      dbConnectTimeoutMs: e.DB_CONNECT_TIMEOUT_MS,
      logLevel: e.LOG_LEVEL,
      logPretty: e.LOG_FORMAT === 'pretty' || (e.LOG_FORMAT === 'auto' && isTTY),
      bodyLimit: e.BODY_LIMIT,
      shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
      migrateOnStart: e.MIGRATE_ON_START,
      trustProxy: e.TRUST_PROXY,
      demoSite,
      uploadMaxBytes: e.UPLOAD_MAX_BYTES,
      webchatTokenRatePerMinute: e.WEBCHAT_TOKEN_RATE_PER_MINUTE,
      messageRatePerMinute: e.MESSAGE_RATE_PER_MINUTE,
      clientRatePerMinute: e.CLIENT_RATE_PER_MINUTE,
      siteRatePerMinute: e.SITE_RATE_PER_MINUTE,
      publicUrl: e.PUBLIC_URL?.replace(/\/+$/, ''),
      metricsToken: e.METRICS_TOKEN,
      handoffTimeoutSeconds: e.HANDOFF_TIMEOUT_SECONDS,
      agentSessionMs: Math.round(e.AGENT_SESSION_HOURS * 3_600_000),
      botframeworkSiteId: e.BOTFRAMEWORK_SITE_ID ?? (demoSite ? 'demo' : undefined),
      botframework: e.MICROSOFT_APP_ID
        ? { appId: e.MICROSOFT_APP_ID, password: e.MICROSOFT_APP_PASSWORD, tenantId: e.MICROSOFT_APP_TENANT_ID, appType: e.MICROSOFT_APP_TYPE }
        : undefined,
      lawsDir: e.LAWS_DIR,
      kbCorpus: e.KB_CORPUS,
      kbIngestOnStart: e.KB_INGEST_ON_START,
      planFile: e.PLAN_FILE,
      llm:
        e.LLM_BASE_URL && e.LLM_API_KEY && e.LLM_MODEL
          ? Object.freeze({
              baseUrl: e.LLM_BASE_URL.replace(/\/+$/, ''),
              apiKey: e.LLM_API_KEY,
              model: e.LLM_MODEL,
              timeoutMs: e.LLM_TIMEOUT_MS,
              embeddingsModel: e.LLM_EMBEDDINGS_MODEL,
              queryRewrite: e.LLM_QUERY_REWRITE,
              structuredOutput: e.LLM_STRUCTURED_OUTPUT,
              logPrompts: e.LLM_LOG_PROMPTS,
            })
          : undefined,
      wechat: Object.freeze({
        apiBase: e.WECHAT_API_BASE.replace(/\/+$/, ''),
        wecomApiBase: e.WECOM_API_BASE.replace(/\/+$/, ''),
        secretsKey: e.WECHAT_SECRETS_KEY,
        replyDeadlineMs: e.WECHAT_REPLY_DEADLINE_MS,
      }),
    }),
  };
}

/** The Bot Framework credentials must form one of the combinations Azure Bot Service accepts. */
function botFrameworkProblems(e: z.infer<typeof ConfigSchema>): string[] {
  const problems: string[] = [];
  if (!e.MICROSOFT_APP_ID) {
    if (e.MICROSOFT_APP_PASSWORD || e.MICROSOFT_APP_TENANT_ID)
      problems.push('MICROSOFT_APP_ID: required when MICROSOFT_APP_PASSWORD or MICROSOFT_APP_TENANT_ID is set');
    return problems;
  }
  const type = e.MICROSOFT_APP_TYPE;
  if (type === 'UserAssignedMSI' && e.MICROSOFT_APP_PASSWORD) problems.push('MICROSOFT_APP_PASSWORD: must not be set when MICROSOFT_APP_TYPE=UserAssignedMSI');
  if (type !== 'UserAssignedMSI' && !e.MICROSOFT_APP_PASSWORD)
    problems.push(`MICROSOFT_APP_PASSWORD: required when MICROSOFT_APP_ID is set and MICROSOFT_APP_TYPE=${type}`);
  if (type !== 'MultiTenant' && !e.MICROSOFT_APP_TENANT_ID) problems.push(`MICROSOFT_APP_TENANT_ID: required when MICROSOFT_APP_TYPE=${type}`);
  return problems;
}

/** A model needs its endpoint, key and name together; one or two of them is a typo, not "offline". */
function llmProblems(e: z.infer<typeof ConfigSchema>): string[] {
  const keys = ['LLM_BASE_URL', 'LLM_API_KEY', 'LLM_MODEL'] as const;
  const missing = keys.filter((k) => !e[k]);
  if (missing.length === 0 || missing.length === keys.length) return [];
  return missing.map(
    (k) =>
      `${k}: required when ${keys.filter((x) => e[x]).join(' and ')} ${keys.length - missing.length === 1 ? 'is' : 'are'} set (set all three, or none for offline)`,
  );
}

/** Reads the process environment; on bad config prints every problem and exits with code 1. */
export function loadConfig(): Config {
  const result = parseConfig(process.env, Boolean(process.stdout.isTTY));
  if (result.ok) return result.config;
  process.stderr.write(
    `Weiquan cannot start: the configuration is invalid.\n${result.problems.map((p) => `  - ${p}`).join('\n')}\n` + 'See .env.example for every setting.\n',
  );
  process.exit(1);
}

/** Key names and their descriptions, for documentation checks. */
export const configKeys = Object.fromEntries(Object.entries(ConfigSchema.shape).map(([k, v]) => [k, v.description ?? '']));
