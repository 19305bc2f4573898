import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../../logger.js';
import { buildWidget } from './buildWidget.js';

export type Asset = { body: Buffer; etag: string; contentType: string };

/** What the widget routes serve, read into memory once at start. */
export type WidgetAssets = { widgetJs: Asset; widgetCss: Asset; demoHtml: Asset; demoCss: Asset };

/**
 * Reads the built widget from `<root>/dist/web`, building it first when it is missing, or, with
 * `rebuildWhenStale` (running from source), when any file under web/ is newer than the bundle, so
 * `npm install && npm start` needs no build command.
 */
export async function loadWidgetAssets({ root, rebuildWhenStale, logger }: { root: string; rebuildWhenStale: boolean; logger: Logger }): Promise<WidgetAssets> {
  const webDir = path.join(root, 'web');
  const outDir = path.join(root, 'dist', 'web');
  const bundle = path.join(outDir, 'widget.js');
  const missing = !existsSync(bundle);
  if (existsSync(webDir) && (missing || (rebuildWhenStale && (await newestMtime(webDir)) > (await fs.stat(bundle)).mtimeMs))) {
    const built = await buildWidget({ webDir, outDir });
    logger.info({ bytes: built.bytes, gzipBytes: built.gzipBytes, ms: built.ms }, 'widget.built');
  } else if (missing) {
    throw new Error(`the chat widget is not built (${bundle}) and its sources (web/) are not here: run npm run build`);
  }
  const read = async (file: string, contentType: string): Promise<Asset> => {
    const body = await fs.readFile(path.join(outDir, file));
    return { body, contentType, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
  };
  return {
    widgetJs: await read('widget.js', 'application/javascript; charset=utf-8'),
    widgetCss: await read('widget.css', 'text/css; charset=utf-8'),
    demoHtml: await read('demo/index.html', 'text/html; charset=utf-8'),
    demoCss: await read('demo/shop.css', 'text/css; charset=utf-8'),
  };
}

async function newestMtime(dir: string): Promise<number> {
  let newest = 0;
  for (const entry of await fs.readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const stat = await fs.stat(path.join(entry.parentPath, entry.name));
    newest = Math.max(newest, stat.mtimeMs);
  }
  return newest;
}
