import test from 'ava';
import { novaAction } from '../../../daemon/actions/nova-action.js';
import type { ComputeCall, ComputeReply } from '../../../daemon/actions/nova-action.js';

// A compute endpoint that answers from a script, the way Nova does: 202 to the action (having set
// the task state), then the server as each later GET finds it. The real Nova is in actions-vm.int.test.ts.
const scripted = (action: ComputeReply, states: readonly Record<string, unknown>[]) => {
  const calls: { method: string; path: string; body: unknown }[] = [];
  let i = 0;
  const compute: ComputeCall = async (method, path, body) => {
    calls.push({ method, path, body });
    if (method === 'POST') return action;
    const s = states[Math.min(i++, states.length - 1)] as Record<string, unknown>;
    return s['status'] === 404 ? { status: 404, json: { itemNotFound: { message: 'gone' } } } : { status: 200, json: { server: s } };
  };
  return { compute, calls };
};
const FAST = { timeoutMs: 2000, pollMs: 1 };
const ID = 'f2fff0de-285c-4c60-b760-66313397a060';
const state = (status: string, task: string | null, extra: Record<string, unknown> = {}) => ({ status, 'OS-EXT-STS:task_state': task, ...extra });

test('stop posts os-stop and succeeds once the server is SHUTOFF with no task left', async (t) => {
  const { compute, calls } = scripted({ status: 202, json: null }, [state('ACTIVE', 'powering-off'), state('ACTIVE', 'powering-off'), state('SHUTOFF', null)]);
  t.deepEqual(await novaAction(compute, 'stop', ID, FAST), { ok: true, detail: 'now SHUTOFF' });
  t.deepEqual(calls[0], { method: 'POST', path: `/servers/${ID}/action`, body: { 'os-stop': null } });
  t.is(calls.filter((c) => c.method === 'GET').length, 3);
});

test('start posts os-start and reboot posts a SOFT reboot; both wait for ACTIVE with no task', async (t) => {
  const s = scripted({ status: 202, json: null }, [state('SHUTOFF', 'powering-on'), state('ACTIVE', null)]);
  t.deepEqual(await novaAction(s.compute, 'start', ID, FAST), { ok: true, detail: 'now ACTIVE' });
  t.deepEqual(s.calls[0]?.body, { 'os-start': null });
  // ACTIVE with a task still set is not done yet.
  const r = scripted({ status: 202, json: null }, [state('REBOOT', 'reboot_started'), state('ACTIVE', 'reboot_started'), state('ACTIVE', null)]);
  t.deepEqual(await novaAction(r.compute, 'reboot', ID, FAST), { ok: true, detail: 'now ACTIVE' });
  t.deepEqual(r.calls[0]?.body, { reboot: { type: 'SOFT' } });
  t.is(r.calls.length, 4);
});

test("a refusal is a failure with Nova's own message and status, and nothing is polled", async (t) => {
  const { compute, calls } = scripted({ status: 409, json: { message: "Cannot 'stop' instance x while it is in vm_state stopped" } }, []);
  t.deepEqual(await novaAction(compute, 'stop', ID, FAST), { ok: false, error: "Cannot 'stop' instance x while it is in vm_state stopped", status: 409 });
  t.is(calls.length, 1);
});

test('a server going to ERROR fails with its fault; one that vanishes fails with 404', async (t) => {
  const err = scripted({ status: 202, json: null }, [state('ERROR', null, { fault: { message: 'No valid host was found.' } })]);
  t.deepEqual(await novaAction(err.compute, 'start', ID, FAST), { ok: false, error: 'The server went to ERROR: No valid host was found.', status: null });
  const gone = scripted({ status: 202, json: null }, [{ status: 404 }]);
  const out = await novaAction(gone.compute, 'stop', ID, FAST);
  t.false(out.ok);
  if (!out.ok) t.is(out.status, 404);
});

test('a server still busy at the deadline is a failure saying where it is', async (t) => {
  const { compute } = scripted({ status: 202, json: null }, [state('ACTIVE', 'powering-off')]);
  const out = await novaAction(compute, 'stop', ID, { timeoutMs: 30, pollMs: 5 });
  t.false(out.ok);
  if (!out.ok) t.regex(out.error, /Nova accepted stop, but the server is still ACTIVE \(task powering-off\) after 0 s\./);
});

test('a transport or Keystone failure is a failure without a status, never a throw', async (t) => {
  const compute: ComputeCall = () => Promise.reject(new Error("Keystone at 'http://k:5000/v3' refused to issue a token"));
  t.deepEqual(await novaAction(compute, 'reboot', ID, FAST), { ok: false, error: "Keystone at 'http://k:5000/v3' refused to issue a token", status: null });
});
