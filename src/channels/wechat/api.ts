import { z } from 'zod';
import { AppError } from '../../errors.js';

/** Errors meaning "this access token is no good": refresh it and try once more. */
export const TOKEN_ERRORS = new Set([40001, 40014, 42001]);

export class WechatApiError extends Error {
  constructor(
    readonly errcode: number,
    errmsg: string,
    readonly path: string,
  ) {
    super(`WeChat API ${path}: ${errcode} ${errmsg}`);
    this.name = 'WechatApiError';
  }
}

const Errcode = z.looseObject({ errcode: z.number().optional(), errmsg: z.string().optional() });
const TokenAnswer = z.looseObject({ access_token: z.string().min(1), expires_in: z.number().int().positive() });

export type Fetch = typeof fetch;
const TIMEOUT_MS = 5000;
/** Largest media file fetched from WeChat (images are at most 10 MB there). */
export const MEDIA_MAX_BYTES = 10 * 1024 * 1024;

/**
 * The outbound WeChat (api.weixin.qq.com) and WeCom (qyapi.weixin.qq.com) calls, against the bases
 * WECHAT_API_BASE and WECOM_API_BASE (the simulator in tests). Answers are checked with zod; an
 * `errcode` other than 0 is a `WechatApiError`.
 */
export function makeWechatApi(deps: { wechatBase: string; wecomBase: string; fetch?: Fetch }) {
  const doFetch = deps.fetch ?? fetch;
  const call = async (base: string, path: string, query: Record<string, string>, body?: unknown): Promise<Record<string, unknown>> => {
    const url = new URL(path, `${base}/`);
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
    let res: Response;
    try {
      res = await doFetch(url, {
        method: body === undefined ? 'GET' : 'POST',
        ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      throw new AppError('CHANNEL_UNAVAILABLE', `WeChat API ${path} unreachable`, { cause: error });
    }
    if (!res.ok) throw new AppError('CHANNEL_UNAVAILABLE', `WeChat API ${path}: HTTP ${res.status}`);
    const json: unknown = await res.json().catch(() => undefined);
    const parsed = Errcode.safeParse(json);
    if (!parsed.success) throw new AppError('CHANNEL_UNAVAILABLE', `WeChat API ${path}: not a JSON object`);
    if (parsed.data.errcode) throw new WechatApiError(parsed.data.errcode, parsed.data.errmsg ?? '', path);
    return parsed.data;
  };
  const token = (answer: Record<string, unknown>, path: string) => {
    const parsed = TokenAnswer.safeParse(answer);
    if (!parsed.success) throw new AppError('CHANNEL_UNAVAILABLE', `WeChat API ${path}: no access_token in the answer`);
    return { token: parsed.data.access_token, expiresIn: parsed.data.expires_in };
  };

  return {
    /** 公众号: GET /cgi-bin/token. */
    async mpToken(appId: string, secret: string) {
      return token(await call(deps.wechatBase, 'cgi-bin/token', { grant_type: 'client_credential', appid: appId, secret }), 'cgi-bin/token');
    },
    /** 企业微信: GET /cgi-bin/gettoken with the 微信客服 secret. */
    async wecomToken(corpId: string, secret: string) {
      return token(await call(deps.wecomBase, 'cgi-bin/gettoken', { corpid: corpId, corpsecret: secret }), 'cgi-bin/gettoken');
    },
    /** 公众号 customer-service text message (within 48 h of the user's last message). */
    async mpSendText(accessToken: string, openId: string, content: string): Promise<void> {
      await call(deps.wechatBase, 'cgi-bin/message/custom/send', { access_token: accessToken }, { touser: openId, msgtype: 'text', text: { content } });
    },
    /** 微信客服 kf/sync_msg: the next page of messages after `cursor`. */
    async kfSync(accessToken: string, body: { token?: string; cursor?: string; open_kfid: string; limit: number }) {
      return call(deps.wecomBase, 'cgi-bin/kf/sync_msg', { access_token: accessToken }, body);
    },
    async kfSendText(accessToken: string, body: { touser: string; open_kfid: string; msgid: string; content: string }): Promise<void> {
      await call(
        deps.wecomBase,
        'cgi-bin/kf/send_msg',
        { access_token: accessToken },
        { touser: body.touser, open_kfid: body.open_kfid, msgid: body.msgid, msgtype: 'text', text: { content: body.content } },
      );
    },
    /**
     * A media file (公众号 `cgi-bin/media/get`, or WeCom's with `wecom`): its bytes, at most MEDIA_MAX_BYTES.
     * WeChat answers an error as JSON with status 200, a file as anything else.
     */
    async media(accessToken: string, mediaId: string, which: 'mp' | 'kf'): Promise<Buffer> {
      const url = new URL('cgi-bin/media/get', `${which === 'mp' ? deps.wechatBase : deps.wecomBase}/`);
      url.searchParams.set('access_token', accessToken);
      url.searchParams.set('media_id', mediaId);
      let res: Response;
      try {
        res = await doFetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS * 2) });
      } catch (error) {
        throw new AppError('CHANNEL_UNAVAILABLE', 'WeChat media API unreachable', { cause: error });
      }
      if (!res.ok) throw new AppError('CHANNEL_UNAVAILABLE', `WeChat media API: HTTP ${res.status}`);
      const type = res.headers.get('content-type') ?? '';
      if (/json|text\/plain/i.test(type)) {
        const parsed = Errcode.safeParse(await res.json().catch(() => undefined));
        throw new WechatApiError(
          parsed.success ? (parsed.data.errcode ?? -1) : -1,
          parsed.success ? (parsed.data.errmsg ?? '') : 'not a file',
          'cgi-bin/media/get',
        );
      }
      const declared = Number(res.headers.get('content-length') ?? 0);
      if (declared > MEDIA_MAX_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', 'The image is larger than 10 MB.');
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of res.body ?? []) {
        size += (chunk as Uint8Array).length;
        if (size > MEDIA_MAX_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', 'The image is larger than 10 MB.');
        chunks.push(Buffer.from(chunk as Uint8Array));
      }
      return Buffer.concat(chunks);
    },
  };
}

export type WechatApi = ReturnType<typeof makeWechatApi>;
