import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readMigrations } from '../../src/storage/index.js';

async function dirWith(files: Record<string, string>): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'weiquan-mig-'));
  await Promise.all(Object.entries(files).map(([name, sql]) => fs.writeFile(path.join(dir, name), sql)));
  return dir;
}

describe('readMigrations', () => {
  it('reads the shipped migrations in order, numbered from 1', async () => {
    const migrations = await readMigrations();
    expect(migrations.length).toBeGreaterThan(0);
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_m, i) => i + 1));
  });

  it('orders by number and checksums the contents', async () => {
    const dir = await dirWith({ '0002_b.sql': 'select 2', '0001_a.sql': 'select 1', 'README.md': 'ignored' });
    const migrations = await readMigrations(dir);
    expect(migrations.map((m) => [m.version, m.name])).toEqual([
      [1, 'a'],
      [2, 'b'],
    ]);
    expect(migrations[0]?.checksum).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a gap in the numbering', async () => {
    await expect(readMigrations(await dirWith({ '0001_a.sql': '', '0003_c.sql': '' }))).rejects.toThrow(/without gaps/);
  });

  it('refuses a badly named file', async () => {
    await expect(readMigrations(await dirWith({ '1_init.sql': '' }))).rejects.toThrow(/must look like 0001_short_name.sql/);
  });
});
