import { parseAgent, parseConversationView, parseEntry, parseErrorBody, parseQueue, parseSearchResults } from './parse.js';
import type { Agent, Citation, ConversationView, Entry, Queue, SearchResult } from './types.js';

/** A failed request: the HTTP status and the server's stable error code (or NETWORK when there was no answer). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export type Stage = 'collecting' | 'evidence' | 'negotiate' | 'platform' | 'external';

/** The console's calls to its own origin. The session is the HttpOnly cookie the browser sends by itself. */
export type Api = ReturnType<typeof makeApi>;

export function makeApi(base = '') {
  const conversation = (id: string) => `/console/api/conversations/${encodeURIComponent(id)}`;
  return {
    login: async (login: string, password: string): Promise<Agent> => parseAgent(await request(base, 'POST', '/console/api/login', { login, password })),
    logout: async (): Promise<void> => void (await request(base, 'POST', '/console/api/logout')),
    me: async (): Promise<Agent> => parseAgent(await request(base, 'GET', '/console/api/me')),
    queue: async (): Promise<Queue> => parseQueue(await request(base, 'GET', '/console/api/queue')),
    conversation: async (id: string): Promise<ConversationView> => parseConversationView(await request(base, 'GET', conversation(id))),
    claim: async (id: string): Promise<void> => void (await request(base, 'POST', `${conversation(id)}/claim`)),
    reply: async (id: string, text: string, citations: Citation[]): Promise<Entry> => {
      // The client id makes a retried send deliver once.
      const body = await request(base, 'POST', `${conversation(id)}/messages`, { text, clientId: randomId(), ...(citations.length > 0 ? { citations } : {}) });
      return parseEntry(typeof body === 'object' && body !== null && 'entry' in body ? body.entry : undefined);
    },
    note: async (id: string, text: string): Promise<void> => void (await request(base, 'POST', `${conversation(id)}/notes`, { text })),
    handBack: async (id: string, stage?: Stage): Promise<void> => void (await request(base, 'POST', `${conversation(id)}/handback`, stage ? { stage } : {})),
    close: async (id: string): Promise<void> => void (await request(base, 'POST', `${conversation(id)}/close`)),
    setStatus: async (caseNo: string, status: string): Promise<void> =>
      void (await request(base, 'PATCH', `/api/cases/${encodeURIComponent(caseNo)}`, { status })),
    search: async (query: string): Promise<SearchResult[]> => parseSearchResults(await request(base, 'POST', '/api/knowledge/search', { query, k: 8 })),
  };
}

export async function request(base: string, method: string, path: string, body?: unknown): Promise<unknown> {
  // Every state-changing request carries the console's CSRF header; the server refuses those without it.
  const headers: Record<string, string> = { Accept: 'application/json', 'X-Weiquan-Console': '1' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(`${base}${path}`, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, 'NETWORK', 'network');
  }
  const text = await response.text().catch(() => '');
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!response.ok) {
    const error = parseErrorBody(parsed);
    throw new ApiError(response.status, error?.code ?? `HTTP_${response.status}`, error?.message ?? response.statusText);
  }
  return parsed;
}

function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return `c${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
