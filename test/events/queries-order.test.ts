import test from 'ava';
import { spawnSync } from 'node:child_process';
import { compareText, plain, plainLocale, vmsMatching } from '../../events/queries.js';
import type { Vm } from '../../events/vm.js';

const PLAIN = '-./0123456789abcdefghijklmnopqrstuvwxyz';
const sign = (n: number): number => (n < 0 ? -1 : n > 0 ? 1 : 0);

/** Every string of up to three plain characters (60,880). */
const allPlain = (): string[] => {
  const out = [''];
  for (const a of PLAIN) {
    out.push(a);
    for (const b of PLAIN) {
      out.push(a + b);
      for (const c of PLAIN) out.push(a + b + c);
    }
  }
  return out;
};

test('under the locales compareText trusts, ICU orders every plain string of up to three characters as its code units, without ties', (t) => {
  const words = allPlain();
  const byUnits = [...words].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const locale of ['und', 'en', 'en-US', 'en-GB', 'en-001']) {
    t.true(plainLocale(locale), locale);
    const icu = new Intl.Collator(locale);
    const sorted = [...words].sort(icu.compare);
    t.deepEqual(sorted, byUnits, locale);
    let ties = 0;
    for (let i = 1; i < sorted.length; i++) if (icu.compare(sorted[i - 1] as string, sorted[i] as string) >= 0) ties += 1;
    t.is(ties, 0, locale);
  }
});

test('plain strings are only -./0-9a-z, and locales with their own collation are not trusted', (t) => {
  for (const s of ['', 'bench-vm-10', 'compute-1.example.org', '3949af79-d860-4cef', 'a/b']) t.true(plain(s), s);
  for (const s of ['Bench', 'a_b', 'a:b', 'a b', 'é', 'a,b', 'x~', 'ＡＢ']) t.false(plain(s), s);
  for (const l of [undefined, '', 'da-DK', 'sv', 'lt-LT', 'de-DE', 'en-US-u-co-emoji', 'en-US-posix', 'ena', 'fr']) t.false(plainLocale(l), String(l));
  // Why the locale matters: Danish sorts 'aa' as 'å', after 'z'.
  t.true(new Intl.Collator('da').compare('aa', 'z') > 0);
});

test('compareText agrees with localeCompare on every pair of a mixed list (capitals, punctuation, accents, non-ASCII)', (t) => {
  const words = ['', 'a', 'A', 'b', 'B', 'aa', 'a-b', 'a_b', 'a.b', 'a:b', 'a b', 'a/b', 'ab', 'Ab', 'é', 'e', 'f', 'z', 'Z', '1', '10', '9',
    'bench-vm-1', 'bench-vm-10', 'bench-vm-100', 'bench-vm-2', 'Bench-vm-1', 'stacklab', 'compute-1', 'compute_1', 'ｚ', 'ß', 'ss', 'x\u0301', 'ö', 'o', '-a', '.a'];
  let checked = 0;
  for (const a of words) for (const b of words) {
    t.is(compareText(a, b), sign(a.localeCompare(b)), `${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
    checked += 1;
  }
  t.is(checked, words.length ** 2);
});

test('lists keep localeCompare order: VMs by host, then name, then id', (t) => {
  const vm = (vmId: string, name: string, host: string | null): Vm => ({ vmId, name, host } as unknown as Vm);
  const vms = [vm('3', 'bench-vm-10', 'stacklab'), vm('1', 'bench-vm-2', 'stacklab'), vm('2', 'Bench-vm-1', 'stacklab'), vm('4', 'web', null), vm('5', 'bench-vm-1', 'Compute'), vm('6', 'bench-vm-1', 'stacklab')];
  const expected = [...vms].sort((a, b) => (a.host ?? '').localeCompare(b.host ?? '') || a.name.localeCompare(b.name) || a.vmId.localeCompare(b.vmId));
  t.deepEqual(vmsMatching({ vms: new Map(vms.map((v) => [v.vmId, v])) }).map((v) => v.vmId), expected.map((v) => v.vmId));
});

// compareText reads the locale from navigator.language: it must be the one localeCompare uses, whatever the environment says.
test('navigator.language is the locale of localeCompare, and compareText follows it (Danish in a child process)', (t) => {
  for (const env of [{}, { LANG: 'C.UTF-8' }, { LANG: 'en_GB.UTF-8' }, { LANG: 'da_DK.UTF-8' }, { LC_ALL: 'de_DE.UTF-8', LANG: 'en_US.UTF-8' }, { LC_MESSAGES: 'sv_SE.UTF-8' }]) {
    const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(navigator.language + " " + new Intl.Collator().resolvedOptions().locale)'], { env: { PATH: process.env['PATH'] ?? '', ...env }, encoding: 'utf8' });
    const [nav, coll] = r.stdout.split(' ');
    t.truthy(nav, JSON.stringify(env));
    t.is(nav, coll, JSON.stringify(env));
  }
  const code = "import { compareText } from './events/queries.ts'; process.stdout.write(String(compareText('aa', 'z')));";
  const child = (LANG: string): string => spawnSync(process.execPath, ['--import=tsx', '--input-type=module', '-e', code], { env: { PATH: process.env['PATH'] ?? '', LANG }, encoding: 'utf8' }).stdout;
  t.is(child('da_DK.UTF-8'), '1');
  t.is(child('en_US.UTF-8'), '-1');
});
