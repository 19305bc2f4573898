import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Router } from 'express';
import type { Logger } from '../../logger.js';
import {
  buildSizes,
  bundleScript,
  ensureBuilt,
  readAsset,
  sendAsset as send,
  strictSelfCsp,
  writeAtomically,
  type Asset,
  type WebBuild,
} from '../webAssets.js';

/**
 * The console page's policy: only this origin's script, stylesheet, images (evidence previews) and
 * connections (the API and the /console/stream WebSocket, which CSP3 'self' covers); nothing inline.
 */
export const CONSOLE_CSP = strictSelfCsp();

export type ConsoleAssets = { html: Asset; js: Asset; css: Asset };
export type ConsoleBuild = WebBuild;

/** GET /console (the page), /console/console.js and /console/console.css. */
export function consoleAssetsRouter({ assets }: { assets: ConsoleAssets }): Router {
  const router = Router();
  router.get('/console', (req, res) => {
    res.setHeader('Content-Security-Policy', CONSOLE_CSP);
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    // The page shell holds no data, but it must never be cached by a shared proxy with another agent's cookie in play.
    res.setHeader('Cache-Control', 'no-store');
    send(req, res, assets.html);
  });
  for (const [file, asset] of [
    ['console.js', assets.js],
    ['console.css', assets.css],
  ] as const) {
    router.get(`/console/${file}`, (req, res) => {
      res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
      // Revalidated every time: an agent gets a new console right after a deploy; the ETag keeps it cheap.
      res.setHeader('Cache-Control', 'no-cache');
      send(req, res, asset);
    });
  }
  return router;
}

/** Reads the built console from `<root>/dist/web/console`, building it first when missing or stale (see ensureBuilt). */
export async function loadConsoleAssets({
  root,
  rebuildWhenStale,
  logger,
}: {
  root: string;
  rebuildWhenStale: boolean;
  logger: Logger;
}): Promise<ConsoleAssets> {
  const webDir = path.join(root, 'web');
  const outDir = path.join(root, 'dist', 'web', 'console');
  const built = await ensureBuilt({
    sourceDir: webDir,
    bundle: path.join(outDir, 'console.js'),
    rebuildWhenStale,
    what: 'agent console',
    build: () => buildConsole({ webDir, outDir }),
  });
  if (built) logger.info({ bytes: built.bytes, gzipBytes: built.gzipBytes, ms: built.ms }, 'console.built');
  return {
    html: await readAsset(outDir, 'index.html', 'text/html; charset=utf-8'),
    js: await readAsset(outDir, 'console.js', 'application/javascript; charset=utf-8'),
    css: await readAsset(outDir, 'console.css', 'text/css; charset=utf-8'),
  };
}

/** Bundles web/console/main.ts and copies the page and its stylesheet to `outDir`. */
export async function buildConsole({ webDir, outDir }: { webDir: string; outDir: string }): Promise<ConsoleBuild> {
  const started = Date.now();
  await fs.mkdir(outDir, { recursive: true });
  const js = await bundleScript(path.join(webDir, 'console', 'main.ts'), 'console');
  await writeAtomically(path.join(outDir, 'console.js'), js);
  // The charts' own stylesheet (uPlot) goes after ours, in the one file the page's CSP allows.
  const chartCss = await fs.readFile(path.join(path.dirname(createRequire(import.meta.url).resolve('uplot')), 'uPlot.min.css'));
  await writeAtomically(
    path.join(outDir, 'console.css'),
    Buffer.concat([await fs.readFile(path.join(webDir, 'console', 'styles.css')), Buffer.from('\n'), chartCss]),
  );
  await writeAtomically(path.join(outDir, 'index.html'), await fs.readFile(path.join(webDir, 'console', 'index.html')));
  return buildSizes(outDir, js, started);
}
