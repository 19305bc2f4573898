import path from 'node:path';
import { buildConsole } from '../src/server/routes/consoleAssets.js';
import { projectRoot } from '../src/paths.js';

/** npm run build:console — bundles the agent console into dist/web/console/ and prints its size. */
const root = projectRoot();
const built = await buildConsole({ webDir: path.join(root, 'web'), outDir: path.join(root, 'dist', 'web', 'console') });
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
process.stdout.write(`console.js  ${kb(built.bytes)} minified, ${kb(built.gzipBytes)} gzip, built in ${built.ms} ms → ${path.relative(root, built.outDir)}/\n`);
