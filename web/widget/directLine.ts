import { downloadFile, expiry, field, HttpError, isActivitySet, randomId, request, uploadFile } from './http.js';
import type { SessionStore } from './sessionStore.js';
import type { Activity, Locale, Session } from './types.js';

/** `refused`: the server answers but will not serve this page (its origin is not one the site allows). */
export type Status = { kind: 'connecting' } | { kind: 'online' } | { kind: 'offline' | 'refused'; retryAt: number };

export type ConnectionEvents = {
  activities(list: Activity[]): void;
  status(status: Status): void;
  /** A new conversation replaced the stored one (first visit, expired token, or a reset). */
  conversation(conversationId: string): void;
};

export type Connection = {
  start(): void;
  retryNow(): void;
  reset(): void;
  userId(): string | undefined;
  send(activity: Activity): Promise<string>;
  upload(file: File, activity: Activity, onProgress: (fraction: number) => void): Promise<string>;
  /** A document of the conversation's case (e.g. complaint-12315.pdf), in `lang` or the conversation's language. */
  document(file: string, lang?: Locale): Promise<Blob>;
};

// A token is refreshed this long before it expires, and a stored one this close to expiry is dropped.
const REFRESH_MARGIN_MS = 5 * 60_000;
const MIN_VALID_MS = 30_000;
const MAX_RETRY_MS = 15_000;
const REFUSED_RETRY_MS = 120_000;
const POLL_MS = 1500;
const SHORT_LIVED_MS = 5000;
const SHORT_LIVED_LIMIT = 2;

/**
 * A Direct Line 3.0 client: a token from the site's token endpoint, a conversation, a WebSocket
 * stream (polling when WebSocket cannot connect), resume by conversation id and watermark, token
 * refresh, and retries with back-off while the server cannot be reached.
 */
