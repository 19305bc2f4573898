import path from 'node:path';
import type { Logger } from '../../logger.js';
import { ensureBuilt, readAsset, type Asset } from '../webAssets.js';
import { buildWidget } from './buildWidget.js';

export type { Asset };

/** What the widget routes serve, read into memory once at start. */
export type WidgetAssets = { widgetJs: Asset; widgetCss: Asset; demoHtml: Asset; demoCss: Asset };

/** Reads the built widget from `<root>/dist/web`, building it first when missing or stale (see ensureBuilt). */
export async function loadWidgetAssets({ root, rebuildWhenStale, logger }: { root: string; rebuildWhenStale: boolean; logger: Logger }): Promise<WidgetAssets> {
  const webDir = path.join(root, 'web');
  const outDir = path.join(root, 'dist', 'web');
  const built = await ensureBuilt({
    sourceDir: webDir,
    bundle: path.join(outDir, 'widget.js'),
    rebuildWhenStale,
    what: 'chat widget',
    build: () => buildWidget({ webDir, outDir }),
  });
  if (built) logger.info({ bytes: built.bytes, gzipBytes: built.gzipBytes, ms: built.ms }, 'widget.built');
  return {
    widgetJs: await readAsset(outDir, 'widget.js', 'application/javascript; charset=utf-8'),
    widgetCss: await readAsset(outDir, 'widget.css', 'text/css; charset=utf-8'),
    demoHtml: await readAsset(outDir, 'demo/index.html', 'text/html; charset=utf-8'),
    demoCss: await readAsset(outDir, 'demo/shop.css', 'text/css; charset=utf-8'),
  };
}
