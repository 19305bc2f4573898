import { Router } from 'express';
import { z } from 'zod';
import { AppError } from '../../errors.js';

const ConversationId = z.string().regex(/^[A-Za-z0-9_-]{1,100}$/);

export type MyDataApi = {
  /** The site of conversation `id`, when the Authorization header holds its token (or the site's secret) from an allowed page. */
  conversationSite(authorization: string | undefined, origin: string | undefined, id: string): Promise<string>;
  /** Everything held of the conversation, opened; undefined when it is not the site's. */
  exportFor(siteId: string, id: string): Promise<object | undefined>;
};

/**
 * 导出我的信息 for the consumer (个人信息保护法 第四十五条): `GET /v3/directline/conversations/{id}/my-data`
 * with the conversation's token returns everything held as JSON, as a download. Deletion is the same
 * conversation's message (typed 删除我的信息, or an activity with `value: "delete_my_data"`), so it is
 * one turn like any other and says what was kept.
 */
export function myDataRouter(api: MyDataApi): Router {
  const router = Router();
  router.get('/v3/directline/conversations/:id/my-data', async (req, res) => {
    const id = ConversationId.safeParse(req.params.id);
    if (!id.success) throw new AppError('NOT_FOUND', '没有这个会话。No such conversation.');
    const siteId = await api.conversationSite(req.headers.authorization, req.headers.origin, id.data);
    const data = await api.exportFor(siteId, id.data);
    if (!data) throw new AppError('NOT_FOUND', '没有这个会话。No such conversation.');
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Content-Disposition', `attachment; filename="weiquan-my-data-${id.data.slice(0, 40)}.json"`);
    res.json(data);
  });
  return router;
}
