import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { Router, type Request, type Response } from 'express';
import type { Logger } from '../../logger.js';

/**
 * The console page's policy: only this origin's script, stylesheet, images (evidence previews) and
 * connections (the API and the /console/stream WebSocket, which CSP3 'self' covers); nothing inline.
 */
export const CONSOLE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

type Asset = { body: Buffer; etag: string; contentType: string };
export type ConsoleAssets = { html: Asset; js: Asset; css: Asset };
export type ConsoleBuild = { outDir: string; bytes: number; gzipBytes: number; ms: number };

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
  for (const [file, asset] of [['console.js', assets.js], ['console.css', assets.css]] as const) {
    router.get(`/console/${file}`, (req, res) => {
      res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
      // Revalidated every time: an agent gets a new console right after a deploy; the ETag keeps it cheap.
      res.setHeader('Cache-Control', 'no-cache');
      send(req, res, asset);
    });
  }
  return router;
}

/**
 * Reads the built console from `<root>/dist/web/console`, building it first when it is missing or,
 * with `rebuildWhenStale` (running from source), older than any file under web/.
 */
export async function loadConsoleAssets({ root, rebuildWhenStale, logger }: { root: string; rebuildWhenStale: boolean; logger: Logger }): Promise<ConsoleAssets> {
  const webDir = path.join(root, 'web');
  const outDir = path.join(root, 'dist', 'web', 'console');
  const bundle = path.join(outDir, 'console.js');
  const missing = !existsSync(bundle);
  if (existsSync(path.join(webDir, 'console')) && (missing || (rebuildWhenStale && (await newestMtime(webDir)) > (await fs.stat(bundle)).mtimeMs))) {
    const built = await buildConsole({ webDir, outDir });
    logger.info({ bytes: built.bytes, gzipBytes: built.gzipBytes, ms: built.ms }, 'console.built');
  } else if (missing) {
    throw new Error(`the agent console is not built (${bundle}) and its sources (web/console/) are not here: run npm run build`);
  }
  const read = async (file: string, contentType: string): Promise<Asset> => {
    const body = await fs.readFile(path.join(outDir, file));
    return { body, contentType, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
  };
  return {
    html: await read('index.html', 'text/html; charset=utf-8'),
    js: await read('console.js', 'application/javascript; charset=utf-8'),
    css: await read('console.css', 'text/css; charset=utf-8'),
  };
}

/** Bundles web/console/main.ts into one minified script and copies the page and its stylesheet to `outDir`. */
export async function buildConsole({ webDir, outDir }: { webDir: string; outDir: string }): Promise<ConsoleBuild> {
  const started = Date.now();
  // Loaded on demand: only a start without a built console, or the build script, needs the bundler.
  const esbuild = await import('esbuild');
  await fs.mkdir(outDir, { recursive: true });
  const result = await esbuild.build({
    entryPoints: [path.join(webDir, 'console', 'main.ts')],
    bundle: true,
    minify: true,
    format: 'iife',
    // Agents use current desktop browsers; the same floor as the widget keeps one toolchain setting.
    target: ['es2020', 'chrome80', 'safari15', 'firefox78'],
    legalComments: 'none',
    charset: 'utf8',
    write: false,
    logLevel: 'silent',
  });
  const js = result.outputFiles[0]?.contents;
  if (!js) throw new Error('esbuild produced no output for the console');
  await writeAtomically(path.join(outDir, 'console.js'), js);
  await writeAtomically(path.join(outDir, 'console.css'), await fs.readFile(path.join(webDir, 'console', 'styles.css')));
  await writeAtomically(path.join(outDir, 'index.html'), await fs.readFile(path.join(webDir, 'console', 'index.html')));
  return { outDir, bytes: js.byteLength, gzipBytes: gzipSync(js, { level: 9 }).byteLength, ms: Date.now() - started };
}

function send(req: Request, res: Response, asset: Asset): void {
  res.setHeader('Content-Type', asset.contentType);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('ETag', asset.etag);
  if (req.headers['if-none-match'] === asset.etag) {
    res.status(304).end();
    return;
  }
  res.send(asset.body);
}

/** Write then rename, so a server reading the folder never sees half a file. */
async function writeAtomically(file: string, data: Uint8Array): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  await fs.writeFile(tmp, data);
  await fs.rename(tmp, file);
}

async function newestMtime(dir: string): Promise<number> {
  let newest = 0;
  for (const entry of await fs.readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    newest = Math.max(newest, (await fs.stat(path.join(entry.parentPath, entry.name))).mtimeMs);
  }
  return newest;
}
