import { PassThrough } from 'node:stream';
import test from 'ava';
import { confirm } from '../../../cli/actions/confirm.js';
import { ActionFailedError, outcomeOf } from '../../../cli/actions/outcome.js';
import { signalOption } from '../../../cli/actions/signal.js';
import { containerTarget, vmTarget } from '../../../cli/actions/target.js';
import { question } from '../../../cli/actions/words.js';
import type { BerthError } from '../../../events/errors.js';
import { fold } from '../../../events/inventory.js';
import type { Vm } from '../../../events/vm.js';
import type { ModelView } from '../../../daemon/query/client.js';
import { aContainerObserved, aContainerSnapshot } from '../../support/builders.js';

const C1 = '3f2a9c4e1b2d' + '0'.repeat(52);
const C2 = '3f2a77770000' + '1'.repeat(52);
const VM = 'f2fff0de-285c-4c60-b760-66313397a060';
const view = (): ModelView => {
  const inv = fold([
    aContainerObserved({ container: aContainerSnapshot({ containerId: C1, name: 'web' }), host: 'local' }),
    aContainerObserved({ container: aContainerSnapshot({ containerId: C2, name: 'evil\u001b[2Jname' }), host: 'b' }),
  ]);
  const vms = new Map([[VM, { vmId: VM, name: 'db-1', host: 'compute-1' } as Vm]]);
  return { ...inv, vms, meta: null };
};

test('a container is found by full id, unique id prefix or unique name, and its engine is the responder', (t) => {
  for (const ref of [C1, '3f2a9c', 'web']) {
    t.deepEqual(containerTarget(view(), ref), { target: { kind: 'container', id: C1, name: 'web', host: 'local' }, responder: { kind: 'docker', name: 'local' } });
  }
  t.is(containerTarget(view(), '3f2a77').responder.name, 'b');
});

test('an ambiguous prefix is a usage error listing the candidates; an unknown one is not found (exit 4)', (t) => {
  const amb = t.throws(() => containerTarget(view(), '3f2a'));
  t.is((amb as BerthError).code, 'E_USAGE');
  // Each with its name and engine, to tell them apart (the name is made inert where the message is printed).
  t.is(amb?.message, "'3f2a' matches 2 containers: 3f2a9c4e1b2d (web, on local); 3f2a77770000 (evil\u001b[2Jname, on b).");
  const none = t.throws(() => containerTarget(view(), 'nope'));
  t.is((none as BerthError).code, 'E_NOT_FOUND');
  t.is(none?.message, "Container 'nope' is not in the model.");
  t.is((none as BerthError).hint, "Run 'berth containers' to see the known ones.", 'no name like it: nothing more to say');
  // The start of a name: the names it starts are named, so the next try can be one of them.
  const start = t.throws(() => containerTarget(view(), 'we'));
  t.is((start as BerthError).hint, "Run 'berth containers' to see the known ones. One name starts with 'we': 'web'; a name is given whole.");
  // Two characters are too few for a prefix: only an exact id or name matches.
  t.is((t.throws(() => containerTarget(view(), '3f')) as BerthError).code, 'E_NOT_FOUND');
});

test('a VM is acted on by the daemon of the cloud given', (t) => {
  t.deepEqual(vmTarget(view(), 'db-1', 'stacklab'), { target: { kind: 'vm', id: VM, name: 'db-1', host: 'compute-1' }, responder: { kind: 'openstack', name: 'stacklab' } });
});

test('the confirmation names the kind, name, id and host, with names made safe for the terminal', (t) => {
  const web = containerTarget(view(), 'web');
  t.is(question('rm', web.target, web.responder), "Remove container 'web' (id 3f2a9c4e1b2d, host local)? [y/N] ");
  const evil = containerTarget(view(), '3f2a77');
  t.is(question('stop', evil.target, evil.responder), "Stop container 'evil\\x1b[2Jname' (id 3f2a77770000, host b)? [y/N] ");
  const vm = vmTarget(view(), 'db-1', 'stacklab');
  t.is(question('reboot', vm.target, vm.responder), `Reboot VM 'db-1' (id ${VM}, cloud stacklab, host compute-1)? [y/N] `);
});

