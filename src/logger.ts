import { pino, type Logger } from 'pino';
import pretty from 'pino-pretty';
import { serializeError } from './logSafeError.js';

export type { Logger };

export type LoggerOptions = {
  level: string;
  pretty: boolean;
  /** Where JSON lines go; tests pass a collecting stream. Defaults to stdout. */
  destination?: NodeJS.WritableStream;
};

/**
 * The root logger. Messages are stable dotted event names with fields (`db.ready`, `http.listening`).
 * Never pass user message text or personal data at info level or above: log lengths, hashes and ids.
 * Credentials that could reach a log through a request or a connection string are redacted here,
 * and so is anything under a key that carries what users typed (`text`, `body`, `activity`, …),
 * wherever a caller puts it. Errors (`err`, `error`, `cause`) go through `serializeError`: a
 * database error is its SQLSTATE and query name, never the data it quotes.
 */
export function makeLogger(options: LoggerOptions): Logger {
  const base = {
    level: options.level,
    base: { service: 'weiquan' },
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'res.headers["set-cookie"]',
        'databaseUrl',
        'password',
        '*.password',
        'req.body',
        'body',
        '*.body',
        'text',
        '*.text',
        'activity',
        '*.activity',
        'originalName',
        '*.originalName',
      ],
      censor: '[redacted]',
    },
    serializers: { err: serializeError, error: serializeError, cause: serializeError },
  };
  if (options.pretty) {
    // Synchronous pretty printing keeps log order intact and needs no worker thread.
    return pino(base, pretty({ colorize: true, sync: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,service' }));
  }
  return options.destination ? pino(base, options.destination) : pino(base);
}
