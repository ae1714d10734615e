// Bundles web/src into the node's wwwroot: app.js (our code + uPlot) and app.css (uPlot's styles + ours).
// Deterministic: no source maps, no timestamps, so a rebuild of the same sources gives the same bytes.
import { build } from 'esbuild';
import { copyFileSync } from 'node:fs';

const out = new URL('../src/SiemActors.Node/wwwroot/', import.meta.url).pathname;

await build({
  entryPoints: { app: 'src/main.js' },
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['es2020'],
  legalComments: 'eof',
  outdir: out,
  logLevel: 'info',
});
copyFileSync('src/index.html', out + 'index.html');
copyFileSync('src/favicon.svg', out + 'favicon.svg');
