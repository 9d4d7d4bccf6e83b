import { hostname, userInfo } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import type { VmAction } from '../../events/action.js';
import type { Vm } from '../../events/vm.js';
import { act, actionEvents, ofRequest, requestIdOf } from '../support/actions-int.js';
import { CLOUD, CLOUDS_YAML, openstack, openstackQuiet } from '../support/actions-lab.js';
import { AMQP_URL, deleteQueue } from '../support/amqp.js';
import { berthJson, dropPrefix, eventually, NATS_URL, ROOT, startDaemon } from '../support/daemon-harness.js';
import type { DaemonProc } from '../support/daemon-harness.js';
import { paneUntil, tmux } from '../support/tmux.js';

// VM actions against the real lab (Nova with the fake driver). The daemon learns the server from
// the cloud's notifications on a queue of its own, and acts with the lab's clouds.yaml credentials.
const prefix = `t-act-${Math.random().toString(36).slice(2, 8)}`;
const queue = `${prefix}.notifications`;
const name = `${prefix}-vm`;
let serverId: string | undefined;
let d: DaemonProc | undefined;

test.after.always(async () => {
  await d?.stop();
  await deleteQueue(queue).catch(() => undefined);
  if (serverId !== undefined) await openstackQuiet(['server', 'delete', '--wait', serverId]).catch(() => undefined);
  await dropPrefix(prefix);
});

const vmNamed = async (): Promise<Vm | undefined> => (await berthJson<Vm[]>(prefix, ['vms'])).find((v) => v.name === name);
const novaStatus = async (): Promise<string> => (await openstack<{ status: string }>(['server', 'show', serverId as string])).status;

