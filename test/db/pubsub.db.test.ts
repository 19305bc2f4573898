import { describe, expect, it } from 'vitest';
import { makeLogger } from '../../src/logger.js';
import { makePubSub } from '../../src/storage/index.js';
import { useTestDatabase } from '../helpers/testDatabase.js';

const t = useTestDatabase();
const logger = makeLogger({ level: 'silent', pretty: false });

const next = (messages: string[], count: number) =>
  new Promise<void>((resolve) => {
    const check = setInterval(() => {
      if (messages.length >= count) {
        clearInterval(check);
        resolve();
      }
    }, 10);
  });

describe('pub/sub over LISTEN/NOTIFY', () => {
  it('delivers to this instance at once and to other instances through the database, each once', async () => {
    const a = makePubSub({ url: t.url, db: t.db, logger });
    const b = makePubSub({ url: t.url, db: t.db, logger });
    const atA: string[] = [];
    const atB: string[] = [];
    await a.subscribe('test_channel', (p) => atA.push(p));
    await b.subscribe('test_channel', (p) => atB.push(p));
    await a.publish('test_channel', 'one');
    expect(atA).toEqual(['one']);
    await next(atB, 1);
    // A NOTIFY sent inside another statement with the wire payload reaches the other instance only.
    await t.db.query('select pg_notify($1, $2)', ['test_channel', b.wirePayload('two')]);
    await next(atA, 2);
    await a.publish('test_channel', 'three');
    await next(atB, 2);
    expect(atA).toEqual(['one', 'two', 'three']);
    expect(atB).toEqual(['one', 'three']);
    await a.close();
    await b.close();
  });

  it('listens again after its connection is cut, and says so', async () => {
    const listener = makePubSub({ url: t.url, db: t.db, logger });
    const publisher = makePubSub({ url: t.url, db: t.db, logger });
    const got: string[] = [];
    await listener.subscribe('test_reconnect', (p) => got.push(p));
    const reconnected = new Promise<void>((resolve) => listener.onReconnect(resolve));
    await t.db.query(`select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'weiquan-listener' and datname = current_database()`);
    await reconnected;
    await publisher.publish('test_reconnect', 'after');
    await next(got, 1);
    expect(got).toEqual(['after']);
    await listener.close();
    await publisher.close();
  });

  it('refuses channel names that are not identifiers and payloads that are not ids', async () => {
    const p = makePubSub({ url: t.url, db: t.db, logger });
    await expect(p.subscribe('Bad-Name; drop table x', () => undefined)).rejects.toThrow(/identifier/);
    await expect(p.publish('ok_channel', 'x'.repeat(8000))).rejects.toThrow(/too large/);
    await p.close();
  });
});
