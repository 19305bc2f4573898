import { mkdir, open, readFile } from 'node:fs/promises';
import path from 'node:path';
import { generateMasterKey, keyIdOf, makeDataCipher, parseKeyRing, type DataCipher } from './dataCipher.js';

type Logger = { info(o: object, msg: string): void; warn(o: object, msg: string): void };

export type DataKeySettings = {
  /** DATA_ENCRYPTION_KEY: the key ring, newest first; undefined = a key kept in DATA_DIR. */
  dataEncryptionKey: string | undefined;
  dataDir: string;
  nodeEnv: 'development' | 'production' | 'test';
  databaseUrl: string | undefined;
};

export const KEY_FILE = 'encryption.key';

/**
 * The data cipher of this process. With DATA_ENCRYPTION_KEY set, its ring. Without, the key kept in
 * DATA_DIR/encryption.key (mode 600), generated on the first start and logged as such, so
 * `npm start` works with no configuration; every process on the same DATA_DIR shares it. A
 * production service on its own database server must be given the key: instances on other machines
 * would otherwise each make their own and could not read each other's rows.
 */
export async function loadDataCipher(settings: DataKeySettings, logger: Logger): Promise<DataCipher> {
  if (settings.dataEncryptionKey !== undefined) {
    const ring = parseKeyRing(settings.dataEncryptionKey);
    logger.info({ keyId: keyIdOf(ring[0]!), keys: ring.length }, 'privacy.encryption_key_configured');
    return makeDataCipher(ring);
  }
  if (settings.nodeEnv === 'production' && settings.databaseUrl !== undefined)
    throw new Error('DATA_ENCRYPTION_KEY is required in production with DATABASE_URL (every instance must share it): openssl rand -base64 32');
  const file = path.resolve(settings.dataDir, KEY_FILE);
  const existing = await readKeyFile(file);
  if (existing) return makeDataCipher(existing);
  await mkdir(path.dirname(file), { recursive: true });
  const key = generateMasterKey();
  try {
    // wx: of two processes starting at once, one writes the key and the other reads it.
    const handle = await open(file, 'wx', 0o600);
    try {
      await handle.writeFile(`${key.toString('base64')}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    logger.warn({ file, keyId: keyIdOf(key) }, 'privacy.encryption_key_generated');
    return makeDataCipher([key]);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const written = await readKeyFile(file, 20);
    if (!written) throw new Error(`${file} is empty: delete it only if no data was written with it`, { cause: error });
    return makeDataCipher(written);
  }
}

async function readKeyFile(file: string, retries = 0): Promise<Buffer[] | undefined> {
  for (let attempt = 0; ; attempt++) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    // Another process is between creating the file and writing it.
    if (text.trim() === '' && attempt < retries) {
      await new Promise((r) => setTimeout(r, 25));
      continue;
    }
    if (text.trim() === '') return undefined;
    return parseKeyRing(text);
  }
}
