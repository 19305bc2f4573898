import path from 'node:path';
import { buildWidget, WIDGET_GZIP_BUDGET } from '../src/server/widget/buildWidget.js';
import { projectRoot } from '../src/paths.js';

/** npm run build:widget — bundles the chat widget into dist/web/ and prints its size against the budget. */
const root = projectRoot();
const built = await buildWidget({ webDir: path.join(root, 'web'), outDir: path.join(root, 'dist', 'web') });
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
process.stdout.write(
  `widget.js  ${kb(built.bytes)} minified, ${kb(built.gzipBytes)} gzip (budget ${kb(WIDGET_GZIP_BUDGET)}), built in ${built.ms} ms → ${path.relative(root, built.outDir)}/\n`,
);
if (built.gzipBytes > WIDGET_GZIP_BUDGET) {
  process.stderr.write('widget.js is over its gzip budget\n');
  process.exit(1);
}
