/**
 * A fake Docker engine on a unix socket, for tests that need `/events` lines a real engine cannot
 * produce (malformed JSON, non-object JSON, unknown event types). It is built to the real API's
 * shape: every reply is copied, trimmed, from the Docker 20.10 (API 1.41) captures in
 * shared/corpus/docker/snapshot/ (ping-headers.txt, version.json, info.json, containers-json-all.json,
 * networks.json, container-inspect-ev-web.json) and event lines follow the corpus .jsonl files.
 * It answers only what berth's Docker source asks: `/_ping`, `/version`, `/v1.41/version`,
 * `/v1.41/info`, `/v1.41/containers/json`, `/v1.41/networks`, `/v1.41/containers/<id>/json` and
 * `/v1.41/events` (a chunked stream kept open; lines are written as the test pushes them).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const API = '1.41';
const ENGINE_VERSION = '20.10.24+dfsg1';
const BRIDGE_ID = '9361ab84cf96fcaafdbbc068d500af98e31a5cbf4a25cf65ae76b21c58afbaa6';
const IMAGE_ID = 'sha256:f9ab09e3aca63c855e029a8bfea7b54af5d5a851c4fa483623b71ce5d2ddceb0';

/** A container the fake engine has; `state` and `exitCode` may be changed by the test. */
export type FakeContainer = {
  id: string;
  name: string;
  image: string;
  labels: Record<string, string>;
  state: 'created' | 'running' | 'exited';
  exitCode: number;
  created: string;
  startedAt: string;
  finishedAt: string;
};

export type FakeEngine = Readonly<{
  socketPath: string;
  /** `unix://<socket>`, for `--engine name=<url>`. */
  url: string;
  containers: Map<string, FakeContainer>;
  /** Every request line (`GET /v1.41/info`), in order. */
  requests: string[];
  /** Writes one line to every open `/events` stream, and to the backlog a later subscriber gets. */
  push: (line: string) => void;
  /** Open `/events` subscriptions. */
  subscribers: () => number;
  /** Ends every open `/events` stream, as an engine restart or a proxy timeout does: the client resubscribes with `since`. */
  endStreams: () => void;
  close: () => Promise<void>;
}>;

export const rfc3339 = (ms = Date.now()): string => new Date(ms).toISOString().replace('Z', '000000Z');
let nanoTick = 0n;
/** A current `timeNano` as the engine writes it: 19 digits, strictly increasing. */
const timeNano = (): bigint => BigInt(Date.now()) * 1_000_000n + (nanoTick++ % 1_000_000n);

/** One `/events` line shaped like the engine's (legacy status/id/from included, as API 1.41 sends them). */
export const eventLine = (type: string, action: string, actorId: string, attributes: Record<string, string>, extra: Record<string, string> = {}): string =>
  eventLineAt(timeNano(), type, action, actorId, attributes, extra);

/** `eventLine` at a given `timeNano` (nanoseconds since the epoch): lines whose times a test chooses, to send in any order. */
export const eventLineAt = (ns: bigint, type: string, action: string, actorId: string, attributes: Record<string, string>, extra: Record<string, string> = {}): string => {
  const legacy = type === 'container' ? `"status":${JSON.stringify(action)},"id":${JSON.stringify(actorId)},"from":${JSON.stringify(attributes['image'] ?? '')},` : '';
  const tail = Object.entries(extra).map(([k, v]) => `,${JSON.stringify(k)}:${JSON.stringify(v)}`).join('');
  // timeNano is written as digits, as the engine does (it does not fit a JS number).
  return `{${legacy}"Type":${JSON.stringify(type)},"Action":${JSON.stringify(action)},"Actor":{"ID":${JSON.stringify(actorId)},"Attributes":${JSON.stringify(attributes)}},"scope":"local","time":${String(ns / 1_000_000_000n)},"timeNano":${String(ns)}${tail}}`;
};

/** A container's create/start/die event lines, with its labels in the attributes as the engine sends them. */
export const containerLine = (c: FakeContainer, action: string, more: Record<string, string> = {}): string =>
  eventLine('container', action, c.id, { ...c.labels, image: c.image, name: c.name, ...more });

export const fakeContainer = (name: string, labels: Record<string, string> = {}): FakeContainer => ({
  id: randomBytes(32).toString('hex'), name, image: 'berth-mini:latest', labels, state: 'running', exitCode: 0,
  created: rfc3339(), startedAt: rfc3339(), finishedAt: '0001-01-01T00:00:00Z',
});

