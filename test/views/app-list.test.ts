import test from 'ava';
import { aContainerObserved, aHostObserved, t } from '../support/builders.js';
import { FakeQueryClient } from '../support/fake-query-client.js';
import { KEY, renderConsole } from './harness.js';

const id = (n: number): string => n.toString(16).padStart(64, '0');
const box = (name: string, n: number, o: Partial<Parameters<typeof aContainerObserved>[0]> = {}) =>
  aContainerObserved({ containerId: id(n), name, at: t(n), ...o });

const lines = (frame: string): string[] => frame.split('\n');

test('the containers view lists what the model holds, with the header, counts and key hints', async (t0) => {
  const c = await renderConsole(FakeQueryClient.with(aHostObserved(), box('web', 1), box('db', 2, { state: 'exited', exitCode: 1 })));
  const f = c.frame();
  t0.regex(f, /berth · containers 2\/2/);
  t0.regex(f, /● live/);
  t0.regex(f, /NAME\s+HOST\s+STATE/);
  t0.regex(f, /web\s+h1\s+running/);
  t0.regex(f, /db\s+h1\s+exited/);
  t0.regex(f, /<enter> detail\s+<:> view\/command\s+<\/> filter/);
  c.unmount();
});

test(':vms switches view, :ps (an alias) comes back, and an unknown view says which ones exist', async (t0) => {
  const c = await renderConsole(FakeQueryClient.with(box('web', 1)));
  let f = await c.press(':', 'v', 'm', 's', KEY.enter);
  t0.regex(f, /berth · VMs 0\/0/);
  t0.regex(f, /No VMs in the model/);
  f = await c.press(':', 'p', 's', KEY.enter);
  t0.regex(f, /berth · containers 1\/1/);
  f = await c.press(':', 'n', 'o', 'p', 'e', KEY.enter);
  t0.regex(f, /'nope' is not a view or a command\. Views: containers, ps/);
  f = await c.press(KEY.esc);
  t0.notRegex(f, /is not a view/);
  c.unmount();
});

test('a burst like tmux sends (":vms⏎" in one write) is read key by key', async (t0) => {
  const c = await renderConsole(FakeQueryClient.with(box('web', 1)));
  t0.regex(await c.burst(':vms\r'), /berth · VMs/);
  c.unmount();
});

test('↑ in the command line brings back earlier commands, and Tab completes a view name', async (t0) => {
  const c = await renderConsole(FakeQueryClient.with(box('web', 1)));
  await c.burst(':hosts\r');
  await c.burst(':ps\r');
  let f = await c.press(':', KEY.up, KEY.up);
  t0.regex(f, /:hosts/);
  f = await c.press(KEY.esc, ':', 'm', 'a', 'g', KEY.tab);
  t0.regex(f, /:magnum/);
  t0.regex(await c.press(KEY.enter), /berth · clusters/);
  c.unmount();
});

test('Tab after :sort completes a column of the view shown, and the sort is applied', async (t0) => {
  const c = await renderConsole(FakeQueryClient.with(box('web', 1), box('db', 2)));
  const f = await c.press(':', 's', 'o', 'r', 't', ' ', 'n', 'a', KEY.tab);
  t0.regex(f, /:sort name/);
  t0.regex(await c.press(KEY.enter), /sort name↑/);
  c.unmount();
});

test('/ filters by substring, /regex/ and key=value; ! negates; Esc clears; a bad regex is refused with the reason', async (t0) => {
  const c = await renderConsole(FakeQueryClient.with(box('web-1', 1), box('web-2', 2, { state: 'exited' }), box('db', 3)));
  let f = await c.burst('/web\r');
  t0.regex(f, /containers 2\/3 · \/web/);
  t0.notRegex(f, / db /);
  f = await c.burst('/state=exited\r');
  t0.regex(f, /1\/3/);
  t0.regex(f, /web-2/);
  f = await c.burst('/!/^web/\r');
  t0.regex(f, /1\/3/);
  t0.regex(f, /db/);
  f = await c.burst('//[/\r');
  t0.regex(f, /\/\[\/ is not a valid regular expression/);
  t0.regex(f, /containers 1\/3/, 'the refused filter is not applied');
  f = await c.press(KEY.esc, KEY.esc);
  t0.regex(f, /containers 3\/3/);
  c.unmount();
});

test('o sorts by the next shown column and O reverses; the header says which', async (t0) => {
  const c = await renderConsole(FakeQueryClient.with(box('b', 1), box('a', 2), box('c', 3)));
  const names = (f: string): string[] => lines(f).map((l) => /\s(a|b|c)\s+h1/.exec(l)?.[1]).filter((x): x is string => x !== undefined);
  let f = await c.press('o', 'o');
  t0.regex(f, /sort name↑/);
  t0.deepEqual(names(f), ['a', 'b', 'c']);
  f = await c.press('O');
  t0.regex(f, /sort name↓/);
  t0.deepEqual(names(f), ['c', 'b', 'a']);
  c.unmount();
});

test('space marks rows, A marks every row shown, U clears; the header counts them', async (t0) => {
  const c = await renderConsole(FakeQueryClient.with(box('a', 1), box('b', 2)));
  let f = await c.press(' ');
  t0.regex(f, /1 marked/);
  t0.regex(f, /›\*/);
  f = await c.press('A');
  t0.regex(f, /2 marked/);
  f = await c.press('U');
  t0.notRegex(f, /marked/);
  c.unmount();
});

test('10,000 rows: the frame holds only a window of them, and paging moves it', async (t0) => {
  const client = FakeQueryClient.with(...Array.from({ length: 10_000 }, (_, i) => box(`c-${String(i).padStart(5, '0')}`, i + 1)));
  const c = await renderConsole(client, { size: { columns: 100, rows: 20 } });
  let f = c.frame();
  t0.regex(f, /containers 10000\/10000/);
  t0.true(lines(f).length <= 20);
  t0.regex(f, /c-00000/);
  f = await c.press(KEY.pgdn, KEY.pgdn);
  t0.notRegex(f, /c-00000/);
  t0.regex(f, /› .*c-000(3[0-9])/);
  f = await c.press('G');
  t0.regex(f, /› .*c-09999/);
  t0.true(lines(f).length <= 20);
  c.unmount();
});

test('names with escape sequences and bidi overrides are shown escaped, never executed', async (t0) => {
  const hostile = 'evil\x1b]0;pwned\x07\x1b[2J\u202egnp.exe';
  const c = await renderConsole(FakeQueryClient.with(box(hostile, 1, { labels: { 'x\x1b[31m': 'y\u2066' } })));
  const f = await c.burst('/evil\r');
  t0.false(f.includes('\x1b'), 'no raw ESC reaches the frame');
  t0.false(f.includes('\u202e'));
  t0.regex(f, /evil\\x1b\]0;pwned\\x07\\x1b\[2J\\u202egnp\.exe/);
  const d = await c.press(KEY.enter);
  t0.regex(d, /x\\x1b\[31m=y\\u2066/);
  t0.false(d.includes('\x1b'));
  c.unmount();
});

test('the frame never exceeds the terminal: long cells are cut to the width, lines to the height', async (t0) => {
  const long = 'x'.repeat(500);
  const c = await renderConsole(FakeQueryClient.with(...Array.from({ length: 50 }, (_, i) => box(`${long}-${i}`, i + 1, { image: long }))), { size: { columns: 60, rows: 12 } });
  const f = c.frame();
  t0.true(lines(f).length <= 12);
  t0.true(lines(f).every((l) => [...l].length <= 60), lines(f).map((l) => [...l].length).join(','));
  c.unmount();
});
