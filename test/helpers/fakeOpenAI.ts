import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local OpenAI-compatible server for tests (node:http on a free port, loopback only): chat
 * completions answered from a per-test script, embeddings, errors, delays and malformed output, and a
 * log of every request body it received (so a test can check what would have left the process).
 */

/** One scripted answer to a chat completion. */
export type FakeReply =
  /** A structured answer: sent as a tool call when the request offered tools, else as JSON content. */
  | { json: unknown }
  /** Raw assistant content, as is (plain text, or malformed JSON). */
  | { content: string }
  /** A tool call with these arguments (a string is sent verbatim, so it may be malformed). */
  | { toolCall: { name?: string; arguments: unknown } }
  /** An HTTP error (429, 500, 503, …). */
  | { status: number; body?: unknown }
  /** Answers only when the client gives up or the server closes. */
  | { hang: true }
  /** Waits, then answers. */
  | { delayMs: number; then: FakeReply };

export type ReceivedRequest = { method: string; path: string; headers: http.IncomingHttpHeaders; body: Record<string, unknown> };

export type ChatHandler = (body: ChatBody, index: number) => FakeReply;
export type ChatBody = {
  model?: string;
  messages?: { role: string; content?: unknown }[];
  tools?: { function?: { name?: string } }[];
  response_format?: unknown;
  [key: string]: unknown;
};

export type FakeOpenAI = {
  /** Base URL including `/v1`, as LLM_BASE_URL takes it. */
  baseUrl: string;
  /** Every request received, in order, with its parsed JSON body. */
  requests: ReceivedRequest[];
  /** Chat requests only. */
  chatRequests(): ChatBody[];
  /** Everything the clients sent, as one string: for "this never left the process" checks. */
  allSent(): string;
  /** Queues answers for the next chat completions (used before the fallback handler). */
  script(...replies: FakeReply[]): void;
  /** Answers every chat completion not covered by the script. Default: a 500. */
  onChat(handler: ChatHandler): void;
  /** Forgets the script, the handler and the request log (between tests). */
  reset(): void;
  close(): Promise<void>;
};

export async function startFakeOpenAI(options: { embeddingDims?: number } = {}): Promise<FakeOpenAI> {
  const dims = options.embeddingDims ?? 8;
  const requests: ReceivedRequest[] = [];
  const queue: FakeReply[] = [];
  let handler: ChatHandler = () => ({ status: 500, body: { error: { message: 'no scripted reply', type: 'server_error' } } });
  let completions = 0;
  const hanging = new Set<http.ServerResponse>();

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let body: Record<string, unknown>;
      try {
        body = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>) : {};
      } catch {
        send(res, 400, { error: { message: 'invalid JSON body', type: 'invalid_request_error' } });
        return;
      }
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      requests.push({ method: req.method ?? 'GET', path, headers: req.headers, body });
      if (req.method === 'POST' && path.endsWith('/chat/completions')) {
        const index = completions++;
        const reply = queue.shift() ?? handler(body as ChatBody, index);
        answerChat(res, body as ChatBody, reply, index);
      } else if (req.method === 'POST' && path.endsWith('/embeddings')) {
        answerEmbeddings(res, body, dims);
      } else {
        send(res, 404, { error: { message: `no route ${path}`, type: 'invalid_request_error' } });
      }
    });
  });

  function answerChat(res: http.ServerResponse, body: ChatBody, reply: FakeReply, index: number): void {
    if ('delayMs' in reply) {
      const timer = setTimeout(() => answerChat(res, body, reply.then, index), reply.delayMs);
      res.once('close', () => clearTimeout(timer));
      return;
    }
    if ('hang' in reply) {
      hanging.add(res);
      res.once('close', () => hanging.delete(res));
      return;
    }
    if ('status' in reply) {
      send(
        res,
        reply.status,
        reply.body ?? { error: { message: `scripted ${reply.status}`, type: reply.status === 429 ? 'rate_limit_exceeded' : 'server_error' } },
      );
      return;
    }
    const id = `chatcmpl-fake-${index + 1}-${Date.now().toString(36)}`;
    const toolName = body.tools?.[0]?.function?.name ?? 'extract';
    let message: Record<string, unknown>;
    let finish = 'stop';
    if ('toolCall' in reply || ('json' in reply && body.tools?.length)) {
      const args = 'toolCall' in reply ? reply.toolCall.arguments : reply.json;
      const name = 'toolCall' in reply ? (reply.toolCall.name ?? toolName) : toolName;
      message = {
        role: 'assistant',
        content: null,
        tool_calls: [{ id: `call_${index + 1}`, type: 'function', function: { name, arguments: typeof args === 'string' ? args : JSON.stringify(args) } }],
      };
      finish = 'tool_calls';
    } else {
      message = { role: 'assistant', content: 'json' in reply ? JSON.stringify(reply.json) : reply.content };
    }
    const promptTokens = Math.ceil(JSON.stringify(body.messages ?? []).length / 4);
    const completionTokens = Math.ceil(JSON.stringify(message).length / 4);
    send(res, 200, {
      id,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: body.model ?? 'fake',
      choices: [{ index: 0, message, finish_reason: finish, logprobs: null }],
      usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens },
    });
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    chatRequests: () => requests.filter((r) => r.path.endsWith('/chat/completions')).map((r) => r.body as ChatBody),
    allSent: () => requests.map((r) => JSON.stringify(r.body)).join('\n'),
    script: (...replies) => queue.push(...replies),
    onChat: (h) => (handler = h),
    reset() {
      queue.length = 0;
      requests.length = 0;
      handler = () => ({ status: 500 });
    },
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Deterministic vectors per input; base64 when asked (the openai SDK asks by default), floats otherwise. */
function answerEmbeddings(res: http.ServerResponse, body: Record<string, unknown>, dims: number): void {
  const inputs = Array.isArray(body.input) ? (body.input as unknown[]).map(String) : [String(body.input ?? '')];
  const base64 = body.encoding_format === 'base64';
  const data = inputs.map((text, index) => {
    const digest = createHash('sha256').update(text).digest();
    const vector = Array.from({ length: dims }, (_, i) => ((digest[i % digest.length] ?? 0) - 128) / 128);
    return { object: 'embedding', index, embedding: base64 ? Buffer.from(new Float32Array(vector).buffer).toString('base64') : vector };
  });
  const tokens = inputs.reduce((n, t) => n + Math.ceil(t.length / 2), 0);
  send(res, 200, { object: 'list', model: body.model ?? 'fake-embed', data, usage: { prompt_tokens: tokens, total_tokens: tokens } });
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** The user content of a chat request's last user message, as text. */
export function lastUserText(body: ChatBody): string {
  const user = [...(body.messages ?? [])].reverse().find((m) => m.role === 'user');
  return typeof user?.content === 'string' ? user.content : JSON.stringify(user?.content ?? '');
}
