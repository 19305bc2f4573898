import fs from 'node:fs/promises';
import path from 'node:path';
import { buildSizes, bundleScript, writeAtomically, type WebBuild } from '../webAssets.js';

/** Sizes of one widget build, as `npm run build:widget` prints them. */
export type WidgetBuild = WebBuild;

/** The budget issue 5 sets for widget.js, compressed. */
export const WIDGET_GZIP_BUDGET = 60 * 1024;

/**
 * Bundles web/widget/main.ts and writes everything the server serves into `outDir`: widget.js,
 * widget.css (for browsers without constructable stylesheets) and the demo shop page.
 */
export async function buildWidget({ webDir, outDir }: { webDir: string; outDir: string }): Promise<WidgetBuild> {
  const started = Date.now();
  await fs.mkdir(path.join(outDir, 'demo'), { recursive: true });
  const js = await bundleScript(path.join(webDir, 'widget', 'main.ts'), 'widget');
  await writeAtomically(path.join(outDir, 'widget.js'), js);
  await writeAtomically(path.join(outDir, 'widget.css'), await fs.readFile(path.join(webDir, 'widget', 'styles.css')));
  for (const name of await fs.readdir(path.join(webDir, 'demo'))) {
    await writeAtomically(path.join(outDir, 'demo', name), await fs.readFile(path.join(webDir, 'demo', name)));
  }
  return buildSizes(outDir, js, started);
}