test.serial('vm stop, start and reboot go through the daemon for the cloud, recorded with who and why; Nova refusals are recorded too', async (t) => {
  t.timeout(600_000);
  // The daemon and the CLI find the cloud the way the openstack CLI does (the CLI names it with OS_CLOUD or --cloud).
  process.env['OS_CLIENT_CONFIG_FILE'] = CLOUDS_YAML;
  process.env['OS_CLOUD'] = CLOUD;
  d = await startDaemon(prefix, ['--no-docker', '--amqp', AMQP_URL, '--amqp-queue', queue]);
  t.regex(d.err(), new RegExp(`actions: answering for cloud ${CLOUD}`));
  const made = await openstack<{ id: string; status: string }>(['server', 'create', '--flavor', 'm1.tiny', '--image', 'stacklab-tiny', '--nic', 'none', '--wait', name]);
  serverId = made.id;
  t.is(made.status, 'ACTIVE');
  await eventually(`${name} active in the model`, async () => (await vmNamed())?.state === 'active', 90_000);

  const steps: [string[], VmAction, string, string][] = [
    [['vm', 'stop', name], 'stop', 'SHUTOFF', 'stopped'],
    [['vm', 'start', serverId.slice(0, 8), '--cloud', CLOUD], 'start', 'ACTIVE', 'active'],
    [['vm', 'reboot', name], 'reboot', 'ACTIVE', 'active'],
  ];
  const requests: string[] = [];
  for (const [args, action, status, state] of steps) {
    const r = await act(prefix, [...args, '--reason', `lab ${action}`]);
    t.is(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
    t.regex(r.stdout, new RegExp(`^(Stopped|Started|Rebooted) VM '${name}' \\(id ${serverId}, cloud ${CLOUD}, host \\S+\\) in [0-9.]+ s \\(now ${status}\\)\\.`));
    requests.push(requestIdOf(r.stdout));
    // The daemon answers once Nova has settled: Nova says so, and the model follows from its notifications.
    t.is(await novaStatus(), status);
    await eventually(`${name} ${state} after ${action} in the model`, async () => {
      const v = await vmNamed();
      return v?.state === state && v.taskState === null && (action !== 'reboot' || v.lastEventType.includes('reboot'));
    }, 60_000);
  }
  const events = await actionEvents(prefix);
  steps.forEach(([, action], i) => {
    const mine = ofRequest(events, requests[i] as string);
    t.deepEqual(mine.map((e) => e.type), ['ActionRequested', 'ActionSucceeded'], action);
    t.deepEqual(mine.map((e) => e.subject), [{ kind: 'vm', id: serverId }, { kind: 'vm', id: serverId }]);
    t.deepEqual(mine.map((e) => e.source), [{ kind: 'berth', host: CLOUD }, { kind: 'berth', host: CLOUD }]);
    const asked = mine[0];
    if (asked?.type === 'ActionRequested') {
      t.deepEqual(asked.data.by, { user: userInfo().username, host: hostname() });
      t.is(asked.data.reason, `lab ${action}`);
      t.is(asked.data.action, action);
    }
  });

  // Starting an ACTIVE server: Nova refuses (409); the refusal is on the record and the exit code is 7.
  const again = await act(prefix, ['vm', 'start', name, '--reason', 'already up']);
  t.is(again.code, 7, again.stderr);
  t.regex(again.stderr, new RegExp(`Cloud '${CLOUD}' could not start VM '${name}' .*Cannot 'start' instance ${serverId} while it is in vm_state active \\(HTTP 409\\)`));
  const failed = (await actionEvents(prefix)).filter((e) => e.type === 'ActionFailed');
  t.is(failed.length, 1);
  if (failed[0]?.type === 'ActionFailed') {
    t.is(failed[0].data.status, 409);
    t.regex(failed[0].data.error, /Cannot 'start' instance .* while it is in vm_state active/);
  }
  const history = await act(prefix, ['history', 'vm', name], { yes: false });
  t.regex(history.stdout, new RegExp(`ActionRequested\\s+reboot vm ${name} \\(${serverId.slice(0, 12)}\\) on cloud ${CLOUD} requested by .*: lab reboot`));
  t.regex(history.stdout, /ActionFailed\s+start vm .* failed \(409\)/);

  // A cloud no daemon answers for.
  const none = await act(prefix, ['vm', 'reboot', name, '--cloud', 'nowhere', '--timeout', '5']);
  t.is(none.code, 3, none.stderr);
  t.regex(none.stderr, /No daemon is responsible for cloud 'nowhere'/);
});

test.serial('berth top reboots the VM from :vms after asking, through the same daemon, on the record', async (t) => {
  t.timeout(300_000);
  if (serverId === undefined || d === undefined) return t.fail('the server of the test before was not made');
  const id = serverId;
  const term = tmux(`berth-${prefix}`);
  t.teardown(() => term.kill());
  // A VM's restart in the console is Nova's soft reboot, sent to the daemon of the cloud --cloud names.
  const cmd = `env -u CI ${process.execPath} ${join(ROOT, 'bin', 'run.js')} top vms --prefix ${prefix} --nats ${NATS_URL} --cloud ${CLOUD} --reason 'console reboot'; echo TOP-EXITED $?; sleep 600`;
  await term.run('new-session', '-d', '-s', 'tui', '-x', '230', '-y', '30', cmd);
  await paneUntil('the VMs view', term.pane, new RegExp(`berth · VMs[\\s\\S]*● live[\\s\\S]*${name}`));
  await term.type(`/${name}`);
  await term.keys('Enter');
  await paneUntil('the filtered row', term.pane, new RegExp(`VMs 1/\\d+ · /${name}`));
  await term.type('r');
  await paneUntil('the confirmation', term.pane, new RegExp(`Restart VM '${name}' \\(${id.slice(0, 8)}\\)[\\s\\S]*y: yes, restart`));
  await term.type('y');
  const screen = await paneUntil('the outcome', term.pane, new RegExp(`Rebooted VM '${name}' \\(id ${id}, cloud ${CLOUD}, host \\S+\\) in [0-9.]+ s \\(now ACTIVE\\)\\. Recorded as request [\\w-]{36}\\.`), 200_000);
  const requestId = /Recorded as request ([\w-]{36})\./.exec(screen)?.[1] ?? '';
  const mine = ofRequest(await actionEvents(prefix), requestId);
  t.deepEqual(mine.map((e) => e.type), ['ActionRequested', 'ActionSucceeded']);
  const asked = mine[0];
  if (asked?.type === 'ActionRequested') {
    t.like(asked.data, { action: 'reboot', target: { kind: 'vm', id, name }, responder: { kind: 'openstack', name: CLOUD }, reason: 'console reboot', by: { user: userInfo().username, host: hostname() } });
  }
  t.is(await novaStatus(), 'ACTIVE');
  await term.type('q');
  await paneUntil('the shell again', term.pane, /TOP-EXITED 0/);
});
