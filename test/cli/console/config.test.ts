import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { ConfigError } from '../../../events/errors.js';
import { consoleConfigFile, readConsoleConfig } from '../../../cli/console/config.js';
import { bindingFor, DEFAULT_KEYMAP } from '../../../views/keymap.js';

const withFile = async (text: string | null, check: (file: string) => Promise<void>): Promise<void> => {
  const dir = await mkdtemp(join(tmpdir(), 'berth-console-'));
  try {
    const file = join(dir, 'console.json');
    if (text !== null) await writeFile(file, text);
    await check(file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};

test('the file lives in the berth config directory', (t) => {
  t.is(consoleConfigFile({ BERTH_CONFIG_DIR: '/etc/b' }), '/etc/b/console.json');
  t.is(consoleConfigFile({ XDG_CONFIG_HOME: '/x' }), '/x/berth/console.json');
});

test('no file at the default place means the defaults; a file named but not there is an error (a read-only config with a typo in its path gave a console that acts)', async (t) => {
  await withFile(null, async (file) => {
    const dir = file.slice(0, -'/console.json'.length);
    const before = process.env['BERTH_CONFIG_DIR'];
    process.env['BERTH_CONFIG_DIR'] = dir;
    try {
      const c = await readConsoleConfig();
      t.is(c.keymap, DEFAULT_KEYMAP);
      t.false(c.readOnly);
      t.is(c.view, undefined);
      t.is(c.file, file);
    } finally {
      if (before === undefined) delete process.env['BERTH_CONFIG_DIR'];
      else process.env['BERTH_CONFIG_DIR'] = before;
    }
    const err = await t.throwsAsync(readConsoleConfig(file), { instanceOf: ConfigError });
    t.regex(err?.message ?? '', /Console config '.*console\.json' does not exist\./);
  });
});

test('read-only, the first view and rebindings are read', async (t) => {
  await withFile(JSON.stringify({ readOnly: true, view: 'vms', keys: { stop: 'x' } }), async (file) => {
    const c = await readConsoleConfig(file);
    t.true(c.readOnly);
    t.is(c.view, 'vms');
    t.is(bindingFor(c.keymap, 'list', 'x')?.action, 'stop');
  });
});

test('every mistake is reported at once, naming the file and the key; exit code 2 (E_CONFIG)', async (t) => {
  await withFile(JSON.stringify({ readonly: true, readOnly: 'yes', keys: { nuke: 'x', stop: 'ctrl+1' } }), async (file) => {
    const err = await t.throwsAsync(readConsoleConfig(file), { instanceOf: ConfigError });
    t.is(err?.code, 'E_CONFIG');
    t.true(err?.message.startsWith(`${file}: `));
    t.regex(err?.message ?? '', /unknown setting\(s\) 'readonly'/);
    t.regex(err?.message ?? '', /readOnly must be true or false/);
    t.regex(err?.message ?? '', /keys\.nuke: there is no such action/);
    t.regex(err?.message ?? '', /keys\.stop: 'ctrl\+1' is not a key name/);
    t.regex(err?.hint ?? '', /berth keys/);
  });
  await withFile('{ not json', async (file) => {
    await t.throwsAsync(readConsoleConfig(file), { instanceOf: ConfigError, message: /is not valid JSON/ });
  });
});
