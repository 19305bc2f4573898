import fs from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/** Sizes of one widget build, as `npm run build:widget` prints them. */
export type WidgetBuild = { outDir: string; bytes: number; gzipBytes: number; ms: number };

/** The budget issue 5 sets for widget.js, compressed. */
export const WIDGET_GZIP_BUDGET = 60 * 1024;

/**
 * Bundles web/widget/main.ts into one minified script (an IIFE, no eval, no globals but the one it
 * sets itself) and writes everything the server serves into `outDir`: widget.js, widget.css (for
 * browsers without constructable stylesheets) and the demo shop page.
 */
export async function buildWidget({ webDir, outDir }: { webDir: string; outDir: string }): Promise<WidgetBuild> {
  const started = Date.now();
  // Loaded on demand: only a start without a built widget, or the build script, needs the bundler.
  const esbuild = await import('esbuild');
  await fs.mkdir(path.join(outDir, 'demo'), { recursive: true });
  const result = await esbuild.build({
    entryPoints: [path.join(webDir, 'widget', 'main.ts')],
    bundle: true,
    minify: true,
    format: 'iife',
    // Browsers of the last few years, including the WebViews of Chinese super-apps.
    target: ['es2020', 'chrome80', 'safari15', 'firefox78'],
    loader: { '.css': 'text' },
    legalComments: 'none',
    charset: 'utf8',
    write: false,
    logLevel: 'silent',
  });
  const js = result.outputFiles[0]?.contents;
  if (!js) throw new Error('esbuild produced no output for the widget');
  const css = await fs.readFile(path.join(webDir, 'widget', 'styles.css'));
  await writeAtomically(path.join(outDir, 'widget.js'), js);
  await writeAtomically(path.join(outDir, 'widget.css'), css);
  for (const name of await fs.readdir(path.join(webDir, 'demo'))) {
    await writeAtomically(path.join(outDir, 'demo', name), await fs.readFile(path.join(webDir, 'demo', name)));
  }
  return { outDir, bytes: js.byteLength, gzipBytes: gzipSync(js, { level: 9 }).byteLength, ms: Date.now() - started };
}

/** Write then rename, so a server reading the folder never sees half a file. */
async function writeAtomically(file: string, data: Uint8Array): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  await fs.writeFile(tmp, data);
  await fs.rename(tmp, file);
}
