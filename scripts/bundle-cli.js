// Bundles each command (dist/cli/commands/**) with the berth code and the libraries it imports
// into one file, sharing chunks between commands (dist/cli/chunks/): a cold `berth ps` then reads
// a handful of files instead of about a hundred modules, which is most of what a read command costs
// after Node and oclif start (issue 9: measured here, `berth ps` cold: 460 -> 370 ms CPU). Run
// after tsc and the manifest (which must see the commands as tsc wrote them). Left out of the bundles: oclif (it loads the commands), the console and the
// dashboard libraries (loaded only by `top`/`dash`; blessed reads files beside itself), and what
// berth loads lazily with createRequire (pino, yaml).
import { build } from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join, relative } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const commands = join(root, 'dist/cli/commands');
const entries = readdirSync(commands, { recursive: true }).filter((f) => f.endsWith('.js')).map((f) => join(commands, f));
rmSync(join(root, 'dist/cli/chunks'), { recursive: true, force: true });
await build({
  entryPoints: entries,
  outbase: commands,
  outdir: commands,
  allowOverwrite: true,
  chunkNames: '../chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  external: ['@oclif/core', '@oclif/plugin-help', 'blessed', 'blessed-contrib', 'ink', 'react', 'react/*', 'pino', 'yaml', 'react-devtools-core'],
  // CommonJS packages inside (the NATS client's dependencies) call require.
  banner: { js: "import { createRequire as __berthRequire } from 'node:module'; const require = __berthRequire(import.meta.url);" },
  logLevel: 'warning',
});
process.stdout.write(`bundled ${entries.length} commands (${relative(root, commands)}, shared chunks in dist/cli/chunks)\n`);
