import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { z } from 'zod';
import type { InboundMessage, TurnResult } from '../../engine/types.js';
import { AppError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import { discardEvidence, storeEvidence } from '../directline/storeEvidence.js';
import { evidenceExists, insertEvidence } from '../directline/sql/evidence.js';
import type { AccessTokens } from './accessToken.js';
import { TOKEN_ERRORS, WechatApiError, type WechatApi } from './api.js';
import type { AppSecrets, WechatApp, WechatApps } from './apps.js';
import { eventKey, wechatConversationId } from './conversation.js';
import { messageSignature, openEnvelope, plainSignature, sameSignature, sealEnvelope } from './crypto.js';
import { choiceFor, renderReplies } from './render.js';
import { selectChoices, saveChoices, selectConsent } from './sql/choices.js';
import { claimInbound, completeInbound, releaseInbound, selectInbound, type Answered } from './sql/inbound.js';
import type { TxSql } from './sql/sql.js';
import { buildWechatXml, parseWechatXml } from './xml.js';
import { backgroundTasks } from './background.js';
import { wording } from './wording.js';

/** WeChat waits 5 s for an answer, then retries (three times in all). We answer before that. */
export const DEFAULT_REPLY_DEADLINE_MS = 4000;
/** A callback's timestamp may be this far from our clock (a replayed plaintext callback is refused after it). */
const CLOCK_SKEW_SECONDS = 300;
/** A delivery still 'running' after this long died with its process: a retry takes it over. */
const STALE_CLAIM_SECONDS = 60;

export type CallbackQuery = Record<string, unknown>;
export type CallbackAnswer = { contentType: 'text/plain' | 'application/xml'; body: string };

const Query = z.object({
  signature: z.string().regex(/^[0-9a-fA-F]{40}$/),
  timestamp: z.string().regex(/^\d{1,12}$/),
  nonce: z.string().min(1).max(64),
  echostr: z.string().min(1).max(1024).optional(),
  encrypt_type: z.enum(['raw', 'aes']).optional(),
  msg_signature: z
    .string()
    .regex(/^[0-9a-fA-F]{40}$/)
    .optional(),
});

/** The fields of a callback message we read (others are ignored). */
const Message = z.looseObject({
  ToUserName: z.string().min(1).max(64),
  FromUserName: z.string().min(1).max(128),
  CreateTime: z.string().regex(/^\d{1,12}$/),
  MsgType: z.string().min(1).max(32),
  Content: z.string().max(20_000).optional(),
  MsgId: z
    .string()
    .regex(/^\d{1,24}$/)
    .optional(),
  MediaId: z.string().max(256).optional(),
  Recognition: z.string().max(2000).optional(),
  Event: z.string().max(64).optional(),
  EventKey: z.string().max(256).optional(),
});
type Message = z.infer<typeof Message>;

export type OfficialAccountDeps = {
  db: TxSql;
  apps: WechatApps;
  api: WechatApi;
  tokens: AccessTokens;
  runTurn: (inbound: InboundMessage) => Promise<TurnResult>;
  /** src/storage's `Db.inTransaction`: a turn and what it is about (evidence rows, choices) commit together. */
  inTransaction: <T>(fn: () => Promise<T>) => Promise<T>;
  logger: Logger;
  evidenceDir: string;
  uploadMaxBytes: number;
  replyDeadlineMs?: number;
  now?: () => number;
};

const unauthorized = () =>
  new AppError('UNAUTHORIZED', '签名无效。The WeChat signature is not valid.', { details: [{ path: 'signature', message: 'invalid' }] });

/**
 * The 公众号 (Official Account) callback at /wechat/{siteId}: URL verification, signature checks on
 * every request, plaintext and safe mode, and the translation of messages and menu events to engine
 * turns. A reply goes back passively in the HTTP answer when the turn is done within the deadline and
 * fits one message; otherwise the answer is `success` and the replies follow through the
 * customer-service API. Each message runs at most one turn, however often WeChat delivers it.
 */
export function makeOfficialAccount(deps: OfficialAccountDeps) {
  const now = deps.now ?? Date.now;
  const deadline = deps.replyDeadlineMs ?? DEFAULT_REPLY_DEADLINE_MS;
  const { track, drain } = backgroundTasks(deps.logger, 'wechat.background_failed');

  const appOf = async (siteId: string): Promise<WechatApp> => {
    const app = /^[a-z0-9_]{3,40}$/.test(siteId) ? await deps.apps.find(siteId, 'mp') : undefined;
    if (!app) throw new AppError('NOT_FOUND', '这个网站没有配置公众号。No WeChat Official Account is set up for this site.');
    return app;
  };
  const credentialSets = (app: WechatApp): AppSecrets[] => [app.secrets, ...(app.previous ? [app.previous] : [])];

  const parseQuery = (query: CallbackQuery) => {
    const parsed = Query.safeParse(query);
    if (!parsed.success) throw unauthorized();
    if (Math.abs(now() / 1000 - Number(parsed.data.timestamp)) > CLOCK_SKEW_SECONDS) throw unauthorized();
    return parsed.data;
  };

  /** Checks the request and returns the message it carries, with the credentials that signed it. */
  const open = (app: WechatApp, query: CallbackQuery, body: string): { xml: Record<string, unknown>; secrets: AppSecrets; safe: boolean } => {
    const q = parseQuery(query);
    if (q.encrypt_type === 'aes') {
      const outer = parseWechatXml(body);
      const encrypted = typeof outer?.Encrypt === 'string' ? outer.Encrypt : undefined;
      if (!encrypted || !q.msg_signature) throw unauthorized();
      for (const secrets of credentialSets(app)) {
        if (!sameSignature(messageSignature(secrets.token, q.timestamp, q.nonce, encrypted), q.msg_signature)) continue;
        const inner = openEnvelope(secrets.aesKey, app.appId, encrypted);
        const xml = inner === undefined ? undefined : parseWechatXml(inner);
        if (!xml) throw new AppError('VALIDATION_FAILED', 'The encrypted message could not be opened.');
        return { xml, secrets, safe: true };
      }
      throw unauthorized();
    }
    const secrets = credentialSets(app).find((s) => sameSignature(plainSignature(s.token, q.timestamp, q.nonce), q.signature));
    if (!secrets) throw unauthorized();
    const xml = parseWechatXml(body);
    if (!xml) throw new AppError('VALIDATION_FAILED', 'The body is not a WeChat XML message.');
    return { xml, secrets, safe: false };
  };

  /** A passive text reply, encrypted and signed in safe mode. */
  const passive = (message: Message, text: string, secrets: AppSecrets, safe: boolean, appId: string): CallbackAnswer => {
    const xml = buildWechatXml({
      ToUserName: message.FromUserName,
      FromUserName: message.ToUserName,
      CreateTime: Math.floor(now() / 1000),
      MsgType: 'text',
      Content: text,
    });
    if (!safe) return { contentType: 'application/xml', body: xml };
    const encrypted = sealEnvelope(secrets.aesKey, appId, xml);
    const timestamp = String(Math.floor(now() / 1000));
    const nonce = randomBytes(8).toString('hex');
    return {
      contentType: 'application/xml',
      body: buildWechatXml({
        Encrypt: encrypted,
        MsgSignature: messageSignature(secrets.token, timestamp, nonce, encrypted),
        TimeStamp: Number(timestamp),
        Nonce: nonce,
      }),
    };
  };
  const SUCCESS: CallbackAnswer = { contentType: 'text/plain', body: 'success' };

  /** Sends texts in order through the customer-service API, refreshing the token once if WeChat refuses it. */
  const sendCustom = async (app: WechatApp, openId: string, texts: readonly string[]) => {
    for (const text of texts) {
      for (let attempt = 1; ; attempt++) {
        const token = await deps.tokens.get(app.siteId, 'mp');
        try {
          await deps.api.mpSendText(token, openId, text);
          break;
        } catch (error) {
          if (attempt === 1 && error instanceof WechatApiError && TOKEN_ERRORS.has(error.errcode)) {
            await deps.tokens.invalidate(app.siteId, 'mp', token);
            continue;
          }
          throw error;
        }
      }
    }
  };

  /** What one message means to the engine, or a fixed answer without a turn. */
  type Plan = { turn: Omit<InboundMessage, 'conversationId' | 'turnId' | 'channel' | 'siteId'>; image?: string } | { say: string } | { nothing: true };

  const plan = async (message: Message, conversationId: string, locale: 'zh' | 'en'): Promise<Plan> => {
    const w = wording(locale);
    switch (message.MsgType) {
      case 'text': {
        const text = (message.Content ?? '').trim();
        if (!text) return { nothing: true };
        const choice = choiceFor(text, await selectChoices(deps.db, conversationId));
        return { turn: choice ? { text: choice.value, value: choice.value } : { text } };
      }
      case 'voice': {
        const text = message.Recognition?.trim();
        return text ? { turn: { text } } : { say: w.voiceNotRecognised };
      }
      case 'image':
        if (!message.MediaId) return { nothing: true };
        // Evidence is personal data: without consent nothing is downloaded or kept, and the shopper is told why.
        if ((await selectConsent(deps.db, conversationId)) !== 'given') return { say: w.imageNeedsConsent };
        return { turn: {}, image: message.MediaId };
      case 'event': {
        const event = (message.Event ?? '').toLowerCase();
        if (event === 'subscribe') return { turn: {} };
        if (event === 'click' && message.EventKey) return { turn: { text: message.EventKey, value: message.EventKey } };
        return { nothing: true };
      }
      default:
        return { say: w.unsupported };
    }
  };

  /** Downloads an image through the media API and stores it like any upload (hashed, typed by its bytes). */
  const fetchImage = async (app: WechatApp, mediaId: string) => {
    for (let attempt = 1; ; attempt++) {
      const token = await deps.tokens.get(app.siteId, 'mp');
      try {
        const bytes = await deps.api.media(token, mediaId, 'mp');
        return await storeEvidence(deps.evidenceDir, Readable.from([bytes]), () => false, deps.uploadMaxBytes);
      } catch (error) {
        if (attempt === 1 && error instanceof WechatApiError && TOKEN_ERRORS.has(error.errcode)) {
          await deps.tokens.invalidate(app.siteId, 'mp', token);
          continue;
        }
        throw error;
      }
    }
  };

  /** Runs the message's turn (once: the engine keeps its replies per turn id) and renders the replies. */
  const runMessage = async (app: WechatApp, message: Message, conversationId: string, turnId: string, what: Extract<Plan, { turn: unknown }>) => {
    let stored: Awaited<ReturnType<typeof fetchImage>> | undefined;
    if (what.image) {
      try {
        stored = await fetchImage(app, what.image);
      } catch (error) {
        // Not kept (WeChat lost it, too large, not an image): the shopper is asked to send it again; no turn.
        if (!(error instanceof WechatApiError) && !(error instanceof AppError)) throw error;
        deps.logger.warn({ err: error, conversationId }, 'wechat.image_not_kept');
        return { texts: [wording('zh').imageFailed], choices: [] };
      }
    }
    try {
      const result = await deps.inTransaction(async () => {
        const attachments = stored
          ? [{ name: `wechat-${stored.sha256.slice(0, 12)}`, contentType: stored.contentType, sha256: stored.sha256, size: stored.size }]
          : undefined;
        if (stored)
          await insertEvidence(deps.db, {
            id: `ev_${randomBytes(10).toString('hex')}`,
            conversationId,
            sha256: stored.sha256,
            contentType: stored.contentType,
            size: stored.size,
            originalName: attachments![0]!.name,
            storagePath: stored.storagePath,
          });
        const turn = await deps.runTurn({
          conversationId,
          channel: 'wechat',
          turnId,
          siteId: app.siteId,
          ...what.turn,
          ...(attachments ? { attachments } : {}),
        });
        const rendered = renderReplies(turn.replies, localeOf(turn));
        // Choices change only with what the bot said (an agent's conversation keeps the last ones).
        if (!turn.duplicate && !turn.forwardedToAgent) await saveChoices(deps.db, conversationId, rendered.choices);
        return rendered;
      });
      return result;
    } catch (error) {
      if (stored)
        await discardEvidence(deps.evidenceDir, [stored], (sha) => evidenceExists(deps.db, sha)).catch((e: unknown) =>
          deps.logger.warn({ err: e }, 'wechat.evidence_cleanup_failed'),
        );
      throw error;
    }
  };

  return {
    /** GET /wechat/{siteId}: WeChat's URL check; answers `echostr` when the signature is ours. */
    async verify(siteId: string, query: CallbackQuery): Promise<string> {
      const app = await appOf(siteId);
      const q = parseQuery(query);
      if (!q.echostr || !credentialSets(app).some((s) => sameSignature(plainSignature(s.token, q.timestamp, q.nonce), q.signature))) throw unauthorized();
      return q.echostr;
    },

    /** POST /wechat/{siteId}: one callback message. */
    async receive(siteId: string, query: CallbackQuery, body: string): Promise<CallbackAnswer> {
      const app = await appOf(siteId);
      const { xml, secrets, safe } = open(app, query, body);
      const parsed = Message.safeParse(xml);
      if (!parsed.success) throw new AppError('VALIDATION_FAILED', 'The WeChat message lacks ToUserName, FromUserName, CreateTime or MsgType.');
      const message = parsed.data;
      const openId = message.FromUserName;
      const conversationId = wechatConversationId('wx', siteId, openId);
      // MsgId is unique per account; keyed with the conversation too, so even a collision could not swallow another user's message.
      const msgKey = message.MsgId
        ? `m:${conversationId}:${message.MsgId}`
        : eventKey([openId, message.CreateTime, message.Event ?? '', message.EventKey ?? '']);
      const turnId = `wx:${msgKey}`;
      const key = { siteId, kind: 'mp' as const, msgKey };
      const answerFrom = async (answered: Answered): Promise<CallbackAnswer> => {
        if (answered !== 'passive') return SUCCESS;
        // The same passive answer again, from the replies the engine stored for this turn (no second turn).
        const again = await deps.runTurn({ conversationId, channel: 'wechat', turnId, siteId });
        const rendered = renderReplies(again.replies, localeOf(again));
        return rendered.texts.length === 1 ? passive(message, rendered.texts[0]!, secrets, safe, app.appId) : SUCCESS;
      };

      const claim = await claimInbound(deps.db, { ...key, conversationId }, STALE_CLAIM_SECONDS);
      if (claim.kind === 'done') return answerFrom(claim.answered);
      if (claim.kind === 'running') {
        // A retry while the first delivery still works: wait for it as long as WeChat waits for us.
        const until = now() + deadline;
        while (now() < until) {
          await new Promise((r) => setTimeout(r, 100));
          const seen = await selectInbound(deps.db, key);
          if (seen?.kind === 'done') return answerFrom(seen.answered);
        }
        return SUCCESS;
      }

      const what = await plan(message, conversationId, 'zh').catch(async (error: unknown) => {
        await releaseInbound(deps.db, key);
        throw error;
      });
      if ('nothing' in what) {
        await completeInbound(deps.db, key, 'none');
        return SUCCESS;
      }
      if ('say' in what) {
        await completeInbound(deps.db, key, 'none');
        return passive(message, what.say, secrets, safe, app.appId);
      }

      // Exactly one of the two decides how the replies go: the turn finishing in time (passive), or the deadline.
      let decided: 'turn' | 'late' | undefined;
      const work = runMessage(app, message, conversationId, turnId, what).then(
        async (rendered) => {
          if (decided === undefined && rendered.texts.length <= 1) {
            decided = 'turn';
            await completeInbound(deps.db, key, rendered.texts.length ? 'passive' : 'none');
            return { passive: rendered.texts[0] };
          }
          decided ??= 'turn';
          await completeInbound(deps.db, key, 'custom');
          // After the answer (or alongside it): the replies in order through the customer-service API.
          track(
            sendCustom(app, openId, rendered.texts).catch((error: unknown) => {
              deps.logger.error({ err: error, conversationId }, 'wechat.custom_send_failed');
            }),
          );
          return { passive: undefined };
        },
        async (error: unknown) => {
          decided ??= 'turn';
          await releaseInbound(deps.db, key).catch(() => undefined);
          deps.logger.error({ err: error, conversationId }, 'wechat.turn_failed');
          return { failed: true as const };
        },
      );
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<'late'>((resolve) => {
        timer = setTimeout(() => {
          if (decided !== undefined) return;
          decided = 'late';
          resolve('late');
        }, deadline);
      });
      const first = await Promise.race([work, late]);
      clearTimeout(timer);
      if (first === 'late') {
        track(work);
        return SUCCESS;
      }
      if ('failed' in first) return passive(message, wording('zh').failed, secrets, safe, app.appId);
      return first.passive === undefined ? SUCCESS : passive(message, first.passive, secrets, safe, app.appId);
    },

    /** Resolves when every reply this process still owes WeChat has been sent (tests, shutdown). */
    drain,
  };
}

/** The language the engine answered in (it follows the shopper's): the choices' prompt is in the same. */
const localeOf = (turn: TurnResult): 'zh' | 'en' => (turn.replies.length && !turn.replies.some((r) => /[\u4e00-\u9fff]/.test(r.text)) ? 'en' : 'zh');

export type OfficialAccount = ReturnType<typeof makeOfficialAccount>;
