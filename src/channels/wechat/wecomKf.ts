import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { z } from 'zod';
import type { InboundMessage, TurnResult } from '../../engine/types.js';
import { AppError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import { storeEvidence } from '../directline/storeEvidence.js';
import { insertEvidence } from '../directline/sql/evidence.js';
import type { AccessTokens } from './accessToken.js';
import { TOKEN_ERRORS, WechatApiError, type WechatApi } from './api.js';
import type { AppSecrets, WechatApp, WechatApps } from './apps.js';
import { wechatConversationId } from './conversation.js';
import { messageSignature, openEnvelope, sameSignature } from './crypto.js';
import { choiceFor, renderReplies, splitText, TEXT_MAX_BYTES } from './render.js';
import { saveChoices, selectChoices, selectConsent } from './sql/choices.js';
import { claimInbound, completeInbound, releaseInbound } from './sql/inbound.js';
import { markSessionTaken, sessionTaken, withKfCursor } from './sql/kf.js';
import type { TxSql } from './sql/sql.js';
import { backgroundTasks } from './background.js';
import { wording } from './wording.js';
import { parseWechatXml } from './xml.js';
import type { CallbackAnswer, CallbackQuery } from './officialAccount.js';

const CLOCK_SKEW_SECONDS = 300;
const STALE_CLAIM_SECONDS = 60;
/** kf/sync_msg pages are at most 1000 messages; a callback syncs at most this many pages. */
const MAX_PAGES = 20;

const Query = z.object({
  msg_signature: z.string().regex(/^[0-9a-fA-F]{40}$/),
  timestamp: z.string().regex(/^\d{1,12}$/),
  nonce: z.string().min(1).max(64),
  echostr: z.string().min(1).max(2048).optional(),
});

const Event = z.looseObject({
  MsgType: z.literal('event'),
  Event: z.string(),
  Token: z.string().max(256).optional(),
  OpenKfId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
});

/** One message of a kf/sync_msg page (fields we use; others are ignored). */
const KfMessage = z.looseObject({
  msgid: z.string().min(1).max(128),
  open_kfid: z.string().max(64),
  external_userid: z.string().max(128).optional(),
  send_time: z.number().optional(),
  /** 3 the WeChat customer, 4 a system event, 5 a servicer in WeCom. */
  origin: z.number(),
  msgtype: z.string(),
  text: z.looseObject({ content: z.string().max(20_000) }).optional(),
  image: z.looseObject({ media_id: z.string().max(256) }).optional(),
  event: z
    .looseObject({
      event_type: z.string(),
      external_userid: z.string().max(128).optional(),
      welcome_code: z.string().max(256).optional(),
      change_type: z.number().optional(),
      new_servicer_userid: z.string().max(128).optional(),
    })
    .optional(),
});
type KfMessage = z.infer<typeof KfMessage>;
const SyncPage = z.looseObject({ next_cursor: z.string().optional(), has_more: z.number().optional(), msg_list: z.array(z.unknown()).default([]) });

export type WecomKfDeps = {
  db: TxSql;
  apps: WechatApps;
  api: WechatApi;
  tokens: AccessTokens;
  runTurn: (inbound: InboundMessage) => Promise<TurnResult>;
  inTransaction: <T>(fn: () => Promise<T>) => Promise<T>;
  logger: Logger;
  evidenceDir: string;
  uploadMaxBytes: number;
  now?: () => number;
};

const unauthorized = () =>
  new AppError('UNAUTHORIZED', '签名无效。The WeCom signature is not valid.', { details: [{ path: 'msg_signature', message: 'invalid' }] });

/**
 * 企业微信 微信客服 at /wecom/{siteId}: the callback only says "there are messages" (kf_msg_or_event);
 * we answer at once and fetch them with kf/sync_msg from the cursor kept in PostgreSQL, run one turn
 * per customer message (de-duplicated by msgid), and reply through kf/send_msg. session_status_change
 * maps to our handoff: staff taking the session in WeCom silence the bot until it ends; one of our agents
 * owning the conversation silences it through the engine.
 */
export function makeWecomKf(deps: WecomKfDeps) {
  const now = deps.now ?? Date.now;
  const { track, drain } = backgroundTasks(deps.logger, 'wecom.sync_failed');

  const appOf = async (siteId: string): Promise<WechatApp> => {
    const app = /^[a-z0-9_]{3,40}$/.test(siteId) ? await deps.apps.find(siteId, 'kf') : undefined;
    if (!app) throw new AppError('NOT_FOUND', '这个网站没有配置企业微信客服。No WeCom customer service is set up for this site.');
    return app;
  };
  const credentialSets = (app: WechatApp): AppSecrets[] => [app.secrets, ...(app.previous ? [app.previous] : [])];

  /** Checks msg_signature over `encrypted` and opens it with the credentials that signed it. */
  const openSigned = (app: WechatApp, query: CallbackQuery, encrypted: string | undefined): string => {
    const parsed = Query.safeParse(query);
    if (!parsed.success || !encrypted) throw unauthorized();
    const q = parsed.data;
    if (Math.abs(now() / 1000 - Number(q.timestamp)) > CLOCK_SKEW_SECONDS) throw unauthorized();
    for (const secrets of credentialSets(app)) {
      if (!sameSignature(messageSignature(secrets.token, q.timestamp, q.nonce, encrypted), q.msg_signature)) continue;
      const opened = openEnvelope(secrets.aesKey, app.appId, encrypted);
      if (opened === undefined) throw new AppError('VALIDATION_FAILED', 'The encrypted message could not be opened.');
      return opened;
    }
    throw unauthorized();
  };

  const withToken = async <T>(app: WechatApp, fn: (token: string) => Promise<T>): Promise<T> => {
    for (let attempt = 1; ; attempt++) {
      const token = await deps.tokens.get(app.siteId, 'kf');
      try {
        return await fn(token);
      } catch (error) {
        if (attempt === 1 && error instanceof WechatApiError && TOKEN_ERRORS.has(error.errcode)) {
          await deps.tokens.invalidate(app.siteId, 'kf', token);
          continue;
        }
        throw error;
      }
    }
  };

  const send = async (app: WechatApp, openKfId: string, to: string, turnId: string, texts: readonly string[]) => {
    for (const [i, content] of texts.entries()) {
      // A msgid of ours per reply: WeCom refuses a second send with the same one.
      const msgid = createHash('sha256').update(`${turnId}#${i}`).digest('base64url').slice(0, 32);
      await withToken(app, (token) => deps.api.kfSendText(token, { touser: to, open_kfid: openKfId, msgid, content }));
    }
  };

  /** One message of a page: a turn for a customer's message, the handoff for a session change, nothing for the rest. */
  const handle = async (app: WechatApp, m: KfMessage) => {
    const userId = m.external_userid ?? m.event?.external_userid;
    if (!userId) return;
    const conversationId = wechatConversationId('wk', app.siteId, userId);
    if (m.msgtype === 'event' && m.event) {
      const e = m.event;
      if (e.event_type === 'session_status_change') {
        // 1 taken from the queue, 2 transferred, 4 taken again: a person of the shop serves it. 3: ended.
        if (e.change_type === 3) await markSessionTaken(deps.db, app.siteId, conversationId, false);
        else if (e.new_servicer_userid) await markSessionTaken(deps.db, app.siteId, conversationId, true);
        return;
      }
      if (e.event_type !== 'enter_session') return;
    } else if (m.origin !== 3) return; // a servicer's own message, or a system message
    if (await sessionTaken(deps.db, conversationId)) return;

    const msgKey = `k:${conversationId}:${m.msgid}`;
    const key = { siteId: app.siteId, kind: 'kf' as const, msgKey };
    const claim = await claimInbound(deps.db, { ...key, conversationId }, STALE_CLAIM_SECONDS);
    if (claim.kind !== 'new') return;
    const turnId = `wk:${m.msgid}`;
    try {
      let turn: Omit<InboundMessage, 'conversationId' | 'turnId' | 'channel' | 'siteId'> | undefined;
      let say: string | undefined;
      let image: string | undefined;
      if (m.msgtype === 'text' && m.text?.content.trim()) {
        const choice = choiceFor(m.text.content, await selectChoices(deps.db, conversationId));
        turn = choice ? { text: choice.value, value: choice.value } : { text: m.text.content };
      } else if (m.msgtype === 'image' && m.image) {
        if ((await selectConsent(deps.db, conversationId)) !== 'given') say = wording('zh').imageNeedsConsent;
        else image = m.image.media_id;
      } else if (m.msgtype === 'event') turn = {};
      // WeCom gives no recognition text for 微信客服 voice.
      else if (m.msgtype === 'voice') say = wording('zh').voiceNotRecognised;
      else say = wording('zh').unsupported;

      let texts: string[] = say ? [say] : [];
      if (image) {
        try {
          const bytes = await withToken(app, (token) => deps.api.media(token, image, 'kf'));
          const stored = await storeEvidence(deps.evidenceDir, Readable.from([bytes]), () => false, deps.uploadMaxBytes);
          const name = `wecom-${stored.sha256.slice(0, 12)}`;
          turn = { attachments: [{ name, contentType: stored.contentType, sha256: stored.sha256, size: stored.size }] };
          await deps.inTransaction(async () => {
            await insertEvidence(deps.db, {
              id: `ev_${randomBytes(10).toString('hex')}`,
              conversationId,
              sha256: stored.sha256,
              contentType: stored.contentType,
              size: stored.size,
              originalName: name,
              storagePath: stored.storagePath,
            });
            texts = await runAndRender(app, conversationId, turnId, turn!);
          });
          turn = undefined;
        } catch (error) {
          if (!(error instanceof WechatApiError) && !(error instanceof AppError)) throw error;
          texts = [wording('zh').imageFailed];
        }
      }
      if (turn) texts = await deps.inTransaction(() => runAndRender(app, conversationId, turnId, turn!));
      await completeInbound(deps.db, key, texts.length ? 'custom' : 'none');
      if (!texts.length) return;
      if (m.msgtype === 'event' && m.event?.welcome_code) {
        // The welcome goes with the event's code (one message, within 20 s of entering).
        const welcome = splitText(texts.join('\n\n'), TEXT_MAX_BYTES)[0]!;
        await withToken(app, (token) => deps.api.kfWelcome(token, m.event!.welcome_code!, welcome));
      } else await send(app, m.open_kfid, userId, turnId, texts);
    } catch (error) {
      await releaseInbound(deps.db, key).catch(() => undefined);
      throw error;
    }
  };

  const runAndRender = async (
    app: WechatApp,
    conversationId: string,
    turnId: string,
    turn: Omit<InboundMessage, 'conversationId' | 'turnId' | 'channel' | 'siteId'>,
  ) => {
    const result = await deps.runTurn({ conversationId, channel: 'wecom', turnId, siteId: app.siteId, ...turn });
    const rendered = renderReplies(result.replies, result.replies.length && !result.replies.some((r) => /[\u4e00-\u9fff]/.test(r.text)) ? 'en' : 'zh');
    if (!result.duplicate && !result.forwardedToAgent) await saveChoices(deps.db, conversationId, rendered.choices);
    return rendered.texts;
  };

  /** Fetches every message after the stored cursor (the row locked meanwhile) and handles them in order. */
  const sync = async (app: WechatApp, openKfId: string, eventToken: string | undefined) => {
    await withKfCursor(deps.db, app.siteId, openKfId, async (cursor, save) => {
      let next = cursor;
      for (let page = 0; page < MAX_PAGES; page++) {
        const answer = await withToken(app, (token) =>
          deps.api.kfSync(token, { ...(next ? { cursor: next } : {}), ...(eventToken ? { token: eventToken } : {}), open_kfid: openKfId, limit: 1000 }),
        );
        const parsed = SyncPage.parse(answer);
        for (const raw of parsed.msg_list) {
          const m = KfMessage.safeParse(raw);
          if (!m.success) {
            deps.logger.warn({ siteId: app.siteId }, 'wecom.message_skipped');
            continue;
          }
          await handle(app, m.data);
        }
        if (parsed.next_cursor) {
          next = parsed.next_cursor;
          await save(next);
        }
        if (!parsed.has_more) break;
      }
      return next;
    });
  };

  return {
    /** GET /wecom/{siteId}: WeCom's URL check; `echostr` is encrypted and answered opened. */
    async verify(siteId: string, query: CallbackQuery): Promise<string> {
      const app = await appOf(siteId);
      return openSigned(app, query, typeof query.echostr === 'string' ? query.echostr : undefined);
    },

    /** POST /wecom/{siteId}: answered at once; the messages are fetched and answered after. */
    async receive(siteId: string, query: CallbackQuery, body: string): Promise<CallbackAnswer> {
      const app = await appOf(siteId);
      const outer = parseWechatXml(body);
      const inner = parseWechatXml(openSigned(app, query, typeof outer?.Encrypt === 'string' ? outer.Encrypt : undefined));
      const event = Event.safeParse(inner);
      if (event.success && event.data.Event === 'kf_msg_or_event') track(sync(app, event.data.OpenKfId, event.data.Token));
      return { contentType: 'text/plain', body: 'success' };
    },

    drain,
  };
}

export type WecomKf = ReturnType<typeof makeWecomKf>;
