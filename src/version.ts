import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { projectRoot } from './paths.js';

/** The package version, read once from package.json. */
export function packageVersion(): string {
  const pkg = z.object({ version: z.string() }).parse(JSON.parse(readFileSync(path.join(projectRoot(), 'package.json'), 'utf8')));
  return pkg.version;
}
