import type { ActionOptions, ContainerAction } from '../../events/action.js';
import { DockerClient } from '../sources/docker/client.js';
import type { Query } from '../sources/docker/client.js';
import type { DockerEndpoint } from '../sources/docker/endpoint.js';
import { apiMessage } from './outcome.js';
import type { EngineOutcome } from './outcome.js';

const BASE_TIMEOUT_MS = 15_000;
const DEFAULT_STOP_SEC = 10;

const queryOf = (action: ContainerAction, o: ActionOptions): Query => {
  switch (action) {
    case 'stop': case 'restart': return { t: o.timeSec };
    case 'kill': return { signal: o.signal };
    case 'rm': return { force: o.force === true ? 1 : undefined, v: o.volumes === true ? 1 : undefined };
    case 'start': return {};
  }
};

/** 304 is the engine saying there was nothing to do: still a success, said so. */
const NOTHING_TO_DO: Readonly<Partial<Record<ContainerAction, string>>> = { start: 'already running', stop: 'already stopped' };

/**
 * Carries out one container action on one engine through its API: `POST /containers/{id}/start|stop|
 * restart|kill`, `DELETE /containers/{id}`. Never throws: an engine that refuses or cannot be reached
 * is an outcome, with the engine's own message.
 */
export const dockerAction = async (endpoint: DockerEndpoint, action: ContainerAction, id: string, opts: ActionOptions): Promise<EngineOutcome> => {
  // The engine answers stop and restart only after the grace period, so the deadline grows with it.
  const grace = action === 'stop' || action === 'restart' ? (opts.timeSec ?? DEFAULT_STOP_SEC) * 1000 : 0;
  // A client of its own: the source's client keeps the default deadline, and its event stream is never touched.
  const client = new DockerClient(endpoint, { timeoutMs: BASE_TIMEOUT_MS + grace });
  try {
    const path = `/containers/${encodeURIComponent(id)}`;
    const query = queryOf(action, opts);
    const reply = action === 'rm' ? await client.delete(path, query) : await client.post(`${path}/${action}`, query);
    if (reply.status === 204 || reply.status === 200) return { ok: true, detail: null };
    if (reply.status === 304) return { ok: true, detail: NOTHING_TO_DO[action] ?? 'nothing to do' };
    return { ok: false, error: apiMessage(reply.body), status: reply.status };
  } catch (err) {
    return { ok: false, error: (err as Error).message, status: null };
  } finally {
    client.close();
  }
};