const answer = async (text: string | null): Promise<{ yes: boolean; asked: string }> => {
  const input = new PassThrough();
  const output = new PassThrough();
  let asked = '';
  output.on('data', (d: Buffer) => { asked += d.toString(); });
  const p = confirm('Stop it? [y/N] ', input, output);
  if (text === null) input.end();
  else input.write(text);
  return { yes: await p, asked };
};

test('only y or yes confirms; anything else, or end of input, is a no', async (t) => {
  for (const a of ['y\n', 'YES\n', ' yes \n']) t.true((await answer(a)).yes, a);
  for (const a of ['\n', 'n\n', 'yess\n', 'sure\n']) t.false((await answer(a)).yes, a);
  t.false((await answer(null)).yes);
  t.is((await answer('n\n')).asked, 'Stop it? [y/N] ');
});

test('--signal takes names in any case and numbers, and rejects anything else', (t) => {
  t.deepEqual(signalOption(undefined), {});
  t.deepEqual(signalOption('hup'), { signal: 'HUP' });
  t.deepEqual(signalOption('SIGUSR1'), { signal: 'SIGUSR1' });
  t.deepEqual(signalOption('9'), { signal: '9' });
  t.is((t.throws(() => signalOption('KILL;reboot')) as BerthError).code, 'E_USAGE');
});

test("the daemon's answers become a line, or errors with their exit codes' codes", (t) => {
  const r = containerTarget(view(), 'web');
  t.is(outcomeOf({ outcome: 'succeeded', requestId: 'r1', detail: 'already stopped', tookMs: 1234 }, 'stop', r).line,
    "Stopped container 'web' (id 3f2a9c4e1b2d, host local) in 1.2 s (already stopped). Recorded as request r1.");
  const failed = t.throws(() => outcomeOf({ outcome: 'failed', requestId: 'r2', error: 'You cannot remove a running container', status: 409, tookMs: 5 }, 'rm', r));
  t.true(failed instanceof ActionFailedError);
  t.is(failed?.message, "Engine 'local' could not remove container 'web' (id 3f2a9c4e1b2d, host local): You cannot remove a running container (HTTP 409).");
  t.regex((failed as BerthError).hint ?? '', new RegExp(`berth history container ${C1}`));
  const refused = t.throws(() => outcomeOf({ outcome: 'refused', requestId: 'r3', why: "the daemon for engine 'local' is read-only" }, 'stop', r));
  t.is((refused as BerthError).code, 'E_CONFIG');
  t.is((t.throws(() => outcomeOf({ outcome: 'invalid', error: 'requestId must be ...' }, 'stop', r)) as BerthError).code, 'E_INVALID_EVENT');
  t.is((t.throws(() => outcomeOf({ outcome: 'duplicate', requestId: 'r4' }, 'stop', r)) as BerthError).code, 'E_ACTION_FAILED');
});

test('an empty or blank target is a usage error, even when exactly one container or VM has no name (it was that one)', (t) => {
  const C3 = 'aa11bb22cc33' + '2'.repeat(52);
  const v = view();
  const inv = fold([aContainerObserved({ container: aContainerSnapshot({ containerId: C3, name: '' }), host: 'local' })]);
  const nameless: ModelView = { ...v, containers: new Map([...v.containers, ...inv.containers]), vms: new Map([...v.vms, ['vm-2', { vmId: 'vm-2', name: '', host: 'compute-1' } as Vm]]) };
  for (const ref of ['', ' ', '\t']) {
    const e = t.throws(() => containerTarget(nameless, ref));
    t.is((e as BerthError).code, 'E_USAGE', `container ${JSON.stringify(ref)}`);
    t.is((t.throws(() => vmTarget(nameless, ref, 'lab')) as BerthError).code, 'E_USAGE', `vm ${JSON.stringify(ref)}`);
  }
});
