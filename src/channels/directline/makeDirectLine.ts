import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { Readable } from 'node:stream';
import type { InboundMessage, TurnResult } from '../../engine/types.js';
import { AppError } from '../../errors.js';
import { findUnsafe } from '../../safeText.js';
import type { Logger } from '../../logger.js';
import type { Site } from '../../sites/index.js';
import type { ActivityLog, ActivityPage } from './activityLog.js';
import type { AppendItem } from './sql/activities.js';
import { InboundActivity, valueOf } from './inboundActivity.js';
import { redactActivity } from '../redactIdentifiers.js';
import { selectConversationConsent, selectConversationSite } from './sql/conversations.js';
import { useResumeTicket } from './sql/resumeTickets.js';
import { evidenceExists, insertEvidence } from './sql/evidence.js';
import type { Sql } from './sql/sql.js';
import { discardEvidence, storeEvidence, type StoredFile } from './storeEvidence.js';
import { activityId, engineLocale, replyToActivity, typingActivity } from './toActivities.js';
import { looksLikeToken, type TokenClaims, type TokenSigner } from './tokens.js';

export const TOKEN_TTL_SECONDS = 3600;
/**
 * How long a widget conversation can be picked up again after its token expired (tab closed for the
 * night, a week of negotiating with the seller). Each resume starts the period again.
 */
export const RESUME_TTL_SECONDS = 30 * 24 * 3600;

const STARTED_CACHE = 50_000;

/** Who is calling: a site's server with its secret, or a client with a conversation token. */
export type Principal = { kind: 'secret'; site: Site } | { kind: 'token'; claims: TokenClaims };

export type Conversation = { conversationId: string; token: string; expires_in: number };

/** The widget's conversation: a token plus the ticket that gets a new one after it expires. */
export type WidgetConversation = Conversation & { resume: string };

export type UploadedFile = { name: string; stream: Readable; truncated: () => boolean };

export type DirectLineDeps = {
  db: Sql;
  sites: { find(id: string): Promise<Site | undefined>; findBySecret(secret: string): Promise<Site | undefined> };
  runTurn: (inbound: InboundMessage) => Promise<TurnResult>;
  /**
   * Runs `fn` in one database transaction that the engine's queries join too (src/storage's
   * `Db.inTransaction`): a turn and its activity-log rows are written together or not at all.
   */
  inTransaction: <T>(fn: () => Promise<T>) => Promise<T>;
  signer: TokenSigner;
  log: ActivityLog;
  logger: Logger;
  /** DATA_DIR/evidence */
  evidenceDir: string;
  uploadMaxBytes: number;
  /** Shows "typing" to the conversation's connected clients now, while a turn waits on a slow model (not stored). */
  typing?: (conversationId: string, activity: Record<string, unknown>) => void;
  /** Evidence file names are kept sealed (src/cases/crypto). */
  seal: { text(text: string): string };
};

export type DirectLine = ReturnType<typeof makeDirectLine>;

/** The item with what may be stored of it without consent, when that differs. */
function withRedacted(item: AppendItem): AppendItem {
  const redacted = redactActivity(item.activity);
  return redacted === item.activity ? item : { ...item, redacted };
}

/**
 * SQLSTATEs after which a whole turn transaction is simply run again: a unique key lost to a
 * concurrent writer (the engine would recompute, but inside our transaction the statement's error
 * aborted it: 23505, then 25P02), a serialization failure or a deadlock. Everything was rolled back.
 */
const RETRY_STATES = new Set(['23505', '25P02', '40001', '40P01']);
const TURN_ATTEMPTS = 4;

async function retryingConflicts<T>(fn: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (attempt >= TURN_ATTEMPTS || typeof code !== 'string' || !RETRY_STATES.has(code)) throw error;
    }
  }
}

/**
 * The Direct Line 3.0 subset, as plain functions over the engine and the activity log. HTTP (and
 * the WebSocket upgrade) live in src/server; this module decides who may do what, and translates
 * activities to engine turns and replies back to activities.
 */
