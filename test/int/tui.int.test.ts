import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import test from 'ava';
import type { ExecutionContext } from 'ava';
import type { Container } from '../../events/container.js';
import { berth, berthJson, docker, dropPrefix, eventually, NATS_URL, removeTestContainers, ROOT, startDaemon, uniquePrefix } from '../support/daemon-harness.js';
import type { DaemonProc } from '../support/daemon-harness.js';
import { IMAGE, LOCAL_ENGINE } from '../support/int-docker.js';
import { paneUntil, tmux } from '../support/tmux.js';
import type { Tmux } from '../support/tmux.js';

const exec = promisify(execFile);
const until = paneUntil;

test.serial('berth top in a real terminal: live rows, :views, / filter, Enter detail, Esc, ? help, resize, daemon down, q gives the screen back', async (t) => {
  const prefix = uniquePrefix();
  const label = `berth-test=${prefix}`;
  const socket = `berth-${prefix}`;
  const term = tmux(socket);
  const config = await mkdtemp(join(tmpdir(), 'berth-tui-'));
  let d: DaemonProc | undefined;
  t.teardown(async () => {
    await term.kill();
    await d?.stop();
    await removeTestContainers(label);
    await dropPrefix(prefix);
    await rm(config, { recursive: true, force: true });
  });
  d = await startDaemon(prefix, ['-e', LOCAL_ENGINE]);
  const name = `${prefix}-web`;
  // Labels are free text: a hostile one must show escaped, not clear the screen or flip the text.
  await docker('run', '-d', '--name', name, '--label', label, '--label', 'evil=x\x1b[2J\u202eexe.png', IMAGE, 'sleep', '300');
  await eventually('the container in the model', async () => (await berthJson<Container[]>(prefix, ['ps', '--label', label]))[0]?.state === 'running');

  // Piped, it prints the view once as the list command does (and its JSON with --json).
  const piped = await berth(['top', 'ps', '--prefix', prefix, '--nats', NATS_URL]);
  t.is(piped.code, 0, piped.stderr);
  t.regex(piped.stdout, new RegExp(`^CONTAINER ID\\s+NAME[\\s\\S]*${name}\\s+local\\s+running`));
  const json = await berthJson<Container[]>(prefix, ['top', 'containers']);
  t.true(json.some((c) => c.name === name && c.labels['evil'] === 'x\x1b[2J\u202eexe.png'));

  // Ink prints only its last frame when CI is set: the console runs without it, as a person's shell has it.
  const cmd = `echo BEFORE-TOP; env -u CI BERTH_CONFIG_DIR=${config} ${process.execPath} ${join(ROOT, 'bin', 'run.js')} top --prefix ${prefix} --nats ${NATS_URL}; echo TOP-EXITED $?; sleep 600`;
  await term.run('new-session', '-d', '-s', 'tui', '-x', '120', '-y', '32', cmd);

  let screen = await until('the live containers view', term.pane, new RegExp(`berth · containers[\\s\\S]*● live[\\s\\S]*${name}`));
  t.regex(screen, /CONTAINER ID\s+NAME\s+HOST\s+STATE/);
  t.notRegex(screen, /BEFORE-TOP/, 'the console has the alternate screen to itself');

  await term.type(':vms');
  await term.keys('Enter');
  await until(':vms', term.pane, /berth · VMs/);
  await term.type(':containers');
  await term.keys('Enter');
  await until(':containers', term.pane, /berth · containers/);

  await term.type(`/${name}`);
  await term.keys('Enter');
  screen = await until('the filter', term.pane, new RegExp(`containers 1/\\d+ · /${name}`));
  t.regex(screen, new RegExp(`› \\w{12}\\s+${name}\\s+local\\s+running`));

  await term.keys('Enter');
  screen = await until('the detail', term.pane, /Recent history[\s\S]*ContainerStarted/);
  t.regex(screen, new RegExp(`containers › container '${name}'`));
  t.regex(screen, /Full ID\s+[0-9a-f]{64}/);
  t.regex(screen, /runs on\s+host/);
  t.regex(screen, /evil=x\\x1b\[2J\\u202eexe\.png/, 'the hostile label is shown escaped');

  await term.keys('Escape');
  screen = await until('back to the list', term.pane, /NAME\s+HOST\s+STATE/);
  t.notRegex(screen, /Recent history/);

  await term.type('?');
  await until('the help', term.pane, /Keys — Esc or \? closes[\s\S]*Lists \(hosts, containers, VMs/);
  await term.keys('Escape');
  await until('the help closed', term.pane, /NAME\s+HOST\s+STATE/);

  // A smaller window: the console redraws to it, no line longer than the window.
  await term.run('resize-window', '-t', 'tui', '-x', '70', '-y', '16');
  screen = await until('the redraw at 70x16', term.pane, /berth · containers[\s\S]*NAME/);
  t.true(screen.split('\n').every((l) => [...l].length <= 70), screen);

  await d.stop();
  screen = await until('the daemon reported down', term.pane, /◌ daemon-down[\s\S]*No berth daemon answers on prefix/);
  t.regex(screen, new RegExp(`berth daemon --prefix ${prefix}`));
  t.regex(screen, new RegExp(name), 'the last model stays on screen');

  await term.type('q');
  screen = await until('the shell again', term.pane, /TOP-EXITED 0/);
  t.regex(screen, /BEFORE-TOP/, 'the screen from before is back');
  t.notRegex(screen, /berth ·/, 'nothing of the console is left on it');
  t.is(await readFile(join(config, 'console.json'), 'utf8').catch(() => 'none'), 'none', 'no config was written');
});

/**
 * A daemon with no sources on a prefix of its own, a tmux server of its own, and `top(env)`: the
 * shell line that runs `berth top hosts` there (with `env` set or unset) between two markers.
 */
const hostsTop = async (t: ExecutionContext): Promise<{ prefix: string; term: Tmux; top: (env: string) => string }> => {
  const prefix = uniquePrefix();
  const term = tmux(`berth-${prefix}`);
  let d: DaemonProc | undefined;
  t.teardown(async () => {
    await term.kill();
    await d?.stop();
    await dropPrefix(prefix);
  });
  d = await startDaemon(prefix);
  const top = (env: string): string => `echo BEFORE-TOP; env -u CI ${env} ${process.execPath} ${join(ROOT, 'bin', 'run.js')} top hosts --prefix ${prefix} --nats ${NATS_URL}; echo TOP-EXITED $?; sleep 600`;
  return { prefix, term, top };
};

test.serial('killed by a signal, berth top still gives the screen back', async (t) => {
  const { prefix, term, top } = await hostsTop(t);
  await term.run('new-session', '-d', '-s', 'tui', '-x', '100', '-y', '24', top(''));
  await until('the hosts view', term.pane, /berth · hosts/);
  // Anchored on the node binary: the shell running it has the same words in its command line.
  const pids = (await exec('pgrep', ['-f', `^${process.execPath} .*run.js top hosts --prefix ${prefix}`])).stdout.trim().split('\n').filter(Boolean);
  t.true(pids.length > 0);
  for (const pid of pids) process.kill(Number(pid), 'SIGTERM');
  const screen = await until('the shell again', term.pane, /TOP-EXITED/);
  t.regex(screen, /BEFORE-TOP/);
  t.notRegex(screen, /berth ·/);
});

test.serial('NO_COLOR draws the console without colour (it has colour without it), and TERM=dumb gets the view once, as a pipe does', async (t) => {
  const { term, top } = await hostsTop(t);
  /** The pane with its escape sequences (`-e`): an SGR colour is ESC [ 3x/9x/38;... m, alone or after other attributes. */
  const colours = async (): Promise<number> => ((await term.run('capture-pane', '-p', '-e', '-t', 'tui')).match(/\x1b\[(?:\d+;)*(?:3[0-8]|9[0-7])(?:;\d+)*m/g) ?? []).length;
  // The test's own FORCE_COLOR/NO_COLOR (the runner's) are left out: the tmux server inherits them.
  for (const [env, coloured] of [['-u FORCE_COLOR -u NO_COLOR', true], ['-u FORCE_COLOR NO_COLOR=1', false]] as const) {
    await term.run('new-session', '-d', '-s', 'tui', '-x', '100', '-y', '24', top(env));
    await until(`the hosts view (${env || 'colours on'})`, term.pane, /berth · hosts[\s\S]*● live/);
    const n = await colours();
    if (coloured) t.true(n > 0, 'the live marker and header are coloured');
    else t.is(n, 0, 'NO_COLOR: no colour at all');
    await term.type('q');
    await until('the shell again', term.pane, /TOP-EXITED 0/);
    await term.run('kill-session', '-t', 'tui');
  }
  await term.run('new-session', '-d', '-s', 'tui', '-x', '100', '-y', '24', top('TERM=dumb'));
  const screen = await until('the view once and the shell again', term.pane, /TOP-EXITED \d+/);
  t.regex(screen, /TOP-EXITED 0/);
  t.regex(screen, /BEFORE-TOP/, 'no alternate screen: what was on the terminal stays');
  t.notRegex(screen, /berth · hosts/, 'no console');
});
