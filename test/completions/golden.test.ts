import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'ava';
import { completionScript, SHELLS } from '../../completions/script.js';
import { treeFromCommands } from '../../completions/tree.js';
import type { OclifCommandLike } from '../../completions/tree.js';
import { berth, ROOT } from '../support/daemon-harness.js';
import { tempDir } from '../support/temp-dir.js';

// A fixed command tree (a copy of part of the manifest), so the goldens change only when the
// generators do. UPDATE_GOLDEN=1 rewrites them; review the diff before committing it.
const FIXTURES = join(ROOT, 'test', 'fixtures', 'completions');
const manifest = JSON.parse(readFileSync(join(FIXTURES, 'manifest.json'), 'utf8')) as { commands: Record<string, OclifCommandLike> };
const tree = treeFromCommands('berth', Object.values(manifest.commands));

const has = (bin: string): boolean => {
  try {
    execFileSync('sh', ['-c', `command -v ${bin}`]);
    return true;
  } catch {
    return false;
  }
};

for (const shell of SHELLS) {
  test(`the ${shell} script for the fixture command tree matches its golden file`, (t) => {
    const golden = join(FIXTURES, `berth.${shell}`);
    const script = completionScript(shell, tree);
    if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(golden, script);
    t.is(script, readFileSync(golden, 'utf8'));
  });
}

test('the tree keeps visible commands and aliases once each, with ids split into words', (t) => {
  const ids = tree.commands.map((c) => c.words.join(' '));
  t.deepEqual(ids, ['completion', 'containers', 'context add', 'context remove', 'context rm', 'context use', 'get', 'hosts', 'ps']);
  t.false(ids.includes('__complete'), 'the hidden command is not offered');
  const get = tree.commands.find((c) => c.words.join(' ') === 'get');
  t.deepEqual(get?.args.map((a) => a.value), [{ choices: get?.args[0]?.value.choices }, { byArg: 0 }]);
  const hosts = tree.commands.find((c) => c.words.join(' ') === 'hosts');
  t.deepEqual(hosts?.flags.find((f) => f.name === 'output')?.value, { choices: ['table', 'json', 'yaml', 'csv', 'value'] });
  t.deepEqual(hosts?.flags.find((f) => f.name === 'context')?.value, { entity: 'context' });
  t.deepEqual(hosts?.flags.find((f) => f.name === 'nats-ca')?.value, { file: true });
  t.is(hosts?.flags.find((f) => f.name === 'watch')?.value, null);
});

// Syntax of the scripts for the real command tree (the one `berth completion` prints).
const real = JSON.parse(readFileSync(join(ROOT, 'oclif.manifest.json'), 'utf8')) as { commands: Record<string, OclifCommandLike> };
const realTree = treeFromCommands('berth', Object.values(real.commands));
const syntax: Record<string, readonly string[]> = { bash: ['bash', '-n'], zsh: ['zsh', '-n'], fish: ['fish', '--no-execute'] };
for (const shell of SHELLS) {
  const [bin, ...args] = syntax[shell] as [string, ...string[]];
  (has(bin) ? test : test.skip)(`the ${shell} script for the real command tree is valid ${shell} (${bin} ${args.join(' ')})`, (t) => {
    const file = join(tempDir(t, 'berth-syntax'), `berth.${shell}`);
    writeFileSync(file, completionScript(shell, realTree));
    t.notThrows(() => execFileSync(bin, [...args, file], { stdio: 'pipe' }));
  });
}

test('berth completion SHELL prints the script for the installed command tree; another shell is a usage error', async (t) => {
  const r = await berth(['completion', 'fish']);
  t.is(r.code, 0, r.stderr);
  // The installed tree is the manifest's commands plus the help plugin's.
  for (const c of realTree.commands) t.true(r.stdout.includes(`"__berth_sub '${c.words.slice(0, -1).join(' ')}'" -a '${c.words.at(-1) ?? ''}'`), c.words.join(' '));
  t.regex(r.stdout, /-a 'help' -d 'Display help for berth'/);
  const bad = await berth(['completion', 'tcsh']);
  t.is(bad.code, 2);
  t.regex(bad.stderr, /Expected tcsh to be one of: bash, zsh, fish/);
});

test('the target of an action completes with live containers or VMs', (t) => {
  const actions = treeFromCommands('berth', [
    { id: 'container:stop', description: 'Stop a container.', flags: {}, args: { container: { name: 'container', description: 'container id' } } },
    { id: 'vm:reboot', description: 'Reboot a VM.', flags: {}, args: { vm: { name: 'vm', description: 'server id' } } },
  ]);
  t.deepEqual(actions.commands.map((c) => [c.words.join(' '), c.args[0]?.value]), [['container stop', { entity: 'container' }], ['vm reboot', { entity: 'vm' }]]);
});
