import { z } from 'zod';
import { CaseStatus } from './routes/caseApi.js';
import { packageVersion } from '../version.js';
import { CaseListQuery, CasePatchBody } from './routes/cases.js';
import { DOCUMENT_FORMATS, DOCUMENT_KINDS } from '../documents/index.js';
import { AnswerBody, SearchBody } from './routes/knowledge.js';
import { EvaluationQuery } from './routes/evaluation.js';

/**
 * The OpenAPI 3.1 document of the operator-facing endpoints (knowledge and cases), served at
 * /api/openapi.json. Request shapes are generated from the same zod schemas the routes validate
 * with, so the document cannot drift from what is accepted.
 */
type JsonSchema = Record<string, unknown>;

const input = (schema: z.ZodType): JsonSchema => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  return rest;
};

function queryParameters(schema: z.ZodType): JsonSchema[] {
  const json = input(schema) as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: 'query',
    required: json.required?.includes(name) ?? false,
    schema: property,
    ...(property.anyOf ? { style: 'form', explode: false } : {}),
  }));
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: JsonSchema) => ({ 'application/json': { schema } });
const errors = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((s) => [String(s), { description: ERROR_TEXT[s] ?? 'Error', content: json(ref('Error')) }]));
const ERROR_TEXT: Record<number, string> = {
  400: 'Invalid input (VALIDATION_FAILED, INVALID_JSON)',
  401: 'No or unknown credentials (UNAUTHORIZED)',
  403: 'Credentials without the needed scope (FORBIDDEN)',
  404: 'Unknown, or another site’s (NOT_FOUND)',
  413: 'Body too large (PAYLOAD_TOO_LARGE)',
  415: 'Not JSON (UNSUPPORTED_MEDIA_TYPE)',
  503: 'Starting, shutting down or the database is unreachable (NOT_READY, SHUTTING_DOWN, DATABASE_UNAVAILABLE)',
};

const citation = {
  type: 'object',
  properties: {
    law: { type: 'string' },
    article: { type: 'string' },
    versionDate: { type: ['string', 'null'] },
    sourcePath: { type: 'string' },
    quote: { type: 'string' },
  },
  required: ['law', 'article'],
};
const caseSummary = {
  type: 'object',
  properties: {
    caseNo: { type: 'string', examples: ['WQ-20261128-7K3P'] },
    siteId: { type: 'string' },
    status: { type: 'string', enum: CaseStatus.options },
    category: { type: 'string' },
    platform: { type: ['string', 'null'] },
    shopName: { type: ['string', 'null'] },
    product: { type: ['string', 'null'] },
    amountFen: { type: ['integer', 'null'], description: 'amount paid, in fen (1/100 yuan)' },
    step: { type: ['string', 'null'] },
    createdAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
  },
  required: ['caseNo', 'siteId', 'status', 'category', 'createdAt', 'updatedAt'],
};

