import { Router } from 'express';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import type { ChannelLimits } from '../channelLimits.js';

/** What the knowledge endpoints need; src/main.ts passes the retrieval layer's implementation. */
export type KnowledgeApi = {
  search(q: { query: string; k: number; scope: 'all' | 'law' | 'plan'; corpus: 'serving' | 'all' }): unknown[];
  answer(q: { question: string; locale: 'zh' | 'en' }): unknown;
};

const text = (name: string) =>
  z
    .string({ error: `${name} must be a string` })
    .trim()
    .min(1, `${name} must not be empty`)
    .max(2000, `${name} must be at most 2,000 characters`);

export const SearchBody = z.strictObject({
  query: text('query'),
  k: z.number().int().min(1).max(100).default(10),
  scope: z.enum(['all', 'law', 'plan']).default('all'),
  corpus: z.enum(['serving', 'all']).default('serving'),
});

export const AnswerBody = z.strictObject({
  question: text('question'),
  locale: z.enum(['zh', 'en']).default('zh'),
});

/** `knowledge` is undefined while the index is still being built after start: answers are then 503. */
export function knowledgeRouter(current: KnowledgeApi | (() => KnowledgeApi | undefined), limits?: ChannelLimits): Router {
  const router = Router();
  const knowledgeNow = (): KnowledgeApi => {
    const k = typeof current === 'function' ? current() : current;
    if (!k) throw new AppError('NOT_READY', 'The knowledge base is still loading; please retry in a few seconds.');
    return k;
  };
  router.use('/api/knowledge', (req, _res, next) => {
    if (req.method === 'POST' && !req.is('application/json')) {
      next(new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the request body as JSON (Content-Type: application/json).'));
      return;
    }
    next();
  });
  router.post('/api/knowledge/search', (req, res) => {
    const body = SearchBody.parse(req.body ?? {});
    limits?.request(req, res);
    res.json({ results: knowledgeNow().search(body) });
  });
  router.post('/api/knowledge/answer', (req, res) => {
    const body = AnswerBody.parse(req.body ?? {});
    limits?.request(req, res);
    res.json(knowledgeNow().answer(body));
  });
  return router;
}
