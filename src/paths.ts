import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder holding Weiquan's package.json, found from this file (works from src/ and dist/src/). */
export function projectRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg) && /"name":\s*"weiquan"/.test(readFileSync(pkg, 'utf8'))) return dir;
    dir = path.dirname(dir);
  }
  throw new Error('Cannot find the Weiquan project folder (package.json) above ' + fileURLToPath(import.meta.url));
}

/** Our shipped data: plans, the legal catalog, the thesaurus, the serving set. */
export const knowledgeDir = (): string => path.join(projectRoot(), 'knowledge');
