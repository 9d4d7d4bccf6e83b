import type { VmAction } from '../../events/action.js';
import { apiMessage } from './outcome.js';
import type { EngineOutcome } from './outcome.js';

/** One reply of the compute API: its status and parsed JSON body (null when it had none). */
export type ComputeReply = Readonly<{ status: number; json: unknown }>;

/**
 * A call to the compute (Nova) endpoint of one cloud, authenticated: `path` is relative to the
 * endpoint from the service catalog (`/servers/{id}/action`). Transport and auth failures throw.
 */
export type ComputeCall = (method: 'GET' | 'POST', path: string, body?: unknown) => Promise<ComputeReply>;

export type NovaWait = Readonly<{ timeoutMs: number; pollMs: number }>;
export const DEFAULT_NOVA_WAIT: NovaWait = { timeoutMs: 120_000, pollMs: 1000 };

const BODY: Readonly<Record<VmAction, unknown>> = {
  start: { 'os-start': null },
  stop: { 'os-stop': null },
  reboot: { reboot: { type: 'SOFT' } },
};

/** The status a server settles in once the action is done (with no task state left). */
const SETTLED: Readonly<Record<VmAction, string>> = { start: 'ACTIVE', stop: 'SHUTOFF', reboot: 'ACTIVE' };

type ServerState = { status: string; task: string | null; fault: string | null };

const stateOf = (json: unknown): ServerState | undefined => {
  const s = (json as { server?: Record<string, unknown> } | null)?.server;
  if (s === undefined || typeof s['status'] !== 'string') return undefined;
  const task = s['OS-EXT-STS:task_state'];
  const fault = (s['fault'] as { message?: unknown } | undefined)?.message;
  return { status: s['status'], task: typeof task === 'string' ? task : null, fault: typeof fault === 'string' ? fault : null };
};

const errorText = (json: unknown): string => apiMessage(json === null || json === undefined ? '' : JSON.stringify(json));

/** Reads the server until it has settled after `action`, errored, vanished, or the deadline passed. */
const settle = async (compute: ComputeCall, path: string, action: VmAction, wait: NovaWait): Promise<EngineOutcome> => {
  const end = Date.now() + wait.timeoutMs;
  let last: ServerState | undefined;
  while (Date.now() < end) {
    const got = await compute('GET', path);
    if (got.status === 404) return { ok: false, error: `Nova accepted ${action}, then the server disappeared.`, status: 404 };
    if (got.status !== 200) return { ok: false, error: `Nova accepted ${action}; reading the server then failed: ${errorText(got.json)}`, status: got.status };
    last = stateOf(got.json);
    if (last?.status === 'ERROR') return { ok: false, error: `The server went to ERROR${last.fault === null ? '' : `: ${last.fault}`}`, status: null };
    if (last?.task === null && last.status === SETTLED[action]) return { ok: true, detail: `now ${last.status}` };
    await new Promise((r) => setTimeout(r, wait.pollMs));
  }
  const now = last === undefined ? 'not readable' : `still ${last.status}${last.task === null ? '' : ` (task ${last.task})`}`;
  return { ok: false, error: `Nova accepted ${action}, but the server is ${now} after ${Math.round(wait.timeoutMs / 1000)} s.`, status: null };
};

/**
 * Asks Nova for a server action (`os-start`, `os-stop`, `reboot` SOFT) and follows the server until
 * it has settled: Nova answers 202 at once and does the work later, and its API sets the task state
 * (`powering-off`, `rebooting`, ...) before answering, so "no task and the expected status" means done.
 * Never throws: a refusal (409 "Cannot 'stop' instance ... while it is in vm_state stopped"), an ERROR
 * state with its fault, or a server still busy at the deadline are outcomes.
 */
export const novaAction = async (compute: ComputeCall, action: VmAction, id: string, wait: NovaWait = DEFAULT_NOVA_WAIT): Promise<EngineOutcome> => {
  try {
    const path = `/servers/${encodeURIComponent(id)}`;
    const asked = await compute('POST', `${path}/action`, BODY[action]);
    if (asked.status !== 202) return { ok: false, error: errorText(asked.json), status: asked.status };
    return await settle(compute, path, action, wait);
  } catch (err) {
    return { ok: false, error: (err as Error).message, status: null };
  }
};
