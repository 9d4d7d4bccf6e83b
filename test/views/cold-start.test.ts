import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import test from 'ava';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const RENDERERS = ['ink', 'react', 'react-reconciler', 'yoga-layout', 'blessed', 'blessed-contrib'];
// Static imports and re-exports, not `import type` (erased) and not `import()` (loaded on demand).
const STATIC = /^\s*(?:import|export)\s+(?!type\b)(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm;

const resolveLocal = (from: string, spec: string): string | undefined => {
  const base = join(dirname(from), spec).replace(/\.js$/, '');
  return ['.ts', '.tsx'].map((ext) => base + ext).find((f) => existsSync(f));
};

/** Every package a module loads at start, following relative imports through the source tree. */
const packagesOf = (entry: string): Map<string, string> => {
  const seen = new Set<string>();
  const packages = new Map<string, string>();
  const walk = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const m of readFileSync(file, 'utf8').matchAll(STATIC)) {
      const spec = m[1] as string;
      if (spec.startsWith('.')) {
        const next = resolveLocal(file, spec);
        if (next !== undefined) walk(next);
      } else {
        const pkg = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : (spec.split('/')[0] as string);
        if (!packages.has(pkg)) packages.set(pkg, relative(root, file));
      }
    }
  };
  walk(entry);
  return packages;
};

const commands = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? commands(join(dir, f)) : f.endsWith('.ts') ? [join(dir, f)] : []));

test('no command loads Ink, React or blessed when it starts: top and dash import them on demand', (t) => {
  const all = commands(join(root, 'cli', 'commands'));
  t.true(all.some((f) => f.endsWith('top.ts')) && all.some((f) => f.endsWith('dash.ts')));
  for (const file of all) {
    const pkgs = packagesOf(file);
    const loaded = RENDERERS.filter((p) => pkgs.has(p)).map((p) => `${p} (via ${pkgs.get(p) ?? '?'})`);
    t.deepEqual(loaded, [], relative(root, file));
  }
});

test('the walker sees what it should: the console entry does load Ink and React', (t) => {
  const pkgs = packagesOf(join(root, 'views', 'run-console.ts'));
  t.true(pkgs.has('ink'));
  t.true(pkgs.has('react'));
  t.true(packagesOf(join(root, 'views', 'dashboards', 'dash.ts')).has('blessed-contrib'));
});
