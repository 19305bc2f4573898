import { Router } from 'express';
import { openApiDocument } from '../openapi.js';

export function openApiRouter(): Router {
  const router = Router();
  const document = openApiDocument();
  router.get('/api/openapi.json', (_req, res) => {
    res.json(document);
  });
  return router;
}