const versionBody = () => ({
  Platform: { Name: '' },
  Components: [{ Name: 'Engine', Version: ENGINE_VERSION, Details: { ApiVersion: API, Arch: 'amd64', MinAPIVersion: '1.12', Os: 'linux' } }],
  Version: ENGINE_VERSION, ApiVersion: API, MinAPIVersion: '1.12', GitCommit: '5d6db84', GoVersion: 'go1.19.8', Os: 'linux', Arch: 'amd64',
  KernelVersion: '6.18.44-fc-v782', BuildTime: '2026-05-07T21:09:36.000000000+00:00',
});

const infoBody = (containers: readonly FakeContainer[], systemTime = rfc3339()) => ({
  ID: 'FAKE:T5JR:6T4H:UO6N:W4BB:PGDE:4FCH:NAZT:CPN4:VXFD:RNPK:PYB6',
  Containers: containers.length, ContainersRunning: containers.filter((c) => c.state === 'running').length, ContainersPaused: 0,
  ContainersStopped: containers.filter((c) => c.state !== 'running').length, Images: 1, Driver: 'vfs',
  SystemTime: systemTime, LoggingDriver: 'json-file', CgroupDriver: 'cgroupfs', NEventsListener: 1,
  KernelVersion: '6.18.44-fc-v782', OperatingSystem: 'Debian GNU/Linux 12 (bookworm)', OSVersion: '12', OSType: 'linux', Architecture: 'x86_64',
  NCPU: 2, MemTotal: 25276063744, DockerRootDir: '/var/lib/docker', Name: 'fake-vm', Labels: [], ServerVersion: ENGINE_VERSION,
  Swarm: { NodeID: '', NodeAddr: '', LocalNodeState: 'inactive', ControlAvailable: false, Error: '', RemoteManagers: null },
  LiveRestoreEnabled: false,
});

const networkAttachment = { IPAMConfig: null, Links: null, Aliases: null, NetworkID: BRIDGE_ID, Gateway: '172.17.0.1', IPAddress: '172.17.0.3', IPPrefixLen: 16, MacAddress: '02:42:ac:11:00:03' };

const listEntry = (c: FakeContainer) => ({
  Id: c.id, Names: [`/${c.name}`], Image: c.image, ImageID: IMAGE_ID, Command: 'sleep 3600', Created: Math.floor(Date.parse(c.created) / 1000),
  Ports: [], Labels: c.labels, State: c.state, Status: c.state === 'running' ? 'Up 1 second' : `Exited (${c.exitCode}) 1 second ago`,
  HostConfig: { NetworkMode: 'default' }, NetworkSettings: { Networks: { bridge: networkAttachment } }, Mounts: [],
});

const inspectBody = (c: FakeContainer) => ({
  Id: c.id, Created: c.created, Path: 'sleep', Args: ['3600'],
  State: {
    Status: c.state, Running: c.state === 'running', Paused: false, Restarting: false, OOMKilled: false, Dead: false, Pid: c.state === 'running' ? 17196 : 0,
    ExitCode: c.exitCode, Error: '', StartedAt: c.startedAt, FinishedAt: c.finishedAt,
  },
  Image: IMAGE_ID, Name: `/${c.name}`, RestartCount: 0, Driver: 'vfs', Platform: 'linux',
  HostConfig: { NetworkMode: 'default', PortBindings: {}, RestartPolicy: { Name: 'no', MaximumRetryCount: 0 }, AutoRemove: false },
  Config: { Hostname: c.id.slice(0, 12), Env: null, Cmd: ['sleep', '3600'], Image: c.image, Entrypoint: null, Labels: c.labels },
  NetworkSettings: { Bridge: '', Ports: {}, Networks: { bridge: networkAttachment } },
});

const networksBody = () => [
  { Name: 'bridge', Id: BRIDGE_ID, Created: '2026-11-23T11:20:40.1Z', Scope: 'local', Driver: 'bridge', EnableIPv6: false, Internal: false, Attachable: false, Ingress: false, Containers: {}, Options: {}, Labels: {} },
  { Name: 'host', Id: '2124c78a89ba5b4cc0c1f5bdea5ad6ddf4a7f0d3b1b5a0f8a6e3c6b3c1a0b2d4', Created: '2026-11-23T11:20:40.1Z', Scope: 'local', Driver: 'host', EnableIPv6: false, Internal: false, Attachable: false, Ingress: false, Containers: {}, Options: {}, Labels: {} },
];

