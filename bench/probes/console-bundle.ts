// Where the console probes load App, Ink and React from: the console bundle that `berth top` runs
// (dist/console/console-probe.mjs, beside run-console.mjs and sharing its chunk), so they measure the
// Ink that ships, with its caches shared across frames (scripts/ink-frame-caches-plugin.js).
// CONSOLE_BUNDLE=path/console-probe.mjs loads another build instead (an A/B), unchecked.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');

/** The newest of what goes into the console bundle. */
const newestSource = (): { file: string; ms: number } => {
  const files = [
    ...readdirSync(join(ROOT, 'views'), { recursive: true }).map(String).filter((f) => /\.tsx?$/.test(f)).map((f) => join(ROOT, 'views', f)),
    join(ROOT, 'scripts', 'bundle-console.js'), join(ROOT, 'scripts', 'ink-frame-caches-plugin.js'),
    join(ROOT, 'node_modules', 'ink', 'package.json'), join(ROOT, 'node_modules', 'ink', 'build', 'output.js'),
  ];
  return files.map((file) => ({ file, ms: statSync(file).mtimeMs })).reduce((a, b) => (b.ms > a.ms ? b : a));
};

/** The path of the probe entry; throws, saying to run `npm run build`, when it is missing or older than a source of it. */
export const consoleBundle = (): string => {
  const other = process.env['CONSOLE_BUNDLE'];
  if (other !== undefined) return other;
  const file = join(ROOT, 'dist', 'console', 'console-probe.mjs');
  let built: number;
  try {
    built = statSync(file).mtimeMs;
  } catch {
    throw new Error(`no console bundle at ${file}: run \`npm run build\` first`);
  }
  const newest = newestSource();
  if (newest.ms > built) throw new Error(`the console bundle ${file} is older than ${newest.file}: run \`npm run build\` first`);
  return file;
};