export function makeDirectLine(deps: DirectLineDeps) {
  const issue = (conversationId: string, siteId: string, locale: 'zh' | 'en'): Conversation => ({
    conversationId,
    token: deps.signer.sign({ conversationId, siteId, locale }, TOKEN_TTL_SECONDS),
    expires_in: TOKEN_TTL_SECONDS,
  });

  // A conversation's site never changes once it is started: remembering it saves a query per turn.
  const startedSites = new LRUCache<string, { siteId: string | null }>({ max: STARTED_CACHE });
  const siteOfConversation = async (conversationId: string): Promise<string | null | undefined> => {
    const known = startedSites.get(conversationId);
    if (known) return known.siteId;
    const row = await selectConversationSite(deps.db, conversationId);
    if (row) startedSites.set(conversationId, { siteId: row.siteId });
    return row ? row.siteId : undefined;
  };

  /** The conversation's first turn (the welcome), once; later calls find it done. */
  const ensureStarted = async (conversationId: string, siteId: string, locale: 'zh' | 'en'): Promise<void> => {
    const owner = await siteOfConversation(conversationId);
    if (owner !== undefined) {
      if (owner !== siteId) throw new AppError('FORBIDDEN', '这个会话不属于你的网站。This conversation belongs to another site.');
      return;
    }
    const { publish } = await retryingConflicts(() =>
      deps.inTransaction(async () => {
        const result = await deps.runTurn({ conversationId, channel: 'directline', turnId: 'start', locale, siteId });
        return deps.log.appendDeferred(
          conversationId,
          result.replies.map((r, i) => ({ clientId: `start#r${i}`, activity: replyToActivity(r, conversationId, undefined, locale) })),
        );
      }),
    );
    publish();
  };

  /** The site and locale a caller acts for in one conversation, or an error; never another site's data. */
  const authorize = async (principal: Principal, conversationId: string): Promise<{ siteId: string; locale: 'zh' | 'en' }> => {
    if (principal.kind === 'token') {
      if (principal.claims.conversationId !== conversationId) throw new AppError('FORBIDDEN', '令牌不属于这个会话。This token is for another conversation.');
      await ensureStarted(conversationId, principal.claims.siteId, principal.claims.locale);
      return { siteId: principal.claims.siteId, locale: principal.claims.locale };
    }
    const owner = await siteOfConversation(conversationId);
    // Another site's conversation and a missing one look the same to a secret holder.
    if (owner !== principal.site.id) throw new AppError('NOT_FOUND', '没有这个会话。No such conversation.');
    return { siteId: principal.site.id, locale: principal.site.locale };
  };

  const newConversationId = () => `dl_${randomBytes(16).toString('base64url')}`;

  /**
   * Runs the turn and appends the user's message, a typing activity and the replies (replies point
   * at the message) in one transaction: a failure of either leaves neither, and the client, told so,
   * sends it again. Both steps are idempotent per client id besides, so a retry after a lost answer
   * runs no second turn and appends nothing new.
   */
  const runTurnAndLog = async (
    conversationId: string,
    clientId: string,
    echo: Record<string, unknown>,
    inbound: InboundMessage,
    locale: 'zh' | 'en',
    before?: () => Promise<void>,
  ) => {
    const { seqs, publish } = await retryingConflicts(() =>
      deps.inTransaction(async () => {
        // What the turn is about (an upload's evidence rows), in the same transaction.
        await before?.();
        const typing = deps.typing;
        const result = await deps.runTurn(
          typing ? { ...inbound, onWaiting: () => typing(conversationId, typingActivity(conversationId, undefined)) } : inbound,
        );
        // Without consent (as the turn leaves it) the log keeps the redacted message and replies: decided in the insert.
        return deps.log.appendDeferred(conversationId, [
          withRedacted({ clientId, activity: echo }),
          // No typing when nothing follows (an agent, not the bot, answers this conversation).
          ...(result.replies.length ? [{ clientId: `${clientId}#typing`, activity: typingActivity(conversationId, undefined), replyToFirst: true }] : []),
          ...result.replies.map((r, i) =>
            withRedacted({ clientId: `${clientId}#r${i}`, activity: replyToActivity(r, conversationId, undefined, locale), replyToFirst: true }),
          ),
        ]);
      }),
    );
    publish();
    return activityId(conversationId, seqs[0] ?? 0);
  };

  return {
    async authenticate(authorization: string | undefined): Promise<Principal> {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
      if (!match?.[1])
        throw new AppError(
          'UNAUTHORIZED',
          '缺少凭据：请在 Authorization 头里带上 Bearer 令牌或网站密钥。Send a token or site secret as "Authorization: Bearer …".',
        );
      const credential = match[1];
      if (looksLikeToken(credential)) {
        const check = deps.signer.verify(credential);
        if (check.ok) return { kind: 'token', claims: check.claims };
        if (check.reason === 'expired') throw new AppError('TOKEN_EXPIRED', '令牌已过期，请刷新页面或重新获取。The token has expired; get a new one.');
        throw new AppError('UNAUTHORIZED', '令牌无效。The token is not valid.');
      }
      const site = await deps.sites.findBySecret(credential);
      if (!site) throw new AppError('UNAUTHORIZED', '凭据无效。The credential is not valid.');
      return { kind: 'secret', site };
    },

    /** The site whose origins a caller's browser requests are checked against. */
    siteIdOf(principal: Principal): string {
      return principal.kind === 'token' ? principal.claims.siteId : principal.site.id;
    },

    /** `POST /tokens/generate`: a site's server mints a token for a new conversation. */
    async generateToken(principal: Principal, options: { locale?: string }): Promise<Conversation> {
      if (principal.kind !== 'secret') throw new AppError('FORBIDDEN', '只有网站密钥可以生成令牌。Only a site secret can generate tokens.');
      return issue(newConversationId(), principal.site.id, engineLocale(options.locale) ?? principal.site.locale);
    },

    /** `POST /api/webchat/token`: the widget's token, after the route checked the page's origin. */
    widgetToken(site: Site, locale: string | undefined): WidgetConversation {
      const conversationId = newConversationId();
      const lang = engineLocale(locale) ?? site.locale;
      return { ...issue(conversationId, site.id, lang), resume: deps.signer.signResume({ conversationId, siteId: site.id, locale: lang }, RESUME_TTL_SECONDS) };
    },

    /**
     * `POST /api/webchat/token {resume}`: a new token for the conversation a resume ticket names, when the
     * ticket is this site's and the conversation was started. Anything else is one `404`, so a probe
     * learns nothing; the widget then starts a new conversation.
     */
    async resumeWidget(site: Site, ticket: string): Promise<WidgetConversation> {
      const check = deps.signer.verifyResume(ticket);
      const gone = () => new AppError('NOT_FOUND', '这个会话已无法继续，将开始新的会话。This conversation can no longer be resumed; a new one will start.');
      if (!check.ok || check.claims.siteId !== site.id) throw gone();
      const { conversationId, locale } = check.claims;
      if ((await siteOfConversation(conversationId)) !== site.id) throw gone();
      // Once: a copied or replayed ticket cannot open the conversation a second time.
      if (!(await useResumeTicket(deps.db, createHash('sha256').update(ticket).digest(), conversationId, check.claims.exp))) throw gone();
      return { ...issue(conversationId, site.id, locale), resume: deps.signer.signResume({ conversationId, siteId: site.id, locale }, RESUME_TTL_SECONDS) };
    },

    async refreshToken(principal: Principal): Promise<Conversation> {
      if (principal.kind !== 'token') throw new AppError('FORBIDDEN', '刷新需要会话令牌。Refreshing needs a conversation token.');
      const c = principal.claims;
      return issue(c.conversationId, c.siteId, c.locale);
    },

    /** `POST /conversations`: a secret starts a new conversation; a token starts (or returns) its own. */
    async startConversation(principal: Principal, options: { locale?: string }): Promise<Conversation> {
      const conversation =
        principal.kind === 'token'
          ? issue(principal.claims.conversationId, principal.claims.siteId, principal.claims.locale)
          : issue(newConversationId(), principal.site.id, engineLocale(options.locale) ?? principal.site.locale);
      const claims = deps.signer.verify(conversation.token);
      if (!claims.ok) throw new Error('a token just issued does not verify');
      await ensureStarted(conversation.conversationId, claims.claims.siteId, claims.claims.locale);
      return conversation;
    },

    /** `GET /conversations/{id}`: reconnect, with a fresh token (the client keeps using the conversation). */
    async reconnect(principal: Principal, conversationId: string): Promise<Conversation> {
      const { siteId, locale } = await authorize(principal, conversationId);
      return issue(conversationId, siteId, locale);
    },

    async getActivities(principal: Principal, conversationId: string, watermark: number): Promise<ActivityPage> {
      await authorize(principal, conversationId);
      const page = await deps.log.readAfter(conversationId, watermark);
      return { activities: page.activities, watermark: page.watermark };
    },

    /** For the WebSocket: checks access once, at connect. */
    authorizeStream: (principal: Principal, conversationId: string) => authorize(principal, conversationId),

    /**
     * `POST /conversations/{id}/activities`. The client's activity id (or webchat's
     * channelData.clientActivityID) is the engine's turn id: a retry after a lost response appends
     * nothing new and runs no second turn, it only completes what the first attempt left undone.
     */
    async postActivity(principal: Principal, conversationId: string, body: unknown): Promise<{ id: string }> {
      const { siteId, locale } = await authorize(principal, conversationId);
      const activity = InboundActivity.parse(body);
      const clientId = activity.id ?? activity.channelData?.clientActivityID ?? `srv-${randomUUID()}`;
      if (activity.type !== 'message') {
        // Typing indicators, events and conversation updates from clients change nothing here.
        return { id: activityId(conversationId, 0) };
      }
      const value = valueOf(activity);
      const text = activity.text?.trim() ? activity.text : undefined;
      if (text === undefined && value === undefined) throw new AppError('VALIDATION_FAILED', '消息需要文字或按钮的值。A message needs text or a value.');
      const echo = {
        type: 'message',
        from: { id: activity.from?.id ?? 'user', ...(activity.from?.name ? { name: activity.from.name } : {}), role: 'user' },
        ...(text !== undefined ? { text } : {}),
        ...(value !== undefined ? { value } : {}),
        ...(activity.locale ? { locale: activity.locale } : {}),
        channelData: { clientActivityID: activity.channelData?.clientActivityID ?? clientId },
      };
      const inbound = {
        conversationId,
        channel: 'directline',
        turnId: clientId,
        siteId,
        locale: engineLocale(activity.locale) ?? locale,
        ...(text !== undefined ? { text } : {}),
        ...(value !== undefined ? { value } : {}),
      };
      return { id: await runTurnAndLog(conversationId, clientId, echo, inbound, locale) };
    },

    /** `POST /conversations/{id}/upload`: files stored and linked, then one turn that acknowledges them. */
    async upload(
      principal: Principal,
      conversationId: string,
      files: AsyncIterable<UploadedFile>,
      activityPart: () => unknown,
      userId?: string,
    ): Promise<{ id: string }> {
      const { siteId, locale } = await authorize(principal, conversationId);
      // Evidence is personal data: without consent no file is kept (nor its name), and the consumer is told why.
      if ((await selectConversationConsent(deps.db, conversationId)) !== 'given') {
        throw new AppError(
          'CONSENT_REQUIRED',
          '你还没有同意我们保存个人信息，所以证据文件不会被接收或保存。需要上传时，请先在对话里回复“同意保存个人信息”，再重新上传。You have not agreed to us keeping personal data, so evidence files are not accepted or kept. To upload, first reply "I agree to keep my data" in the chat, then upload again.',
        );
      }
      // All or nothing: every file is stored and checked, and the activity part read, before any row
      // is written; the rows go in with the turn. Anything refused takes back the files it stored.
      const saved: (StoredFile & { name: string })[] = [];
      try {
        for await (const file of files) {
          const name = file.name.replace(/[\p{Cc}/\\]|[\uD800-\uDFFF]/gu, '_').slice(0, 200) || 'file';
          saved.push({ ...(await storeEvidence(deps.evidenceDir, file.stream, file.truncated, deps.uploadMaxBytes)), name });
        }
        if (saved.length === 0)
          throw new AppError('VALIDATION_FAILED', '没有收到文件：请用 multipart 的 file 部分上传。No file received: send it as a multipart "file" part.');
        const part = activityPart() ?? {};
        const unsafe = findUnsafe(part, 'activity');
        if (unsafe)
          throw new AppError(
            'VALIDATION_FAILED',
            `The request is not valid: ${unsafe.path} contains a NUL, control character or unpaired surrogate, or is nested too deeply.`,
            { details: [{ path: unsafe.path, message: 'not safe text' }] },
          );
        const template = InboundActivity.partial({ type: true }).parse(part);
        const stored = saved.map((s) => ({ name: s.name, contentType: s.contentType, sha256: s.sha256, size: s.size }));
        const clientId = template.id ?? template.channelData?.clientActivityID ?? `up-${stored.map((s) => s.sha256.slice(0, 16)).join('-')}`;
        const text = template.text?.trim() ? template.text : undefined;
        const echo = {
          type: 'message',
          from: { id: template.from?.id ?? userId ?? 'user', role: 'user' },
          ...(text !== undefined ? { text } : {}),
          attachments: stored.map((s) => ({ contentType: s.contentType, name: s.name, content: { sha256: s.sha256, size: s.size } })),
          channelData: { clientActivityID: template.channelData?.clientActivityID ?? clientId },
        };
        const inbound = {
          conversationId,
          channel: 'directline',
          turnId: clientId,
          siteId,
          locale,
          attachments: stored,
          ...(text !== undefined ? { text } : {}),
        };
        const id = await runTurnAndLog(conversationId, clientId, echo, inbound, locale, async () => {
          for (const s of saved) {
            await insertEvidence(deps.db, {
              id: `ev_${randomBytes(10).toString('hex')}`,
              conversationId,
              sha256: s.sha256,
              contentType: s.contentType,
              size: s.size,
              originalName: deps.seal.text(s.name),
              storagePath: s.storagePath,
            });
          }
        });
        deps.logger.info({ conversationId, files: stored.length, bytes: stored.reduce((n, s) => n + s.size, 0) }, 'directline.evidence_uploaded');
        return { id };
      } catch (error) {
        await discardEvidence(deps.evidenceDir, saved, (sha256) => evidenceExists(deps.db, sha256)).catch((cleanup: unknown) =>
          deps.logger.warn({ err: cleanup, conversationId }, 'directline.evidence_cleanup_failed'),
        );
        throw error;
      }
    },
  };
}
