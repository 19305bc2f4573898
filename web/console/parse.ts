import type {
  Agent,
  CaseView,
  Citation,
  Conversation,
  ConversationView,
  Entry,
  Evidence,
  Note,
  Queue,
  QueueItem,
  SearchResult,
  StreamMessage,
} from './types.js';

/**
 * Checks what the server sends before the page uses it (the widget's approach: small hand-written
 * readers, not a schema library, to keep the bundle small). A required field that is missing or of
 * the wrong type throws; optional ones fall back to empty values.
 */
export class ShapeError extends Error {}

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const obj = (v: unknown, what: string): Obj => {
  if (!isObj(v)) throw new ShapeError(`${what}: expected an object`);
  return v;
};
const str = (v: unknown, what: string): string => {
  if (typeof v !== 'string') throw new ShapeError(`${what}: expected a string`);
  return v;
};
const optStr = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const nullStr = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const optNum = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const list = <T>(v: unknown, item: (x: unknown, i: number) => T): T[] => (Array.isArray(v) ? v.map(item) : []);

export function parseAgent(body: unknown): Agent {
  const a = obj(obj(body, 'response').agent, 'agent');
  return {
    id: str(a.id, 'agent.id'),
    login: str(a.login, 'agent.login'),
    displayName: optStr(a.displayName) ?? str(a.login, 'agent.login'),
    role: a.role === 'supervisor' ? 'supervisor' : 'agent',
    sites: list(a.sites, (s) => str(s, 'agent.sites[]')),
  };
}

function parseQueueItem(v: unknown): QueueItem {
  const q = obj(v, 'queue item');
  return {
    conversationId: str(q.conversationId, 'conversationId'),
    siteId: optStr(q.siteId) ?? '',
    channel: optStr(q.channel) ?? '',
    owner: optStr(q.owner) ?? 'waiting',
    agentId: nullStr(q.agentId),
    agentName: nullStr(q.agentName),
    category: nullStr(q.category),
    amountFen: optNum(q.amountFen) ?? null,
    caseNo: nullStr(q.caseNo),
    reason: optStr(q.reason) ?? '',
    serious: q.serious === true,
    requestedAt: nullStr(q.requestedAt),
    waitSeconds: optNum(q.waitSeconds) ?? 0,
    lastMessage: nullStr(q.lastMessage),
  };
}

export function parseQueue(body: unknown): Queue {
  const b = obj(body, 'queue');
  return { waiting: list(b.waiting, parseQueueItem), mine: list(b.mine, parseQueueItem) };
}

const parseCitation = (v: unknown): Citation => {
  const c = obj(v, 'citation');
  return { law: str(c.law, 'citation.law'), article: str(c.article, 'citation.article'), quote: optStr(c.quote) };
};

export function parseEntry(v: unknown): Entry {
  const e = obj(v, 'entry');
  const from = e.from === 'user' || e.from === 'bot' || e.from === 'agent' || e.from === 'system' ? e.from : 'system';
  return {
    seq: optNum(e.seq) ?? 0,
    from,
    name: optStr(e.name),
    text: optStr(e.text) ?? '',
    at: optStr(e.at) ?? '',
    citations: list(e.citations, parseCitation),
    attachments: list(e.attachments, (x) => {
      const a = obj(x, 'attachment');
      return { name: optStr(a.name) ?? '', contentType: optStr(a.contentType) ?? '', url: optStr(a.url), sha256: optStr(a.sha256) };
    }),
  };
}

function parseConversation(v: unknown): Conversation {
  const c = obj(v, 'conversation');
  return {
    id: str(c.id, 'conversation.id'),
    siteId: optStr(c.siteId) ?? '',
    channel: optStr(c.channel) ?? '',
    owner: optStr(c.owner) ?? 'bot',
    agentId: nullStr(c.agentId),
    agentName: nullStr(c.agentName),
    stage: nullStr(c.stage),
    category: nullStr(c.category),
    handoffReason: nullStr(c.handoffReason),
    locale: nullStr(c.locale),
  };
}

/** Only string and boolean facts are shown; anything else the record may grow is left out. */
function flat(v: unknown): Record<string, string | boolean> {
  const out: Record<string, string | boolean> = {};
  if (isObj(v)) for (const [k, x] of Object.entries(v)) if (typeof x === 'string' || typeof x === 'boolean') out[k] = x;
  return out;
}

