import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import {
  DOCUMENT_FORMATS,
  DOCUMENT_KINDS,
  isDocumentFormat,
  isDocumentKind,
  type DocumentFormat,
  type DocumentKind,
  type DocumentLocale,
  type RenderedDocument,
} from '../../documents/index.js';
import { AppError } from '../../errors.js';
import { requirePrincipal, type Authenticate } from '../auth/principal.js';

/** What the document endpoints need; src/main.ts binds these to the database and the Direct Line channel. */
export type DocumentsApi = {
  /** The site's key or an agent session, as on the other cases endpoints. */
  authenticate: Authenticate;
  forCase(sites: readonly string[], caseNo: string, kind: DocumentKind, format: DocumentFormat, locale?: DocumentLocale): Promise<RenderedDocument | undefined>;
  forConversation(
    siteId: string,
    conversationId: string,
    kind: DocumentKind,
    format: DocumentFormat,
    locale?: DocumentLocale,
  ): Promise<RenderedDocument | undefined>;
  /**
   * The site of a conversation token sent for `conversationId` from `origin` (when a browser sends one);
   * throws UNAUTHORIZED / FORBIDDEN / ORIGIN_NOT_ALLOWED like the other Direct Line endpoints.
   */
  conversationSite(authorization: string | undefined, origin: string | undefined, conversationId: string): Promise<string>;
};

const CaseNo = z.string().regex(/^WQ-\d{8}-[2-9A-HJKMNP-Z]{4}$/);
const ConversationId = z.string().regex(/^[A-Za-z0-9_-]{1,100}$/);
const Query = z.strictObject({ lang: z.enum(['zh', 'en']).optional() });

/** `complaint-12315.pdf` → kind and format; a clear 404 naming what exists otherwise. */
function documentOf(req: Request): { kind: DocumentKind; format: DocumentFormat; locale?: DocumentLocale } {
  const match = /^([a-z0-9-]+)\.([a-z]+)$/.exec(String(req.params.document ?? ''));
  const [kind, format] = [match?.[1] ?? '', match?.[2] ?? ''];
  if (!isDocumentKind(kind)) {
    throw new AppError('NOT_FOUND', `没有这种文书。No such document: kind must be one of ${DOCUMENT_KINDS.join(', ')}.`, {
      details: { reason: 'unknown_kind', kinds: DOCUMENT_KINDS },
    });
  }
  if (!isDocumentFormat(format)) {
    throw new AppError('NOT_FOUND', `不支持这种格式。No such format: use ${DOCUMENT_FORMATS.map((f) => `.${f}`).join(' or ')}.`, {
      details: { reason: 'unknown_format', formats: DOCUMENT_FORMATS },
    });
  }
  const query = Query.safeParse(req.query);
  if (!query.success)
    throw new AppError('VALIDATION_FAILED', 'The request is not valid: lang must be zh or en.', {
      details: query.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
  return { kind, format, locale: query.data.lang };
}

function send(res: Response, doc: RenderedDocument): void {
  // A case's documents hold personal data: never cached, by the browser or anything in between.
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Content-Type', doc.contentType);
  res.setHeader('Content-Disposition', `attachment; filename="${doc.fileName}"`);
  res.setHeader('Content-Language', doc.locale === 'zh' ? 'zh-CN' : 'en');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.send(doc.bytes);
}

/**
 * A case's documents (letters, complaints, the dossier) as PDF or .docx: for operators by case number
 * (site key or agent session, only their sites' cases), and for the consumer in the widget by their
 * conversation's token (never a guessable URL: the token is in the Authorization header).
 */
export function documentsRouter(api: DocumentsApi): Router {
  const router = Router();

  router.get('/api/cases/:caseNo/documents/:document', async (req, res) => {
    const principal = await requirePrincipal(api.authenticate, req);
    const caseNo = CaseNo.safeParse(req.params.caseNo);
    if (!caseNo.success) throw new AppError('NOT_FOUND', 'No such case.');
    const { kind, format, locale } = documentOf(req);
    const doc = await api.forCase(principal.sites, caseNo.data, kind, format, locale);
    if (!doc) throw new AppError('NOT_FOUND', 'No such case.');
    send(res, doc);
  });

  router.get('/v3/directline/conversations/:id/documents/:document', async (req, res) => {
    const id = ConversationId.safeParse(req.params.id);
    if (!id.success) throw new AppError('NOT_FOUND', '没有这个会话。No such conversation.');
    const siteId = await api.conversationSite(req.headers.authorization, req.headers.origin, id.data);
    const { kind, format, locale } = documentOf(req);
    const doc = await api.forConversation(siteId, id.data, kind, format, locale);
    if (!doc)
      throw new AppError('NOT_FOUND', '这个会话还没有立案（需要先同意并说明情况）。This conversation has no filed case yet.', {
        details: { reason: 'no_case' },
      });
    send(res, doc);
  });

  return router;
}

/** The Direct Line checks, for a download: a token of this very conversation (or the site's secret), from an allowed page. */
export function conversationSiteOf(deps: {
  authenticate: (
    authorization: string | undefined,
  ) => Promise<{ kind: 'token'; claims: { conversationId: string; siteId: string } } | { kind: 'secret'; site: { id: string } }>;
  findSite: (id: string) => Promise<{ allowedOrigins: string[] } | undefined>;
}): DocumentsApi['conversationSite'] {
  return async (authorization, origin, conversationId) => {
    const principal = await deps.authenticate(authorization);
    if (principal.kind === 'token' && principal.claims.conversationId !== conversationId)
      throw new AppError('FORBIDDEN', '令牌不属于这个会话。This token is for another conversation.');
    const siteId = principal.kind === 'token' ? principal.claims.siteId : principal.site.id;
    if (origin) {
      const site = await deps.findSite(siteId);
      if (!site?.allowedOrigins.includes(origin))
        throw new AppError('ORIGIN_NOT_ALLOWED', "这个网页不能访问该网站的会话。This page may not use this site's conversations.");
    }
    return siteId;
  };
}
