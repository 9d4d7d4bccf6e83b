import test from 'ava';
import { aContainerObserved, t } from '../support/builders.js';
import { FakeQueryClient } from '../support/fake-query-client.js';
import { DEFAULT_KEYMAP } from '../../views/keymap.js';
import { rebind } from '../../views/keymap-config.js';
import { KEY, renderConsole } from './harness.js';

const client = (): FakeQueryClient => FakeQueryClient.with(aContainerObserved({ containerId: 'c1', name: 'web', at: t(1) }), aContainerObserved({ containerId: 'c2', name: 'db', at: t(2) }));

test('? shows every binding from the keymap and the : commands; Esc closes it', async (t0) => {
  const c = await renderConsole(client(), { size: { columns: 100, rows: 80 } });
  let f = await c.press('?');
  t0.regex(f, /Keys — Esc or \? closes/);
  for (const b of DEFAULT_KEYMAP) t0.true(f.includes(b.label), `help shows '${b.label}'`);
  t0.regex(f, /:at <when>\s+show the model at a past time/);
  t0.regex(f, /stop \(asks first\)/);
  f = await c.press(KEY.esc);
  t0.regex(f, /berth · containers 2\/2/);
  c.unmount();
});

test('a rebinding from the config changes the key, the footer and the help together', async (t0) => {
  const { keymap, errors } = rebind(DEFAULT_KEYMAP, { open: 'l', 'list.down': ['n'] });
  t0.deepEqual(errors, []);
  const c = await renderConsole(client(), { keymap, size: { columns: 100, rows: 80 } });
  let f = c.frame();
  t0.regex(f, /<l> detail/);
  f = await c.press('n');
  t0.regex(f, /› .*web/, 'n moves down (db, then web)');
  const before = f;
  f = await c.press(KEY.enter);
  t0.is(f, before, 'Enter no longer opens the detail');
  f = await c.press('l');
  t0.regex(f, /Fields/);
  f = await c.press(KEY.esc, '?');
  t0.regex(f, /\n\s+l\s+detail/);
  c.unmount();
});