export function parseCase(v: unknown): CaseView {
  const c = obj(v, 'case');
  const record = isObj(c.record) ? c.record : {};
  const order = isObj(record.order) ? record.order : {};
  const notes: Note[] = [];
  for (const e of list(c.events, (x) => (isObj(x) ? x : {}))) {
    if (e.type !== 'note' || !isObj(e.payload) || typeof e.payload.text !== 'string') continue;
    notes.push({ actor: optStr(e.actor) ?? '', text: e.payload.text, at: optStr(e.at) ?? '' });
  }
  return {
    caseNo: str(c.caseNo, 'case.caseNo'),
    status: optStr(c.status) ?? 'open',
    category: optStr(c.category) ?? optStr(record.category) ?? 'other',
    parties: flat(record.parties),
    order: {
      product: optStr(order.product),
      orderNumber: optStr(order.orderNumber),
      amountFen: optNum(order.amountFen),
      orderDate: optStr(order.orderDate),
      receivedDate: optStr(order.receivedDate),
    },
    facts: flat(record.facts),
    demands: list(record.demands, (d) => String(d)),
    remedies: list(record.remedies, (x) => {
      const r = obj(x, 'remedy');
      return { title: optStr(r.title) ?? '', text: optStr(r.text) ?? '', citations: list(r.citations, parseCitation), amountFen: optNum(r.amountFen) };
    }),
    deadlines: list(record.deadlines, (x) => {
      const d = obj(x, 'deadline');
      return { title: optStr(d.title) ?? '', due: optStr(d.due) ?? '', status: optStr(d.status), citations: list(d.citations, parseCitation) };
    }),
    citations: list(record.citations, parseCitation),
    step: nullStr(record.step),
    notes,
  };
}

export function parseConversationView(body: unknown): ConversationView {
  const b = obj(body, 'conversation view');
  return {
    conversation: parseConversation(b.conversation),
    transcript: list(b.transcript, parseEntry),
    case: isObj(b.case) ? parseCase(b.case) : null,
    // Notes made before the conversation had a case live on the conversation.
    notes: list(b.notes, (x): Note => {
      const n = isObj(x) ? x : {};
      return { actor: optStr(n.actor) ?? '', text: optStr(n.text) ?? '', at: optStr(n.at) ?? '' };
    }).filter((n) => n.text),
    evidence: list(b.evidence, (x): Evidence => {
      const e = obj(x, 'evidence');
      return {
        id: str(e.id, 'evidence.id'),
        name: optStr(e.name) ?? '',
        contentType: optStr(e.contentType) ?? '',
        size: optNum(e.size) ?? 0,
        sha256: optStr(e.sha256) ?? '',
        url: str(e.url, 'evidence.url'),
      };
    }),
  };
}

export function parseSearchResults(body: unknown): SearchResult[] {
  return list(obj(body, 'search').results, (x) => {
    const r = obj(x, 'result');
    return {
      id: optStr(r.id) ?? '',
      kind: optStr(r.kind) ?? 'law',
      law: optStr(r.law) ?? '',
      article: optStr(r.article) ?? '',
      heading: optStr(r.heading) ?? '',
      text: optStr(r.text) ?? '',
    };
  });
}

/** Undefined for a message of a type this page does not know (a newer server): it is ignored. */
export function parseStreamMessage(raw: string): StreamMessage | undefined {
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (!isObj(v)) return undefined;
  switch (v.type) {
    case 'queue':
      return { type: 'queue' };
    case 'entry':
      return { type: 'entry', conversationId: str(v.conversationId, 'conversationId'), entry: parseEntry(v.entry) };
    case 'conversation':
      return { type: 'conversation', conversationId: str(v.conversationId, 'conversationId'), owner: optStr(v.owner) ?? 'bot', agentId: nullStr(v.agentId) };
    case 'case':
      return { type: 'case', conversationId: str(v.conversationId, 'conversationId'), caseNo: nullStr(v.caseNo) };
    default:
      return undefined;
  }
}

/** The `{ error: { code, message } }` body of a failed request, when it is one. */
export function parseErrorBody(body: unknown): { code: string; message: string } | undefined {
  if (!isObj(body) || !isObj(body.error)) return undefined;
  const code = optStr(body.error.code);
  return code ? { code, message: optStr(body.error.message) ?? '' } : undefined;
}
