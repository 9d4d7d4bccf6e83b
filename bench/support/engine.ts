// The shared Docker engine: containers the bench makes carry the label `berth-bench=<run>` and are
// removed by that label afterwards (also those a crashed earlier run left).
import { DockerClient } from '../../daemon/sources/docker/client.js';
import type { RawDockerEvent } from '../../daemon/sources/docker/ndjson.js';
import { parseEndpoint } from '../../daemon/sources/docker/endpoint.js';

export const IMAGE = 'berth-mini:latest';
export const LABEL = 'berth-bench';
export const ENGINE_SOCKET = 'unix:///var/run/docker.sock';

export const engine = (): DockerClient => new DockerClient(parseEndpoint(`bench=${ENGINE_SOCKET}`), { timeoutMs: 60_000 });

/** Runs `work` over `items` with at most `limit` at a time. */
export const pool = async <T, R>(items: readonly T[], limit: number, work: (x: T, i: number) => Promise<R>): Promise<R[]> => {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i] as T, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
};

/**
 * The bench's own bridge network, made when missing. Not the default bridge: the lab's second
 * engine (`docker-up.sh --second`, started with `--bridge=none` in the same network namespace)
 * deletes the `docker0` interface when it starts, and every later start on the default network
 * fails ("could not find bridge docker0"). `.ci/run` puts docker0 back, but a bench run after the
 * lab scripts alone met it (2026-11-25). A user-defined network has an interface of its own, and
 * its connect events make the same burst.
 */
export const BENCH_NETWORK = 'berth-bench';

const ensureNetwork = async (dk: DockerClient): Promise<void> => {
  const r = await dk.post('/networks/create', undefined, { Name: BENCH_NETWORK, Driver: 'bridge', CheckDuplicate: true, Labels: { [LABEL]: 'network' } });
  // 409: it exists (a name clash is refused with CheckDuplicate).
  if (r.status !== 201 && r.status !== 409) throw new Error(`docker network create ${BENCH_NETWORK}: HTTP ${r.status} ${r.body}`);
};

/** Creates `n` containers labelled for this run (`start` also starts them); returns their ids in order. */
export const createContainers = async (dk: DockerClient, run: string, n: number, start: boolean, concurrency = 16): Promise<string[]> => {
  await ensureNetwork(dk);
  return pool(Array.from({ length: n }, (_, i) => i), concurrency, async (i) => {
    const name = `b-bench-${run}-${i}`;
    const r = await dk.post('/containers/create', { name }, { Image: IMAGE, Labels: { [LABEL]: run, 'berth-bench.n': String(i) }, HostConfig: { AutoRemove: false, NetworkMode: BENCH_NETWORK } });
    if (r.status !== 201) throw new Error(`docker create ${name}: HTTP ${r.status} ${r.body}`);
    const id = (JSON.parse(r.body) as { Id: string }).Id;
    if (start && !(await dk.startContainer(id))) throw new Error(`docker start ${name}: the container is gone`);
    return id;
  });
};

/** Removes every container carrying the bench label (any run); returns how many. */
export const removeBenchContainers = async (dk: DockerClient, concurrency = 8): Promise<number> => {
  const all = await dk.get<{ Id: string; Labels?: Record<string, string> }[]>('/containers/json', { all: 1, filters: JSON.stringify({ label: [LABEL] }) });
  await pool(all, concurrency, (c) => dk.delete(`/containers/${c.Id}`, { force: 1 }));
  return all.length;
};

/** Collects every engine event from now until `stop` aborts (resolves once the subscription is open). */
export const captureEvents = async (dk: DockerClient, stop: AbortSignal): Promise<{ events: RawDockerEvent[]; done: Promise<void> }> => {
  const events: RawDockerEvent[] = [];
  let opened: () => void = () => undefined;
  const open = new Promise<void>((r) => { opened = r; });
  const done = (async () => {
    for await (const e of dk.events({ signal: stop, onOpen: () => opened() })) events.push(e);
  })();
  await Promise.race([open, done]);
  return { events, done };
};
