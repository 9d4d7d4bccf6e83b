import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { connect } from '@nats-io/transport-node';
import type { Cluster } from '../../events/cluster.js';
import type { Container } from '../../events/container.js';
import type { Host } from '../../events/host.js';
import { encodeToken } from '../../events/ids.js';
import type { Port } from '../../events/port.js';
import { DockerClient } from '../../daemon/sources/docker/client.js';
import { parseEndpoint } from '../../daemon/sources/docker/endpoint.js';
import { readStream } from '../../daemon/store/read.js';
import { berthJson, NATS_URL, ROOT, startDaemon } from './daemon-harness.js';
import type { DaemonProc } from './daemon-harness.js';

const exec = promisify(execFile);

/** The lab engine under a fixed name, so every test knows the host its containers show under. */
export const LOCAL = 'local';
export const LOCAL_ENGINE = `${LOCAL}=unix:///var/run/docker.sock`;
export const IMAGE = 'berth-mini:latest';
export const LAB = join(ROOT, '..', 'shared', 'lab');

/** What `berth hosts --json` and `berth clusters --json` print per row. */
export type HostRow = Host & { containers: number; running: number };
export type ClusterRow = Cluster & { members: string[]; running: number };

export const psRows = (prefix: string): Promise<Container[]> => berthJson<Container[]>(prefix, ['ps']);
export const portRows = (prefix: string): Promise<Port[]> => berthJson<Port[]>(prefix, ['ports']);
export const hostRows = (prefix: string): Promise<HostRow[]> => berthJson<HostRow[]>(prefix, ['hosts']);
export const clusterRows = (prefix: string): Promise<ClusterRow[]> => berthJson<ClusterRow[]>(prefix, ['clusters']);

/** The model's container of that name, or undefined. */
export const psNamed = async (prefix: string, name: string): Promise<Container | undefined> =>
  (await psRows(prefix)).find((c) => c.name === name);

/**
 * Engine B (docker-up.sh --second) runs with --bridge=none in the same network namespace and
 * removes engine A's docker0 when it starts; engine A then cannot start bridged containers. Puts
 * the bridge back as dockerd made it (.ci/run does the same after the lab starts both engines).
 */
export const restoreDocker0 = async (): Promise<void> => {
  if ((await run('ip', ['link', 'show', 'docker0'])).code === 0) return;
  for (const args of [['link', 'add', 'docker0', 'type', 'bridge'], ['addr', 'add', '172.17.0.1/16', 'dev', 'docker0'], ['link', 'set', 'docker0', 'up']]) {
    const r = await run('ip', args);
    if (r.code !== 0) throw new Error(`ip ${args.join(' ')} failed: ${r.stderr.trim()}`);
  }
};

/** Runs a command; resolves with its exit code and output instead of throwing. */
export const run = async (cmd: string, args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> => {
  try {
    const r = await exec(cmd, args, { maxBuffer: 16 * 1024 * 1024 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : 1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
};

/** True when the lab engine (engine A) answers. */
export const engineUp = async (): Promise<boolean> => (await run('docker', ['version', '--format', '{{.Server.Version}}'])).code === 0;

/**
 * Starts engine A again (idempotent) as the lab does, in a session of its own so dockerd outlives
 * the test process and its terminal signals.
 */
export const labDockerUp = async (): Promise<void> => {
  const r = await run('setsid', ['bash', join(LAB, 'docker-up.sh'), '--swarm']);
  if (r.code !== 0) throw new Error(`docker-up.sh --swarm exited ${r.code}: ${r.stderr}`);
};

/**
 * Pushes `pairs` × (image tag + untag) = 2·pairs events through the engine, through its API (the
 * CLI takes a process per call): with 150 pairs the engine's 256-event ring holds none of what
 * happened before.
 */
export const pushEventRing = async (repo: string, pairs = 150): Promise<void> => {
  const client = new DockerClient(parseEndpoint('unix:///var/run/docker.sock', {}));
  try {
    const one = async (i: number): Promise<void> => {
      const tagged = await client.post(`/images/${encodeURIComponent(IMAGE)}/tag`, { repo, tag: String(i) });
      if (tagged.status !== 201) throw new Error(`docker tag ${repo}:${i} answered ${tagged.status}: ${tagged.body}`);
      const removed = await client.delete(`/images/${encodeURIComponent(`${repo}:${i}`)}`);
      if (removed.status !== 200) throw new Error(`docker rmi ${repo}:${i} answered ${removed.status}: ${removed.body}`);
    };
    for (let i = 1; i <= pairs; i += 10) await Promise.all(Array.from({ length: Math.min(10, pairs - i + 1) }, (_, k) => one(i + k)));
  } finally {
    client.close();
  }
};

/** Removes every tag of `repo` (a ring push interrupted half-way leaves some). */
export const removeRepoTags = async (repo: string): Promise<void> => {
  const tags = (await run('docker', ['images', '--format', '{{.Repository}}:{{.Tag}}', repo])).stdout.split('\n').filter(Boolean);
  if (tags.length > 0) await run('docker', ['rmi', ...tags]);
};

/** One dead letter as the appender writes it. */
export type DeadLetter = { reason: string; source: string; id: string; bytes?: number; head: string };

/** Every message of a prefix's dead-letter stream, parsed, in stream order. */
export const readDeadLetters = async (prefix: string): Promise<DeadLetter[]> => {
  const nc = await connect({ servers: NATS_URL });
  const out: DeadLetter[] = [];
  try {
    await readStream(nc, { stream: `${prefix.toUpperCase()}_DEADLETTER`, filter: `${prefix}.dlq.>` }, (m) => {
      out.push(m.json<DeadLetter>());
    });
  } finally {
    await nc.close();
  }
  return out;
};

/** Byte size of every stored record about one container, in stream order. */
export const containerRecordSizes = async (prefix: string, containerId: string): Promise<{ seq: number; bytes: number; type: string }[]> => {
  const nc = await connect({ servers: NATS_URL });
  const out: { seq: number; bytes: number; type: string }[] = [];
  try {
    await readStream(nc, { stream: `${prefix.toUpperCase()}_EVENTS`, filter: `${prefix}.evt.container.${encodeToken(containerId)}` }, (m) => {
      out.push({ seq: m.seq, bytes: m.data.length, type: String((m.json<{ type?: unknown }>()).type) });
    });
  } finally {
    await nc.close();
  }
  return out;
};

/** `berth daemon` ready when `ready` shows on stderr: a daemon whose only engine never answers never logs "resynced". */
export const startDaemonUntil = (prefix: string, extra: readonly string[], ready: RegExp): Promise<DaemonProc> => startDaemon(prefix, extra, ready);
