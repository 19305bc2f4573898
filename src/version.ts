import { readFileSync } from 'node:fs';

/** The package version, found by walking up from this file (works from src/ and from dist/src/). */
export function packageVersion(): string {
  for (const up of ['../package.json', '../../package.json']) {
    try {
      const parsed: unknown = JSON.parse(readFileSync(new URL(up, import.meta.url), 'utf8'));
      if (parsed && typeof parsed === 'object' && 'name' in parsed && parsed.name === 'weiquan' && 'version' in parsed) return String(parsed.version);
    } catch {
      // try the next level up
    }
  }
  return '0.0.0';
}
