import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadDataCipher } from '../../src/cases/crypto/loadDataKeys.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});
const tempDir = async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'wq-keys-'));
  dirs.push(dir);
  return dir;
};
const logged: string[] = [];
const logger = { info: (_o: object, msg: string) => logged.push(msg), warn: (_o: object, msg: string) => logged.push(msg) };

describe('the data key', () => {
  it('is generated once in DATA_DIR (mode 600), logged, and reused by the next start', async () => {
    const dataDir = path.join(await tempDir(), 'data 维权');
    logged.length = 0;
    const first = await loadDataCipher({ dataEncryptionKey: undefined, dataDir, nodeEnv: 'development', databaseUrl: undefined }, logger);
    expect(logged).toEqual(['privacy.encryption_key_generated']);
    const file = path.join(dataDir, 'encryption.key');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(Buffer.from((await readFile(file, 'utf8')).trim(), 'base64')).toHaveLength(32);
    const second = await loadDataCipher({ dataEncryptionKey: undefined, dataDir, nodeEnv: 'development', databaseUrl: undefined }, logger);
    expect(second.currentKeyId).toBe(first.currentKeyId);
    expect(second.open(first.seal('13912345678'))).toBe('13912345678');
  });

  it('two processes starting at once end up with one key', async () => {
    const dataDir = await tempDir();
    const settings = { dataEncryptionKey: undefined, dataDir, nodeEnv: 'development' as const, databaseUrl: undefined };
    const ciphers = await Promise.all(Array.from({ length: 8 }, () => loadDataCipher(settings, logger)));
    expect(new Set(ciphers.map((c) => c.currentKeyId)).size).toBe(1);
  });

  it('uses DATA_ENCRYPTION_KEY, newest first, and opens what the older key sealed', async () => {
    const older = Buffer.alloc(32, 1).toString('base64');
    const newer = Buffer.alloc(32, 2).toString('base64');
    const old = await loadDataCipher({ dataEncryptionKey: older, dataDir: await tempDir(), nodeEnv: 'production', databaseUrl: undefined }, logger);
    const ring = await loadDataCipher(
      { dataEncryptionKey: `${newer},${older}`, dataDir: await tempDir(), nodeEnv: 'production', databaseUrl: 'postgres://x/y' },
      logger,
    );
    expect(ring.currentKeyId).not.toBe(old.currentKeyId);
    expect(ring.open(old.seal('李娜'))).toBe('李娜');
    expect(ring.keyIdOf(ring.seal('李娜'))).toBe(ring.currentKeyId);
  });

  it('is required in production on a database server of its own', async () => {
    await expect(
      loadDataCipher({ dataEncryptionKey: undefined, dataDir: await tempDir(), nodeEnv: 'production', databaseUrl: 'postgres://db/weiquan' }, logger),
    ).rejects.toThrow(/DATA_ENCRYPTION_KEY is required/);
  });
});
