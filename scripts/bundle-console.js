// Bundles the console (Ink + React + views/) into dist/console/run-console.mjs: one entry instead
// of ~300 modules, which cuts the CPU of opening `berth top` by about 0.5 s. React is built for
// production. `berth top` falls back to dist/views/ when the bundle is missing or older than the
// compiled views. `berth dash` stays unbundled: blessed reads its terminfo files from its own
// directory at run time.
// Ink's per-frame caches are shared across frames (scripts/ink-frame-caches-plugin.js). A second
// entry, console-probe.mjs, gives the console benchmarks the App, Ink and React of the same shared
// chunk, so they measure what `berth top` runs.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { inkFrameCachesPlugin } from './ink-frame-caches-plugin.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// Chunk names change with their content: no chunk of an older build stays beside the new ones.
rmSync(join(root, 'dist/console'), { recursive: true, force: true });
await build({
  entryPoints: {
    'run-console': join(root, 'dist/views/run-console.js'),
    'console-probe': join(root, 'dist/views/console-probe.js'),
  },
  outdir: join(root, 'dist/console'),
  outExtension: { '.js': '.mjs' },
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  // Ink loads its devtools only with DEV=true and the package installed: keep it out (and lazy).
  external: ['react-devtools-core'],
  define: { 'process.env.NODE_ENV': '"production"' },
  // CommonJS packages inside (react, react-reconciler) call require.
  banner: { js: "import { createRequire as __berthRequire } from 'node:module'; const require = __berthRequire(import.meta.url);" },
  plugins: [inkFrameCachesPlugin(join(root, 'dist/views/ink-frame-caches.js'))],
  logLevel: 'warning',
});
process.stdout.write('wrote dist/console/run-console.mjs (berth top, bundled; console-probe.mjs for the benchmarks)\n');
