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

test('the integration config runs files at once, not ava-serial', async (t) => {
  const url = pathToFileURL(join(import.meta.dirname, '..', '..', 'ava.int.config.js')).href;
  const c = ((await import(url)) as { default: { serial?: boolean; concurrency?: number } }).default;
  t.false(c.serial ?? false);
  t.true((c.concurrency ?? 1) > 1);
});
