// The integration files run three at once (ava.int.config.js), and the tests within each file one
// by one: ava gives that order only to tests declared with test.serial, since its `serial` option
// would also run the files one at a time. A plain test() in an integration file would run beside
// its file's other tests, sharing their daemon, prefix and containers.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import test from 'ava';

const INT = join(import.meta.dirname, '..', 'int');

/** Lines of a test file that declare a test (not a hook) without test.serial. */
export const concurrentTests = (source: string): string[] =>
  source.split('\n').filter((l) => /^\s*test(\.(only|skip|failing))*\s*\(/.test(l));

test('every test in an integration file is declared test.serial', (t) => {
  const files = readdirSync(INT).filter((f) => f.endsWith('.int.test.ts'));
  t.true(files.length > 20, `found only ${files.length} integration files in ${INT}`);
  const offenders = files.flatMap((f) => concurrentTests(readFileSync(join(INT, f), 'utf8')).map((l) => `${f}: ${l.trim()}`));
  t.deepEqual(offenders, []);
});

test('the check tells a plain test from a serial one and a hook', (t) => {
  t.deepEqual(concurrentTests("test('a', async (t) => {});\ntest.serial('b', () => {});\ntest.after.always(() => {});\n  test.only('c', () => {});"), ["test('a', async (t) => {});", "  test.only('c', () => {});"]);
});

test('the integration configs run files at once, not ava-serial, and the lab files are in one of them only', async (t) => {
  const load = async (f: string): Promise<{ serial?: boolean; concurrency?: number; files: string[] }> =>
    ((await import(pathToFileURL(join(import.meta.dirname, '..', '..', f)).href)) as { default: { serial?: boolean; concurrency?: number; files: string[] } }).default;
  const int = await load('ava.int.config.js');
  const lab = await load('ava.int-lab.config.js');
  for (const c of [int, lab]) {
    t.false(c.serial ?? false);
    t.true((c.concurrency ?? 1) > 1);
  }
  t.true(lab.files.length >= 4);
  for (const f of lab.files) t.true(int.files.includes(`!${f}`), `${f} is left out of ava.int.config.js`);
});