export function openApiDocument(): JsonSchema {
  const caseNo = { name: 'caseNo', in: 'path', required: true, schema: { type: 'string', pattern: '^WQ-\\d{8}-[2-9A-HJKMNP-Z]{4}$' } };
  const secured = [{ apiKey: [] }, { consoleSession: [] }];
  return {
    openapi: '3.1.0',
    info: {
      title: 'Weiquan 维权助手 API',
      version: packageVersion(),
      description: 'Knowledge (plan and law, with citations) and the cases filed by conversations. Legal information, not a lawyer’s advice.',
    },
    components: {
      securitySchemes: {
        apiKey: {
          type: 'http',
          scheme: 'bearer',
          description: 'A site API key (wqk_…), created with `npm run -s admin -- keys create`; scope read or read_write.',
        },
        consoleSession: { type: 'apiKey', in: 'cookie', name: 'wq_console', description: 'An agent signed in to /console.' },
      },
      schemas: {
        Error: {
          type: 'object',
          properties: {
            error: {
              type: 'object',
              properties: { code: { type: 'string' }, message: { type: 'string' }, requestId: { type: 'string' }, details: {} },
              required: ['code', 'message', 'requestId'],
            },
          },
          required: ['error'],
        },
        Citation: citation,
        Answer: {
          type: 'object',
          properties: {
            answer: { type: 'string' },
            citations: { type: 'array', items: ref('Citation') },
            planSections: { type: 'array', items: { type: 'object' } },
            notCovered: { type: 'boolean' },
            notices: { type: 'array', items: { type: 'object' } },
          },
          required: ['answer', 'citations', 'planSections', 'notCovered'],
        },
        SearchResult: {
          type: 'object',
          properties: {
            id: { type: 'string' },
            kind: { type: 'string', enum: ['law', 'plan'] },
            law: { type: ['string', 'null'] },
            article: { type: ['string', 'null'] },
            versionDate: { type: ['string', 'null'] },
            heading: { type: ['string', 'null'] },
            text: { type: 'string' },
            sourcePath: { type: 'string' },
            score: { type: 'number' },
          },
        },
        CaseSummary: caseSummary,
        CasePage: {
          type: 'object',
          properties: { cases: { type: 'array', items: ref('CaseSummary') }, nextCursor: { type: ['string', 'null'] } },
          required: ['cases', 'nextCursor'],
        },
        CaseDetail: {
          allOf: [
            ref('CaseSummary'),
            {
              type: 'object',
              properties: {
                conversationId: { type: 'string' },
                record: {
                  type: 'object',
                  description: 'The structured case: parties, order, facts, demands, evidence, remedies, deadlines, citations, step and outcomes.',
                },
                events: {
                  type: 'array',
                  items: {
                    type: 'object',
                    properties: {
                      seq: { type: 'integer' },
                      type: { type: 'string' },
                      actor: { type: 'string' },
                      payload: {},
                      at: { type: 'string', format: 'date-time' },
                    },
                  },
                },
              },
            },
          ],
        },
      },
    },
    paths: {
      '/api/knowledge/search': {
        post: {
          summary: 'Search the law and the rights-protection plans',
          requestBody: { required: true, content: json(input(SearchBody)) },
          responses: {
            200: { description: 'Ranked passages', content: json({ type: 'object', properties: { results: { type: 'array', items: ref('SearchResult') } } }) },
            ...errors(400, 413, 415, 503),
          },
        },
      },
      '/api/knowledge/answer': {
        post: {
          summary: 'Answer a question with citations, or say it is not covered',
          requestBody: { required: true, content: json(input(AnswerBody)) },
          responses: { 200: { description: 'The answer', content: json(ref('Answer')) }, ...errors(400, 413, 415, 503) },
        },
      },
      '/api/cases': {
        get: {
          summary: 'List cases, newest change first (cursor pagination)',
          security: secured,
          parameters: queryParameters(CaseListQuery),
          responses: { 200: { description: 'One page', content: json(ref('CasePage')) }, ...errors(400, 401, 503) },
        },
      },
      '/api/cases.csv': {
        get: {
          summary: 'The filtered case list as CSV (UTF-8 with BOM, at most 10,000 rows)',
          security: secured,
          parameters: queryParameters(CaseListQuery).filter((p) => p.name !== 'cursor' && p.name !== 'limit'),
          responses: { 200: { description: 'CSV', content: { 'text/csv': { schema: { type: 'string' } } } }, ...errors(400, 401, 503) },
        },
      },
      '/api/evaluation': {
        get: {
          summary: "The evaluation figures of the caller's sites for a period (default the last 30 days, at most 366)",
          security: secured,
          parameters: queryParameters(EvaluationQuery).filter((p) => p.name !== 'chart'),
          responses: { 200: { description: 'Aggregated figures, no identifiers', content: json({ type: 'object' }) }, ...errors(400, 401, 404, 503) },
        },
      },
      '/api/evaluation.csv': {
        get: {
          summary: "One chart's data as CSV (UTF-8 with BOM); chart is one of the page's charts, e.g. byMerchant",
          security: secured,
          parameters: queryParameters(EvaluationQuery),
          responses: { 200: { description: 'CSV', content: { 'text/csv': { schema: { type: 'string' } } } }, ...errors(400, 401, 404, 503) },
        },
      },
      '/api/cases/{caseNo}': {
        get: {
          summary: 'One case with its event history',
          security: secured,
          parameters: [caseNo],
          responses: { 200: { description: 'The case', content: json(ref('CaseDetail')) }, ...errors(401, 404, 503) },
        },
        patch: {
          summary: 'Change the status and/or add a note (recorded as events with the actor)',
          security: secured,
          parameters: [caseNo],
          requestBody: { required: true, content: json(input(CasePatchBody)) },
          responses: { 200: { description: 'The updated case', content: json(ref('CaseDetail')) }, ...errors(400, 401, 403, 404, 415, 503) },
        },
      },
      '/api/cases/{caseNo}/documents/{kind}.{format}': {
        get: {
          summary: 'A document of the case, made from its record: a letter, a complaint, or the dossier',
          description:
            "seller-letter (致商家的协商函), platform-request (平台介入申请), complaint-12315 (消费投诉书, every item 市场监督管理投诉举报处理暂行办法 第九条 requires), mediation-request (消协调解申请书), report (举报信), civil-complaint (民事起诉状, the courts' model structure), dossier (案件卷宗: summary, timeline, remedies and deadlines with citations, evidence with SHA-256, the cited articles in full). Facts the case lacks appear as 【请填写…】 to fill in. PDF embeds a subset of Noto Sans SC; .docx names the font. Sent with Cache-Control: no-store. The consumer downloads the same documents from the widget with the conversation token at GET /v3/directline/conversations/{conversationId}/documents/{kind}.{format}.",
          security: secured,
          parameters: [
            caseNo,
            { name: 'kind', in: 'path', required: true, schema: { type: 'string', enum: [...DOCUMENT_KINDS] } },
            { name: 'format', in: 'path', required: true, schema: { type: 'string', enum: [...DOCUMENT_FORMATS] } },
            {
              name: 'lang',
              in: 'query',
              required: false,
              description: "zh or en; defaults to the conversation's language. English documents keep the Chinese legal names.",
              schema: { type: 'string', enum: ['zh', 'en'] },
            },
          ],
          responses: {
            200: {
              description: 'The file, as an attachment named {caseNo}-{kind}[-en].{format}',
              content: {
                'application/pdf': { schema: { type: 'string', format: 'binary' } },
                'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { schema: { type: 'string', format: 'binary' } },
              },
            },
            ...errors(400, 401, 404, 503),
          },
        },
      },
    },
  };
}
