import test from 'ava';
import { actionOf, actionSubject, parseActionRequest, responderSubjects } from '../../../daemon/actions/protocol.js';
import { apiMessage } from '../../../daemon/actions/outcome.js';
import { storeNames } from '../../../daemon/store/names.js';

const names = storeNames('t-act');
const good = {
  requestId: '0b5a3c1e-2f4d-4e6a-8b9c-0d1e2f3a4b5c',
  target: { kind: 'container', id: '3f2a9c4e1b2d', name: 'web', host: 'local' },
  by: { user: 'alice', host: 'laptop' },
  reason: 'INC-4711',
  options: { timeSec: 5 },
};
const parse = (o: unknown, kind: 'docker' | 'openstack' = 'docker') => parseActionRequest(JSON.stringify(o), kind);

test('a request goes to <prefix>.cmd.<docker|openstack>.<engine|cloud>.<action>, engine names encoded as one token', (t) => {
  t.is(actionSubject(names, { kind: 'docker', name: 'local' }, 'stop'), 't-act.cmd.docker.local.stop');
  t.is(actionSubject(names, { kind: 'docker', name: '10.0.0.7:2376' }, 'rm'), 't-act.cmd.docker.10=2E0=2E0=2E7=3A2376.rm');
  t.is(actionSubject(names, { kind: 'openstack', name: 'stacklab' }, 'reboot'), 't-act.cmd.openstack.stacklab.reboot');
  t.is(responderSubjects(names, { kind: 'docker', name: 'web.example' }), 't-act.cmd.docker.web=2Eexample.*');
});

test('the action comes from the subject, and only actions of that kind of responder are known', (t) => {
  t.is(actionOf('t-act.cmd.docker.local.kill', 'docker'), 'kill');
  t.is(actionOf('t-act.cmd.docker.local.reboot', 'docker'), undefined);
  t.is(actionOf('t-act.cmd.openstack.lab.reboot', 'openstack'), 'reboot');
  t.is(actionOf('t-act.cmd.openstack.lab.rm', 'openstack'), undefined);
});

test('a well-formed request is read with its target, requester, reason and options', (t) => {
  const r = parse(good);
  t.true(r.ok);
  if (r.ok) t.deepEqual(r.value, { ...good, target: { kind: 'container', id: '3f2a9c4e1b2d', name: 'web', host: 'local' } });
  const vm = parse({ ...good, target: { kind: 'vm', id: 'f2fff0de-285c-4c60-b760-66313397a060', name: 'db', host: null }, reason: null, options: {} }, 'openstack');
  t.true(vm.ok);
});

test('requests that are not well-formed are refused with what is wrong, never thrown', (t) => {
  const bad: [unknown, RegExp][] = [
    ['not json{', /not JSON/],
    [[1, 2], /JSON object/],
    [{ ...good, requestId: 'x' }, /requestId/],
    [{ ...good, target: { ...good.target, id: '../../etc' } }, /not a container id/],
    [{ ...good, target: { ...good.target, kind: 'vm' } }, /target.kind must be 'container'/],
    [{ ...good, by: { user: 'a' } }, /by.user and by.host/],
    [{ ...good, reason: 'x'.repeat(1001) }, /reason/],
    [{ ...good, options: { timeSec: -1 } }, /timeSec/],
    [{ ...good, options: { signal: 'KILL; rm -rf' } }, /signal/],
    [{ ...good, options: { force: 'yes' } }, /force must be true or false/],
  ];
  for (const [body, why] of bad) {
    const r = typeof body === 'string' ? parseActionRequest(body, 'docker') : parse(body);
    t.false(r.ok, JSON.stringify(body).slice(0, 80));
    if (!r.ok) t.regex(r.error, why);
  }
  const vm = parse({ ...good, target: { kind: 'vm', id: 'a b', name: '', host: null } }, 'openstack');
  t.false(vm.ok);
});

test("API error bodies give the service's own message: Docker {message}, Nova {fault: {message}}, else the text", (t) => {
  t.is(apiMessage('{"message":"No such container: abc"}'), 'No such container: abc');
  t.is(apiMessage('{"conflictingRequest": {"message": "Cannot \'stop\' instance x while it is in vm_state stopped", "code": 409}}'), "Cannot 'stop' instance x while it is in vm_state stopped");
  t.is(apiMessage('<html>Bad gateway</html>\n'), '<html>Bad gateway</html>');
  t.is(apiMessage(''), '(no message)');
});