export function makeConnection(options: { base: string; siteId: string; locale: Locale; store: SessionStore }, events: ConnectionEvents): Connection {
  const { base, siteId, locale, store } = options;
  let session: Session | undefined;
  let socket: WebSocket | undefined;
  let timers: number[] = [];
  let attempt = 0;
  let historyLoaded = false;
  let shortLived = 0;
  // Bumped whenever a connection is abandoned, so late callbacks of the old one do nothing.
  let generation = 0;

  const later = (ms: number, fn: () => void) => timers.push(window.setTimeout(fn, ms));
  const stopAll = () => {
    generation += 1;
    timers.forEach((t) => window.clearTimeout(t));
    timers = [];
    const s = socket;
    socket = undefined;
    try {
      s?.close();
    } catch {
      // Already closed.
    }
  };
  const conversationPath = (s: Session, rest = '') => `/v3/directline/conversations/${encodeURIComponent(s.conversationId)}${rest}`;

  async function connect(gen: number): Promise<void> {
    try {
      if (!session) session = store.load();
      if (session && session.expiresAt - Date.now() < MIN_VALID_MS) await renew(session);
      if (session) {
        try {
          await resume(gen, session);
        } catch (error) {
          if (!(error instanceof HttpError) || ![401, 403, 404].includes(error.status)) throw error;
          forget();
        }
      }
      if (!session) await create(gen);
      if (gen !== generation) return;
      attempt = 0;
      events.status({ kind: 'online' });
    } catch (error) {
      if (gen !== generation) return;
      // A misconfigured site will not fix itself in seconds: ask again rarely.
      const refused = !session && error instanceof HttpError && error.status === 403;
      const delay = refused ? REFUSED_RETRY_MS : Math.min(MAX_RETRY_MS, 1000 * 2 ** attempt);
      attempt += 1;
      events.status({ kind: refused ? 'refused' : 'offline', retryAt: Date.now() + delay });
      later(delay, () => void connect(gen));
    }
  }

  /**
   * The stored token has expired (the page was closed for a while): its resume ticket gets a new token for
   * the same conversation from the site's token endpoint. A ticket the server no longer honours (too old,
   * the conversation gone) means a new conversation; a server out of reach is retried like any other.
   */
  async function renew(s: Session): Promise<void> {
    if (!s.resume) return forget();
    try {
      const renewed = await request<unknown>(base, 'POST', '/api/webchat/token', { siteId, locale, resume: s.resume });
      const token = field(renewed, 'token');
      if (!token || field(renewed, 'conversationId') !== s.conversationId) return forget();
      s.token = token;
      s.expiresAt = expiry(renewed);
      s.resume = field(renewed, 'resume') ?? s.resume;
      store.save(s);
    } catch (error) {
      if (error instanceof HttpError && error.status >= 400 && error.status < 500 && error.status !== 429) return forget();
      throw error;
    }
  }

  function forget(): void {
    session = undefined;
    historyLoaded = false;
    store.clear();
  }

  async function resume(gen: number, s: Session): Promise<void> {
    if (s.expiresAt - Date.now() < REFRESH_MARGIN_MS) await refresh(s);
    // After a reload the whole history is fetched (it is not kept in the browser); after a dropped
    // connection only what came after the watermark.
    const since = historyLoaded && s.watermark ? `?watermark=${encodeURIComponent(s.watermark)}` : '';
    deliver(gen, await request<unknown>(base, 'GET', conversationPath(s, `/activities${since}`), undefined, s.token));
    historyLoaded = true;
    const mark = s.watermark ? `?watermark=${encodeURIComponent(s.watermark)}` : '';
    const conversation = await request<unknown>(base, 'GET', conversationPath(s, mark), undefined, s.token);
    scheduleRefresh(gen, s);
    openStream(gen, field(conversation, 'streamUrl'));
  }

  async function create(gen: number): Promise<void> {
    const minted = await request<unknown>(base, 'POST', '/api/webchat/token', { siteId, locale });
    const token = field(minted, 'token');
    if (!token) throw new HttpError(502, minted);
    const started = await request<unknown>(base, 'POST', '/v3/directline/conversations', undefined, token);
    const conversationId = field(started, 'conversationId') ?? field(minted, 'conversationId');
    if (!conversationId || gen !== generation) throw new HttpError(502, started);
    const resume = field(minted, 'resume');
    session = {
      conversationId,
      token: field(started, 'token') ?? token,
      expiresAt: expiry(started, minted),
      userId: randomId('u'),
      ...(resume ? { resume } : {}),
    };
    historyLoaded = true;
    store.save(session);
    events.conversation(conversationId);
    scheduleRefresh(gen, session);
    openStream(gen, field(started, 'streamUrl'));
  }

  async function refresh(s: Session): Promise<void> {
    const renewed = await request<unknown>(base, 'POST', '/v3/directline/tokens/refresh', undefined, s.token);
    const token = field(renewed, 'token');
    if (!token) return;
    s.token = token;
    s.expiresAt = expiry(renewed);
    store.save(s);
  }

  function scheduleRefresh(gen: number, s: Session): void {
    const wait = Math.max(10_000, s.expiresAt - Date.now() - REFRESH_MARGIN_MS);
    later(wait, () => {
      if (gen !== generation) return;
      refresh(s).then(
        () => scheduleRefresh(gen, s),
        () => later(60_000, () => scheduleRefresh(gen, s)),
      );
    });
  }

  function openStream(gen: number, streamUrl: string | undefined): void {
    if (gen !== generation) return;
    if (!streamUrl || typeof WebSocket === 'undefined' || shortLived >= SHORT_LIVED_LIMIT) return poll(gen);
    let opened = false;
    let openedAt = 0;
    let ws: WebSocket;
    try {
      ws = new WebSocket(streamUrl);
    } catch {
      return poll(gen);
    }
    socket = ws;
    ws.onopen = () => {
      opened = true;
      openedAt = Date.now();
    };
    ws.onmessage = (event) => {
      // The stream sends empty keep-alive frames between activity sets.
      if (gen !== generation || typeof event.data !== 'string' || event.data.trim() === '') return;
      shortLived = 0;
      try {
        deliver(gen, JSON.parse(event.data));
      } catch {
        // A frame we cannot read is skipped; the next resume catches up from the watermark.
      }
    };
    ws.onclose = () => {
      if (gen !== generation || socket !== ws) return;
      socket = undefined;
      // A socket that never opens, or that something between us keeps closing at once, is not
      // retried in a loop: after a few such closes this page polls instead.
      const brief = !opened || Date.now() - openedAt < SHORT_LIVED_MS;
      shortLived = brief ? shortLived + 1 : 0;
      if (!opened || shortLived >= SHORT_LIVED_LIMIT) return poll(gen);
      generation += 1;
      const next = generation;
      later(brief ? 1000 : 0, () => void connect(next));
    };
  }

  function poll(gen: number): void {
    const s = session;
    if (gen !== generation || !s) return;
    const since = s.watermark ? `?watermark=${encodeURIComponent(s.watermark)}` : '';
    request<unknown>(base, 'GET', conversationPath(s, `/activities${since}`), undefined, s.token).then(
      (set) => {
        deliver(gen, set);
        later(POLL_MS, () => poll(gen));
      },
      () => {
        if (gen !== generation) return;
        generation += 1;
        void connect(generation);
      },
    );
  }

  function deliver(gen: number, set: unknown): void {
    if (gen !== generation || !isActivitySet(set)) return;
    if (set.activities.length > 0) events.activities(set.activities);
    if (session && typeof set.watermark === 'string' && set.watermark !== '') {
      session.watermark = set.watermark;
      store.save(session);
    }
  }

  return {
    start: () => {
      events.status({ kind: 'connecting' });
      void connect(generation);
    },
    retryNow: () => {
      stopAll();
      attempt = 0;
      events.status({ kind: 'connecting' });
      void connect(generation);
    },
    reset: () => {
      stopAll();
      forget();
      void connect(generation);
    },
    userId: () => session?.userId,
    async send(activity) {
      const s = session;
      if (!s) throw new HttpError(0, undefined);
      const posted = await request<unknown>(base, 'POST', conversationPath(s, '/activities'), { ...activity, from: { id: s.userId, role: 'user' } }, s.token);
      return field(posted, 'id') ?? '';
    },
    upload(file, activity, onProgress) {
      const s = session;
      if (!s) return Promise.reject(new HttpError(0, undefined));
      const url = base + conversationPath(s, `/upload?userId=${encodeURIComponent(s.userId)}`);
      return uploadFile(url, s.token, file, { ...activity, from: { id: s.userId, role: 'user' } }, onProgress);
    },
    document(file, lang) {
      const s = session;
      if (!s) return Promise.reject(new HttpError(0, undefined));
      return downloadFile(base + conversationPath(s, `/documents/${encodeURIComponent(file)}${lang ? `?lang=${lang}` : ''}`), s.token);
    },
  };
}
