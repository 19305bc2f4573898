import { makeModelAnswer } from './answering/modelAnswer.js';
import { makeRetrievalAssist } from './answering/retrievalAssist.js';
import type { Answer } from './retrieval/answer/composeAnswer.js';
import type { LlmClient } from './understanding/model/llmClient.js';
import type { LlmSettings } from './understanding/model/llmClient.js';
import type { InboundMessage, TurnResult } from './engine/types.js';
import type { Logger } from './logger.js';
import type { Knowledge } from './retrieval/makeKnowledge.js';
import type { Sites } from './sites/index.js';
import type { Understand } from './understanding/index.js';
import { makeLlmClient } from './understanding/model/llmClient.js';
import { makeModelUnderstand } from './understanding/model/modelUnderstand.js';
import { noLlmMetrics, type LlmMetrics } from './understanding/model/metrics.js';
import { withModelPolicy } from './understanding/model/scope.js';

type RunTurn = (inbound: InboundMessage) => Promise<TurnResult>;
type Extractive = (q: { question: string; locale: 'zh' | 'en' }) => Answer;

/** The retrieval the written answer reads from: assisted (rewriting, re-ranking) when configured, else the offline one. */
function assisted(client: LlmClient, extractive: Extractive, deps: { llm: LlmSettings | undefined; logger: Logger }) {
  const rewriting = deps.llm?.queryRewrite === true;
  if (!rewriting && !client.embed) return extractive;
  return makeRetrievalAssist({ answer: extractive, llm: client, logger: deps.logger, rewrite: rewriting });
}

/**
 * The engine's understanding and answering, with or without a model. Without LLM_* they are the
 * offline ones, untouched. With a model, each turn runs under its site's switch (a site may keep its
 * conversations offline), and every model call falls back to the offline result on any failure.
 */
export function makeModelPath(deps: {
  llm: LlmSettings | undefined;
  offline: Understand;
  knowledge: Pick<Knowledge, 'answer' | 'article'>;
  sites: Pick<Sites, 'modelAllowed'>;
  logger: Logger;
  metrics?: LlmMetrics;
}) {
  const extractive = (q: { question: string; locale: 'zh' | 'en' }) => deps.knowledge.answer(q);
  if (!deps.llm) return { understand: deps.offline, answer: extractive, wrapTurn: (run: RunTurn) => run, client: undefined };
  const client = makeLlmClient({ settings: deps.llm, logger: deps.logger.child({ component: 'llm' }), metrics: deps.metrics ?? noLlmMetrics });
  deps.logger.info(
    { model: deps.llm.model, host: new URL(deps.llm.baseUrl).host, timeoutMs: deps.llm.timeoutMs, structuredOutput: deps.llm.structuredOutput },
    'llm.configured',
  );
  return {
    client,
    understand: makeModelUnderstand({ offline: deps.offline, llm: client, logger: deps.logger }),
    answer: makeModelAnswer({
      answer: assisted(client, extractive, deps),
      article: (law, label) => deps.knowledge.article(law, label),
      llm: client,
      logger: deps.logger,
    }),
    wrapTurn:
      (run: RunTurn): RunTurn =>
      async (inbound) =>
        withModelPolicy(await deps.sites.modelAllowed(inbound.siteId), () => run(inbound), inbound.onWaiting),
  };
}
