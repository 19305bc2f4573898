import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Request, Response } from 'express';

/**
 * The browser code the service serves (the chat widget, the demo page, the agent console): bundled
 * from web/ with esbuild, read into memory once at start, sent with an ETag.
 */
export type Asset = { body: Buffer; etag: string; contentType: string };

/**
 * The policy of our own pages (the console, the demo shop): only this origin's scripts, styles, images
 * and connections (CSP3 'self' covers the same-origin WebSocket), nothing inline, no framing.
 */
export const strictSelfCsp = (...extra: string[]): string =>
  [
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
    ...extra,
  ].join('; ');

/** Sizes of one build, as the build scripts print them. */
export type WebBuild = { outDir: string; bytes: number; gzipBytes: number; ms: number };

/**
 * One minified IIFE from `entry` (no eval, no globals but what it sets itself), for browsers of the
 * last few years, including the WebViews of Chinese super-apps.
 */
export async function bundleScript(entry: string, what: string): Promise<Uint8Array> {
  // Loaded on demand: only a start without a built bundle, or a build script, needs the bundler.
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: 'iife',
    target: ['es2020', 'chrome80', 'safari15', 'firefox78'],
    loader: { '.css': 'text' },
    legalComments: 'none',
    charset: 'utf8',
    write: false,
    logLevel: 'silent',
  });
  const js = result.outputFiles[0]?.contents;
  if (!js) throw new Error(`esbuild produced no output for the ${what}`);
  return js;
}

export const buildSizes = (outDir: string, js: Uint8Array, started: number): WebBuild => ({
  outDir,
  bytes: js.byteLength,
  gzipBytes: gzipSync(js, { level: 9 }).byteLength,
  ms: Date.now() - started,
});

/** Write then rename, so a server reading the folder never sees half a file. */
export async function writeAtomically(file: string, data: Uint8Array): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  await fs.writeFile(tmp, data);
  await fs.rename(tmp, file);
}

/**
 * Builds `bundle` when it is missing or, with `rebuildWhenStale` (running from source), older than
 * any file under `sourceDir`, so `npm install && npm start` needs no build command. Without the
 * sources and without a bundle it says to run `npm run build`.
 */
export async function ensureBuilt(o: {
  sourceDir: string;
  bundle: string;
  rebuildWhenStale: boolean;
  what: string;
  build: () => Promise<WebBuild>;
}): Promise<WebBuild | undefined> {
  const missing = !existsSync(o.bundle);
  if (existsSync(o.sourceDir) && (missing || (o.rebuildWhenStale && (await newestMtime(o.sourceDir)) > (await fs.stat(o.bundle)).mtimeMs))) return o.build();
  if (missing) throw new Error(`the ${o.what} is not built (${o.bundle}) and its sources (${o.sourceDir}) are not here: run npm run build`);
  return undefined;
}

export async function readAsset(dir: string, file: string, contentType: string): Promise<Asset> {
  const body = await fs.readFile(path.join(dir, file));
  return { body, contentType, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
}

export function sendAsset(req: Request, res: Response, asset: Asset): void {
  res.setHeader('Content-Type', asset.contentType);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('ETag', asset.etag);
  if (req.headers['if-none-match'] === asset.etag) {
    res.status(304).end();
    return;
  }
  res.send(asset.body);
}

async function newestMtime(dir: string): Promise<number> {
  let newest = 0;
  for (const entry of await fs.readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    newest = Math.max(newest, (await fs.stat(path.join(entry.parentPath, entry.name))).mtimeMs);
  }
  return newest;
}
