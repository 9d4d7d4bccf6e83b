import { hostname, userInfo } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { actionEvents, ofRequest } from '../support/actions-int.js';
import { docker, dropPrefix, eventually, NATS_URL, removeTestContainers, ROOT, startDaemon, uniquePrefix } from '../support/daemon-harness.js';
import type { DaemonProc } from '../support/daemon-harness.js';
import { IMAGE, LOCAL, LOCAL_ENGINE, psNamed } from '../support/int-docker.js';
import { paneUntil, tmux } from '../support/tmux.js';

const me = { user: userInfo().username, host: hostname() };

test.serial('berth top stops a real container after asking, through the daemon, on the record; a read-only daemon refuses and that is recorded too', async (t) => {
  t.timeout(600_000);
  const prefix = uniquePrefix();
  const label = `berth-test=${prefix}`;
  const term = tmux(`berth-${prefix}`);
  const daemons: DaemonProc[] = [];
  t.teardown(async () => {
    await term.kill();
    for (const d of daemons) await d.stop();
    await removeTestContainers(label);
    await dropPrefix(prefix);
  });
  daemons.push(await startDaemon(prefix, ['-e', LOCAL_ENGINE]));
  const name = `${prefix}-web`;
  // `sleep` as PID 1 ignores SIGTERM: a one-second stop timeout keeps the stop short.
  const id = await docker('run', '-d', '--name', name, '--label', label, '--stop-timeout', '1', IMAGE, 'sleep', '600');
  await eventually('the container running in the model', async () => (await psNamed(prefix, name))?.state === 'running');

  const cmd = `env -u CI ${process.execPath} ${join(ROOT, 'bin', 'run.js')} top --prefix ${prefix} --nats ${NATS_URL} --reason 'tui test'; echo TOP-EXITED $?; sleep 600`;
  await term.run('new-session', '-d', '-s', 'tui', '-x', '180', '-y', '30', cmd);
  await paneUntil('the live containers view', term.pane, new RegExp(`● live[\\s\\S]*${name}`));
  await term.type(`/${name}`);
  await term.keys('Enter');
  await paneUntil('the filtered row', term.pane, new RegExp(`› \\w{12}\\s+${name}\\s+${LOCAL}\\s+running`));

  // The question names the target; n sends nothing.
  await term.type('s');
  await paneUntil('the confirmation', term.pane, new RegExp(`Stop container '${name}' \\(${id.slice(0, 12)}\\) on ${LOCAL}\\?[\\s\\S]*y: yes, stop`));
  await term.type('n');
  await paneUntil('the confirmation gone', term.pane, new RegExp(`^(?![\\s\\S]*Stop container)[\\s\\S]*${name}`));
  t.deepEqual(await actionEvents(prefix), [], 'nothing was sent without a yes');

  await term.type('s');
  await paneUntil('the confirmation again', term.pane, /y: yes, stop/);
  await term.type('y');
  let screen = await paneUntil('the outcome', term.pane, new RegExp(`Stopped container '${name}' \\(id ${id.slice(0, 12)}, host ${LOCAL}\\) in [\\d.]+ s\\. Recorded as request [\\w-]{36}\\.`), 90_000);
  const requestId = /Recorded as request ([\w-]{36})\./.exec(screen)?.[1] ?? '';
  t.regex(await docker('inspect', '-f', '{{.State.Status}}', id), /^exited$/, 'the engine really stopped it');
  await paneUntil('the row exited', term.pane, new RegExp(`${name}\\s+${LOCAL}\\s+exited`));
  const stopped = ofRequest(await actionEvents(prefix), requestId);
  t.deepEqual(stopped.map((e) => e.type), ['ActionRequested', 'ActionSucceeded']);
  const asked = stopped[0];
  if (asked?.type === 'ActionRequested') {
    t.like(asked.data, { action: 'stop', target: { kind: 'container', id, name, host: LOCAL }, responder: { kind: 'docker', name: LOCAL }, by: me, reason: 'tui test' });
    t.deepEqual(asked.subject, { kind: 'container', id });
  }

  // The same console, now facing a read-only daemon for the engine: the start is refused, on the record.
  await (daemons.shift() as DaemonProc).stop();
  daemons.push(await startDaemon(prefix, ['-e', LOCAL_ENGINE, '--read-only']));
  await term.type('S');
  await paneUntil('the start confirmation', term.pane, new RegExp(`Start container '${name}'[\\s\\S]*y: yes, start`));
  await term.type('y');
  await paneUntil('the refusal', term.pane, new RegExp(`The daemon refused to start container '${name}' \\(id ${id.slice(0, 12)}, host ${LOCAL}\\): the daemon for engine '${LOCAL}' is read-only`), 90_000);
  const types = (await actionEvents(prefix)).filter((e) => e.data.requestId !== requestId).map((e) => e.type);
  t.deepEqual(types, ['ActionRequested', 'ActionRefused']);
  t.regex(await docker('inspect', '-f', '{{.State.Status}}', id), /^exited$/, 'nothing was started');

  await term.type('q');
  await paneUntil('the shell again', term.pane, /TOP-EXITED 0/);
});
