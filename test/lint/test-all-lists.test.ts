// scripts/test-all.sh runs the files that stop a shared server from lists of its own (before the
// OpenStack lab's files, or after them when the lab's services use that server). A file added to
// ava.int-exclusive.config.js but to neither list would never run under `npm test`: this says so.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import test from 'ava';

const ROOT = join(import.meta.dirname, '..', '..');

/** The exclusive integration files test-all.sh names: its `rabbit_int=(...)` array and its `for f in ...; do early_int+=` list. */
export const scriptLists = (script: string): string[] => {
  const rabbit = /^rabbit_int=\(([^)]*)\)/m.exec(script)?.[1] ?? '';
  const early = /^for f in ([^;]*); do early_int\+=/m.exec(script)?.[1] ?? '';
  return `${rabbit} ${early}`.split(/\s+/).filter(Boolean);
};

test('every exclusive integration file is in one of test-all.sh\'s lists, once, and the lists name no other file', async (t) => {
  const config = ((await import(pathToFileURL(join(ROOT, 'ava.int-exclusive.config.js')).href)) as { default: { files: string[] } }).default;
  const named = scriptLists(readFileSync(join(ROOT, 'scripts', 'test-all.sh'), 'utf8'));
  t.true(config.files.length >= 2, `ava.int-exclusive.config.js names ${config.files.length} files`);
  t.deepEqual([...named].sort(), [...config.files].sort());
});

test('the lists are read from the script as it writes them', (t) => {
  t.deepEqual(scriptLists('x\nrabbit_int=(a.ts b.ts)\nfor f in c.ts; do early_int+=("$f"); done\n'), ['a.ts', 'b.ts', 'c.ts']);
  t.deepEqual(scriptLists('rabbit_int=()\n'), []);
});
