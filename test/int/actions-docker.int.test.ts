import { execFile } from 'node:child_process';
import { hostname, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { connect } from '@nats-io/transport-node';
import test from 'ava';
import { ActionClient } from '../../daemon/actions/client.js';
import type { ActionVerb } from '../../events/action.js';
import { act, actionEvents, ofRequest, requestIdOf } from '../support/actions-int.js';
import { docker, dropPrefix, eventually, NATS_URL, removeTestContainers, ROOT, startDaemon } from '../support/daemon-harness.js';
import type { DaemonProc } from '../support/daemon-harness.js';
import { IMAGE, LOCAL, LOCAL_ENGINE, psNamed } from '../support/int-docker.js';

const me = { user: userInfo().username, host: hostname() };
const prefix = `t-act-${Math.random().toString(36).slice(2, 8)}`;
const label = `berth-test=${prefix}`;
const name = `${prefix}-web`;
let d: DaemonProc | undefined;

/** Runs berth on a pseudo-terminal (script(1)), typing `input`; returns what the terminal showed. */
const onTerminal = async (args: readonly string[], input: string): Promise<string> => {
  const cmd = [process.execPath, join(ROOT, 'bin', 'run.js'), ...args, '--prefix', prefix, '--nats', NATS_URL].map((a) => `'${a}'`).join(' ');
  const run = promisify(execFile)('script', ['-qec', cmd, '/dev/null'], { cwd: ROOT });
  run.child.stdin?.end(input);
  return (await run).stdout;
};

test.after.always(async () => {
  await d?.stop();
  await removeTestContainers(label);
  await dropPrefix(prefix);
});

const state = (want: string) => eventually(`${name} ${want} in the model`, async () => (await psNamed(prefix, name))?.state === want);

test.serial('stop, start, restart, kill and rm go through the daemon, each recorded with who and why, and the model follows', async (t) => {
  t.timeout(600_000); // a CLI start takes seconds on a loaded machine, and this runs about twenty
  d = await startDaemon(prefix, ['-e', LOCAL_ENGINE]);
  // `sleep` as PID 1 ignores SIGTERM: --time 1 keeps each stop short.
  const id = await docker('run', '-d', '--name', name, '--label', label, IMAGE, 'sleep', '600');
  await state('running');
  const steps: [string[], string, string][] = [
    [['container', 'stop', name, '--time', '1'], 'exited', 'Stopped'],
    [['container', 'start', id.slice(0, 10)], 'running', 'Started'],
    [['container', 'restart', name, '-t', '1'], 'running', 'Restarted'],
    [['container', 'kill', name, '--signal', 'KILL'], 'exited', 'Killed'],
    [['container', 'start', name], 'running', 'Started'],
  ];
  const requests: string[] = [];
  for (const [args, after, done] of steps) {
    const before = await psNamed(prefix, name);
    const r = await act(prefix, [...args, '--reason', `test ${args[1]}`]);
    t.is(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
    t.regex(r.stdout, new RegExp(`^${done} container '${name}' \\(id ${id.slice(0, 12)}, host ${LOCAL}\\) in [0-9.]+ s`));
    requests.push(requestIdOf(r.stdout));
    // A restart leaves it running, as it was: the model shows it through a new start time.
    await eventually(`${name} ${after} after ${args[1]}`, async () => {
      const c = await psNamed(prefix, name);
      return c?.state === after && (args[1] !== 'restart' || c.startedAt !== before?.startedAt);
    });
  }
  const events = await actionEvents(prefix);
  steps.forEach(([args], i) => {
    const mine = ofRequest(events, requests[i] as string);
    t.deepEqual(mine.map((e) => e.type), ['ActionRequested', 'ActionSucceeded'], args.join(' '));
    const asked = mine[0];
    if (asked?.type !== 'ActionRequested') return;
    t.deepEqual(asked.subject, { kind: 'container', id });
    t.deepEqual(asked.data.target, { kind: 'container', id, name, host: LOCAL });
    t.deepEqual(asked.data.by, me);
    t.is(asked.data.reason, `test ${args[1]}`);
    t.is(asked.data.action, args[1] as ActionVerb);
  });
  t.deepEqual((ofRequest(events, requests[3] as string)[0]?.data as { options?: unknown }).options, { signal: 'KILL' });
  // The target's own history shows the actions, with who and why, among the engine's events.
  const history = await act(prefix, ['history', 'container', name], { yes: false });
  t.regex(history.stdout, new RegExp(`ActionRequested\\s+stop container ${name} \\(${id.slice(0, 12)}\\) on ${LOCAL} requested by ${me.user}@${me.host}: test stop`));
  t.regex(history.stdout, /ActionSucceeded\s+restart container/);

  // rm of a running container without --force: the engine refuses, the refusal is recorded, exit 7.
  const refused = await act(prefix, ['container', 'rm', name, '--reason', 'should fail']);
  t.is(refused.code, 7, refused.stderr);
  t.regex(refused.stderr, /Engine 'local' could not remove container .*You cannot remove a running container/);
  const failed = (await actionEvents(prefix)).filter((e) => e.type === 'ActionFailed');
  t.is(failed.length, 1);
  const f = failed[0];
  if (f?.type === 'ActionFailed') {
    t.is(f.data.status, 409);
    t.regex(f.data.error, new RegExp(`You cannot remove a running container ${id}`));
    t.deepEqual(ofRequest(await actionEvents(prefix), f.data.requestId).map((e) => e.type), ['ActionRequested', 'ActionFailed']);
  }
  t.is((await psNamed(prefix, name))?.state, 'running');

  const rm = await act(prefix, ['container', 'rm', name, '--force', '--json']);
  t.is(rm.code, 0, rm.stderr);
  t.like(JSON.parse(rm.stdout), { outcome: 'succeeded', action: 'rm', target: { id, name }, subject: `${prefix}.cmd.docker.${LOCAL}.rm` });
  await eventually(`${name} gone from the model`, async () => (await psNamed(prefix, name)) === undefined);
  t.is(await docker('ps', '-aq', '--filter', `id=${id}`), '');
});

test.serial('--dry-run and an unconfirmed action record nothing; without a terminal and --yes nothing is sent', async (t) => {
  t.timeout(300_000);
  const other = `${prefix}-other`;
  const id = await docker('run', '-d', '--name', other, '--label', label, IMAGE, 'sleep', '600');
  await eventually(`${other} in the model`, async () => (await psNamed(prefix, other))?.state === 'running');
  const before = (await actionEvents(prefix)).length;
  const dry = await act(prefix, ['container', 'stop', other, '--dry-run', '--reason', 'just looking'], { yes: false });
  t.is(dry.code, 0, dry.stderr);
  t.is(dry.stdout, `Would stop container '${other}' (id ${id.slice(0, 12)}, host ${LOCAL}): a request on ${prefix}.cmd.docker.${LOCAL}.stop to the daemon for engine '${LOCAL}', reason 'just looking'. Nothing was sent or recorded (--dry-run).\n`);
  const piped = await act(prefix, ['container', 'kill', other], { yes: false });
  t.is(piped.code, 2);
  t.regex(piped.stderr, new RegExp(`Refusing to kill container '${other}' \\(id ${id.slice(0, 12)}, host ${LOCAL}\\) without confirmation: stdin is not a terminal\\.`));
  t.regex(piped.stderr, /Pass --yes to confirm/);
  // On a terminal (script(1) gives it one) the question names the target; only y goes on.
  const no = await onTerminal(['container', 'stop', other, '-t', '1'], 'n\n');
  t.regex(no, new RegExp(`Stop container '${other}' \\(id ${id.slice(0, 12)}, host ${LOCAL}\\)\\? \\[y/N\\]`));
  t.regex(no, /Not confirmed: nothing was sent\./);
  t.is((await psNamed(prefix, other))?.state, 'running');
  // A confirmed action proves the daemon is recording, so "nothing new" above is not just lag.
  const yes = await onTerminal(['container', 'stop', other, '-t', '1'], 'y\n');
  t.regex(yes, /Stopped container/);
  const later = { stdout: yes };
  const after = await actionEvents(prefix);
  t.deepEqual(after.slice(before).map((e) => [e.type, e.data.requestId]), [['ActionRequested', requestIdOf(later.stdout)], ['ActionSucceeded', requestIdOf(later.stdout)]]);
  t.is((await psNamed(prefix, other))?.state, 'exited');
});

test.serial('a request sent twice with the same id is carried out once; a malformed one is answered, not acted on', async (t) => {
  t.timeout(300_000);
  const other = `${prefix}-other`;
  const c = await psNamed(prefix, other);
  if (c === undefined) return t.fail(`${other} is not in the model (the test before made it)`);
  const client = await ActionClient.open(NATS_URL, prefix);
  const nc = await connect({ servers: NATS_URL });
  try {
    const body = { requestId: `dup-${prefix}`, target: { kind: 'container' as const, id: c.containerId, name: other, host: LOCAL }, by: { user: 'tester', host: 'here' }, reason: 'twice', options: {} };
    const first = await client.send({ kind: 'docker', name: LOCAL }, 'start', body, 60_000);
    t.is(first.outcome, 'succeeded');
    const second = await client.send({ kind: 'docker', name: LOCAL }, 'start', body, 60_000);
    t.deepEqual(second, { outcome: 'duplicate', requestId: body.requestId });
    t.deepEqual(ofRequest(await actionEvents(prefix), body.requestId).map((e) => e.type), ['ActionRequested', 'ActionSucceeded']);
    const bad = JSON.parse((await nc.request(`${prefix}.cmd.docker.${LOCAL}.start`, 'not json', { timeout: 10_000 })).string()) as unknown;
    t.deepEqual(bad, { outcome: 'invalid', error: 'the request is not JSON' });
    const unknown = JSON.parse((await nc.request(`${prefix}.cmd.docker.${LOCAL}.reboot`, JSON.stringify(body), { timeout: 10_000 })).string()) as unknown;
    t.deepEqual(unknown, { outcome: 'invalid', error: "'reboot' is not an action on a container" });
  } finally {
    await client.close();
    await nc.close();
  }
  return undefined;
});
