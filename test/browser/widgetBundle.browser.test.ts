import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWidget, WIDGET_GZIP_BUDGET, type WidgetBuild } from '../../src/server/widget/buildWidget.js';
import { repoRoot } from '../helpers/paths.js';

/** The bundle a shop's page downloads: within budget, and free of what a strict CSP or XSS review forbids. */
let tmp: string;
let built: WidgetBuild;
let js: string;

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'weiquan-bundle-'));
  built = await buildWidget({ webDir: path.join(repoRoot, 'web'), outDir: tmp });
  js = await fs.readFile(path.join(tmp, 'widget.js'), 'utf8');
});

afterAll(async () => {
  if (tmp) await fs.rm(tmp, { recursive: true, force: true });
});

describe('widget.js', () => {
  it('is at most 60 KB gzip', () => {
    expect(built.gzipBytes).toBeGreaterThan(1000);
    expect(built.gzipBytes).toBeLessThanOrEqual(WIDGET_GZIP_BUDGET);
  });

  it('uses no eval, no Function constructor and no HTML parsing of strings', () => {
    expect(js).not.toMatch(/\beval\(|new Function\(|\binnerHTML\b|\bouterHTML\b|insertAdjacentHTML|document\.write/);
  });

  it('writes the demo page and the fallback stylesheet beside the bundle', async () => {
    const files = (await fs.readdir(tmp, { recursive: true })).sort();
    expect(files).toEqual(['demo', 'demo/index.html', 'demo/shop.css', 'widget.css', 'widget.js']);
    expect(await fs.readFile(path.join(tmp, 'demo', 'index.html'), 'utf8')).not.toMatch(/<script>|<style|style="/);
  });
});
