import express, { Router, type Request } from 'express';
import { AppError } from '../../errors.js';

export type CallbackAnswer = { contentType: 'text/plain' | 'application/xml'; body: string };
export type WechatCallbacks = {
  verify(siteId: string, query: Record<string, unknown>): Promise<string>;
  receive(siteId: string, query: Record<string, unknown>, body: string): Promise<CallbackAnswer>;
};

/**
 * The WeChat callback endpoints: `/wechat/{siteId}` (公众号) and `/wecom/{siteId}` (企业微信 微信客服).
 * GET is WeChat's URL check (answers `echostr`), POST one XML message. Without WECHAT_SECRETS_KEY the
 * channels are off: 503 NOT_CONFIGURED. A bad signature is 401 UNAUTHORIZED, a bad body 400.
 */
export function wechatRouter(deps: { officialAccount: WechatCallbacks | undefined; wecom: WechatCallbacks | undefined; maxBytes: number }): Router {
  const router = Router();
  const text = express.text({ type: () => true, limit: deps.maxBytes });
  const off = () => new AppError('NOT_CONFIGURED', '微信渠道未开启：请设置 WECHAT_SECRETS_KEY。The WeChat channels are off: set WECHAT_SECRETS_KEY.');
  const bodyOf = (req: Request) => {
    if (typeof req.body !== 'string') throw new AppError('VALIDATION_FAILED', 'The body must be WeChat XML.');
    return req.body;
  };
  for (const [path, which] of [
    ['/wechat/:siteId', () => deps.officialAccount],
    ['/wecom/:siteId', () => deps.wecom],
  ] as const) {
    router.get(path, async (req, res) => {
      const callbacks = which();
      if (!callbacks) throw off();
      const echo = await callbacks.verify(String(req.params.siteId), req.query);
      res.type('text/plain').send(echo);
    });
    router.post(path, text, async (req, res) => {
      const callbacks = which();
      if (!callbacks) throw off();
      const answer = await callbacks.receive(String(req.params.siteId), req.query, bodyOf(req));
      res.type(answer.contentType).send(answer.body);
    });
  }
  return router;
}