const HEADERS = { 'Api-Version': API, 'Docker-Experimental': 'false', Ostype: 'linux', Server: `Docker/${ENGINE_VERSION} (linux)` };

const json = (res: ServerResponse, status: number, body: unknown): void => {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...HEADERS, 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(text)) });
  res.end(text);
};

/** The `timeNano` of a line as a number of nanoseconds (0 when it has none). */
const nanosOf = (line: string): bigint => BigInt(/"timeNano":(\d+)/.exec(line)?.[1] ?? '0');

/** `since` as the engine takes it (`<seconds>[.<nanos>]`), in nanoseconds. */
const sinceNanos = (since: string | null): bigint => {
  if (since === null || !/^\d+(\.\d{1,9})?$/.test(since)) return 0n;
  const [secs = '0', frac = ''] = since.split('.');
  return BigInt(secs) * 1_000_000_000n + BigInt(frac.padEnd(9, '0'));
};

/**
 * Starts a fake engine with `containers`; `backlog` lines go to every `/events` subscriber first.
 * With `ring`, it keeps only that many past lines for new subscribers, and gives them only the
 * lines at or after their `since`, as the real engine does with its 256-event ring. With
 * `systemTime`, `/info` answers that clock instead of the current time: the daemon stamps its
 * re-list with it, so two daemons started at different moments record the same re-list. With
 * `socketPath`, it listens there (a later engine on the same path is the same endpoint to berth).
 */
export const startFakeEngine = async (containers: readonly FakeContainer[] = [], backlog: readonly string[] = [], opts: Readonly<{ ring?: number; systemTime?: string; socketPath?: string }> = {}): Promise<FakeEngine> => {
  const dir = opts.socketPath === undefined ? mkdtempSync(join(tmpdir(), 'berth-fake-docker-')) : undefined;
  const socketPath = opts.socketPath ?? join(dir ?? '', 'docker.sock');
  const byId = new Map(containers.map((c) => [c.id, c]));
  const lines = [...backlog];
  const streams = new Set<ServerResponse>();
  const requests: string[] = [];

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const path = url.pathname;
    requests.push(`${req.method ?? 'GET'} ${path}`);
    if (req.method !== 'GET') return json(res, 404, { message: 'page not found' });
    if (path === '/_ping' || path === `/v${API}/_ping`) {
      res.writeHead(200, { ...HEADERS, 'Cache-Control': 'no-cache, no-store, must-revalidate', Pragma: 'no-cache', 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': '2' });
      res.end('OK');
      return;
    }
    if (path === '/version' || path === `/v${API}/version`) return json(res, 200, versionBody());
    if (path === `/v${API}/info`) return json(res, 200, infoBody([...byId.values()], opts.systemTime));
    if (path === `/v${API}/containers/json`) return json(res, 200, [...byId.values()].map(listEntry));
    if (path === `/v${API}/networks`) return json(res, 200, networksBody());
    const inspect = new RegExp(`^/v${API.replace('.', '\\.')}/containers/([^/]+)/json$`).exec(path);
    if (inspect) {
      const id = decodeURIComponent(inspect[1] ?? '');
      const c = byId.get(id) ?? [...byId.values()].find((x) => x.name === id || x.id.startsWith(id));
      return c ? json(res, 200, inspectBody(c)) : json(res, 404, { message: `No such container: ${id}` });
    }
    if (path === `/v${API}/events`) {
      res.writeHead(200, { ...HEADERS, 'Content-Type': 'application/json' });
      res.flushHeaders();
      streams.add(res);
      res.on('close', () => streams.delete(res));
      const since = sinceNanos(url.searchParams.get('since'));
      for (const l of lines) if (opts.ring === undefined || nanosOf(l) >= since) res.write(`${l}\n`);
      return;
    }
    json(res, 404, { message: 'page not found' });
  };

  const server = createServer(handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => resolve());
  });
  return {
    socketPath, url: `unix://${socketPath}`, containers: byId, requests,
    push: (line) => {
      lines.push(line);
      if (opts.ring !== undefined && lines.length > opts.ring) lines.splice(0, lines.length - opts.ring);
      for (const s of streams) s.write(`${line}\n`);
    },
    subscribers: () => streams.size,
    endStreams: () => {
      for (const s of streams) s.end();
      streams.clear();
    },
    close: async () => {
      for (const s of streams) s.end();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
    },
  };
};
