import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { messageSignature, openEnvelope, plainSignature, sameSignature, sealEnvelope } from '../../src/channels/wechat/crypto.js';
import { buildWechatXml, parseWechatXml } from '../../src/channels/wechat/xml.js';

/**
 * A local stand-in for WeChat and WeCom, speaking their protocol on loopback:
 * - the platform side (what WECHAT_API_BASE / WECOM_API_BASE point at): access tokens
 *   (`cgi-bin/token`, `cgi-bin/gettoken`), media (`cgi-bin/media/get`), customer-service messages
 *   (`cgi-bin/message/custom/send`) and 微信客服 (`cgi-bin/kf/sync_msg`, `cgi-bin/kf/send_msg`), with
 *   tokens that expire and can be revoked, and every message sent recorded;
 * - the user side: an Official Account follower whose messages are signed (and in safe mode encrypted)
 *   and posted to our callback, retried up to three times when no answer comes within the timeout,
 *   exactly as WeChat does.
 */
export type SentMessage = { api: 'custom' | 'kf'; to: string; content: string; openKfId?: string; at: number };
export type KfMessage = Record<string, unknown>;

export type Simulator = Awaited<ReturnType<typeof startSimulator>>;

export async function startSimulator(options: { apps: { appId: string; secret: string }[]; tokenTtlSeconds?: number; tokenDelayMs?: number }) {
  const issued = new Map<string, { appId: string; expiresAt: number }>();
  const sent: SentMessage[] = [];
  const media = new Map<string, { bytes: Buffer; contentType: string }>();
  const kfQueue = new Map<string, KfMessage[]>(); // open_kfid → messages (cursor = index)
  const kfEventTokens = new Set<string>();
  const stats = { tokenCalls: 0, mediaCalls: 0, rejectedTokens: 0 };
  let ttl = options.tokenTtlSeconds ?? 7200;

  const validToken = (token: string | null) => {
    const t = token ? issued.get(token) : undefined;
    if (t && t.expiresAt > Date.now()) return t;
    stats.rejectedTokens++;
    return undefined;
  };
  const json = (res: http.ServerResponse, body: unknown) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const readBody = async (req: http.IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    return chunks.length ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>) : {};
  };

  const server = http.createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://sim');
      const q = url.searchParams;
      switch (url.pathname) {
        case '/cgi-bin/token':
        case '/cgi-bin/gettoken': {
          stats.tokenCalls++;
          if (options.tokenDelayMs) await new Promise((r) => setTimeout(r, options.tokenDelayMs));
          const appId = q.get('appid') ?? q.get('corpid');
          const secret = q.get('secret') ?? q.get('corpsecret');
          if (!options.apps.some((a) => a.appId === appId && a.secret === secret)) return json(res, { errcode: 40013, errmsg: 'invalid appid or secret' });
          const token = `tok_${randomBytes(12).toString('hex')}`;
          issued.set(token, { appId: appId!, expiresAt: Date.now() + ttl * 1000 });
          return json(res, { access_token: token, expires_in: ttl });
        }
        case '/cgi-bin/message/custom/send': {
          if (!validToken(q.get('access_token'))) return json(res, { errcode: 40001, errmsg: 'invalid credential' });
          const body = await readBody(req);
          const content = (body.text as { content?: string } | undefined)?.content ?? '';
          if (Buffer.byteLength(content) > 2048) return json(res, { errcode: 45002, errmsg: 'content size out of limit' });
          sent.push({ api: 'custom', to: String(body.touser), content, at: Date.now() });
          return json(res, { errcode: 0, errmsg: 'ok' });
        }
        case '/cgi-bin/media/get': {
          stats.mediaCalls++;
          if (!validToken(q.get('access_token'))) return json(res, { errcode: 40001, errmsg: 'invalid credential' });
          const file = media.get(q.get('media_id') ?? '');
          if (!file) return json(res, { errcode: 40007, errmsg: 'invalid media_id' });
          res.writeHead(200, { 'content-type': file.contentType, 'content-length': file.bytes.length });
          return res.end(file.bytes);
        }
        case '/cgi-bin/kf/sync_msg': {
          if (!validToken(q.get('access_token'))) return json(res, { errcode: 40001, errmsg: 'invalid credential' });
          const body = await readBody(req);
          const kfid = String(body.open_kfid ?? '');
          if (typeof body.token === 'string' && !kfEventTokens.has(body.token)) return json(res, { errcode: 95007, errmsg: 'invalid msg token' });
          const all = kfQueue.get(kfid) ?? [];
          const from = body.cursor ? Number(body.cursor) : 0;
          const limit = Math.min(Number(body.limit ?? 1000), 1000);
          const page = all.slice(from, from + limit);
          return json(res, {
            errcode: 0,
            errmsg: 'ok',
            next_cursor: String(from + page.length),
            has_more: from + page.length < all.length ? 1 : 0,
            msg_list: page,
          });
        }
        case '/cgi-bin/kf/send_msg': {
          if (!validToken(q.get('access_token'))) return json(res, { errcode: 40001, errmsg: 'invalid credential' });
          const body = await readBody(req);
          const content = (body.text as { content?: string } | undefined)?.content ?? '';
          if (Buffer.byteLength(content) > 2048) return json(res, { errcode: 45002, errmsg: 'content size out of limit' });
          sent.push({ api: 'kf', to: String(body.touser), content, openKfId: String(body.open_kfid), at: Date.now() });
          return json(res, { errcode: 0, errmsg: 'ok', msgid: String(body.msgid ?? randomBytes(6).toString('hex')) });
        }
        default:
          res.writeHead(404).end();
      }
    })().catch((error: unknown) => {
      res.writeHead(500).end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    base,
    stats,
    sent,
    /** Every token issued so far stops working (WeChat's 40001 / 42001 from now on). */
    expireAllTokens() {
      for (const t of issued.values()) t.expiresAt = 0;
    },
    setTokenTtl(seconds: number) {
      ttl = seconds;
    },
    addMedia(mediaId: string, bytes: Buffer, contentType = 'image/jpeg') {
      media.set(mediaId, { bytes, contentType });
    },
    /** Queues a 微信客服 message for kf/sync_msg and returns the callback event's Token. */
    queueKf(openKfId: string, message: KfMessage): string {
      const list = kfQueue.get(openKfId) ?? [];
      list.push(message);
      kfQueue.set(openKfId, list);
      const token = `ENC${randomBytes(8).toString('hex')}`;
      kfEventTokens.add(token);
      return token;
    },
    sentTo(to: string): string[] {
      return sent.filter((m) => m.to === to).map((m) => m.content);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** MsgIds are unique across the account, as WeChat's are. */
let msgId = BigInt(Date.now()) * 1000n;

export type CallbackResult = { status: number; attempts: number; body: string; passive?: string; code?: string };

/**
 * A follower of an Official Account: builds each message as WeChat does, signs it (and in safe mode
 * encrypts it, with msg_signature), posts it to the callback, and retries like WeChat: a new attempt
 * when no answer came within `timeoutMs`, three attempts in all. The passive reply is decrypted and
 * its signature checked.
 */
export function follower(options: {
  callback: string;
  appId: string;
  token: string;
  aesKey: string;
  mode: 'plain' | 'safe';
  openId: string;
  accountId?: string;
  /** WeChat's patience per attempt (5 s); `timeoutsMs` gives each of the three attempts its own. */
  timeoutMs?: number;
  timeoutsMs?: [number, number, number];
}) {
  const account = options.accountId ?? 'gh_0123456789ab';

  const post = async (inner: string): Promise<CallbackResult> => {
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = String(Math.floor(Math.random() * 1e9));
    const url = new URL(options.callback);
    url.searchParams.set('signature', plainSignature(options.token, timestamp, nonce));
    url.searchParams.set('timestamp', timestamp);
    url.searchParams.set('nonce', nonce);
    url.searchParams.set('openid', options.openId);
    let body = inner;
    if (options.mode === 'safe') {
      const encrypted = sealEnvelope(options.aesKey, options.appId, inner);
      url.searchParams.set('encrypt_type', 'aes');
      url.searchParams.set('msg_signature', messageSignature(options.token, timestamp, nonce, encrypted));
      body = buildWechatXml({ ToUserName: account, Encrypt: encrypted });
    }
    for (let attempt = 1; attempt <= 3; attempt++) {
      const timeout = options.timeoutsMs?.[attempt - 1] ?? options.timeoutMs ?? 5000;
      try {
        const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'text/xml' }, body, signal: AbortSignal.timeout(timeout) });
        const text = await res.text();
        if (res.status !== 200) {
          const code = (() => {
            try {
              return (JSON.parse(text) as { error?: { code?: string } }).error?.code;
            } catch {
              return undefined;
            }
          })();
          return { status: res.status, attempts: attempt, body: text, ...(code ? { code } : {}) };
        }
        return { status: 200, attempts: attempt, body: text, ...(passiveText(text) !== undefined ? { passive: passiveText(text)! } : {}) };
      } catch (error) {
        if ((error as Error).name !== 'TimeoutError' || attempt === 3) throw error;
      }
    }
    throw new Error('unreachable');
  };

  /** The text of a passive reply (after checking and opening it in safe mode); undefined for `success` or empty. */
  const passiveText = (answer: string): string | undefined => {
    if (answer === 'success' || answer === '') return undefined;
    let xml = parseWechatXml(answer);
    if (!xml) throw new Error(`not a passive reply: ${answer.slice(0, 80)}`);
    if (options.mode === 'safe') {
      const encrypted = String(xml.Encrypt);
      if (!sameSignature(messageSignature(options.token, String(xml.TimeStamp), String(xml.Nonce), encrypted), String(xml.MsgSignature)))
        throw new Error('the passive reply is not signed with our token');
      const opened = openEnvelope(options.aesKey, options.appId, encrypted);
      if (opened === undefined) throw new Error('the passive reply does not open with our key');
      xml = parseWechatXml(opened)!;
    }
    if (xml.ToUserName !== options.openId || xml.FromUserName !== account || xml.MsgType !== 'text') throw new Error('passive reply addressed wrongly');
    return String(xml.Content);
  };

  const base = () => ({ ToUserName: account, FromUserName: options.openId, CreateTime: Math.floor(Date.now() / 1000) });
  return {
    openId: options.openId,
    nextMsgId: () => String(++msgId),
    post,
    text(content: string, id = String(++msgId)) {
      return post(buildWechatXml({ ...base(), MsgType: 'text', Content: content, MsgId: id }));
    },
    image(mediaId: string) {
      return post(buildWechatXml({ ...base(), MsgType: 'image', PicUrl: 'http://mmbiz.example/x.jpg', MediaId: mediaId, MsgId: String(++msgId) }));
    },
    voice(mediaId: string, recognition?: string) {
      return post(
        buildWechatXml({
          ...base(),
          MsgType: 'voice',
          MediaId: mediaId,
          Format: 'amr',
          ...(recognition ? { Recognition: recognition } : {}),
          MsgId: String(++msgId),
        }),
      );
    },
    event(event: string, eventKey?: string) {
      return post(buildWechatXml({ ...base(), MsgType: 'event', Event: event, ...(eventKey ? { EventKey: eventKey } : {}) }));
    },
  };
}
