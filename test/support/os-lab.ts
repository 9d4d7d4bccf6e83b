import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { connect } from '@nats-io/transport-node';
import type { Cluster } from '../../events/cluster.js';
import type { Port } from '../../events/port.js';
import type { Stack } from '../../events/stack.js';
import type { Vm } from '../../events/vm.js';
import { readStream } from '../../daemon/store/read.js';
import { NATS_URL, ROOT } from './daemon-harness.js';

const exec = promisify(execFile);

/** The lab's admin credentials (`../shared/lab/openstack/README.md`). */
export const OPENRC = process.env['BERTH_TEST_OS_OPENRC'] ?? '/var/lib/stacklab/admin-openrc.sh';
export const LAB_UP = 'bash /work/shared/lab/openstack/up.sh';

/** The `export K=V` lines of the openrc file, as an environment (no shell involved). */
const openrcEnv = (): Record<string, string> => {
  if (!existsSync(OPENRC)) throw new Error(`${OPENRC} does not exist: the OpenStack lab is not installed or not up (run ${LAB_UP})`);
  const env: Record<string, string> = {};
  for (const line of readFileSync(OPENRC, 'utf8').split('\n')) {
    const m = /^\s*export\s+([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (!m) continue;
    env[m[1] as string] = (m[2] as string).trim().replace(/^(['"])(.*)\1$/, '$2');
  }
  return env;
};

let cachedEnv: Record<string, string> | undefined;
const osEnv = (): Record<string, string> => {
  // 2.37: `server create --nic none` needs it; below 2.47 `flavor` shows as `m1.tiny (1)`.
  cachedEnv ??= { ...process.env as Record<string, string>, ...openrcEnv(), OS_COMPUTE_API_VERSION: '2.37', PYTHONWARNINGS: 'ignore' };
  return cachedEnv;
};

/** An `openstack` command that failed: its stderr is in the message. */
export class OsError extends Error {
  readonly args: readonly string[];
  readonly stderr: string;
  constructor(args: readonly string[], stderr: string, opts?: ErrorOptions) {
    super(`openstack ${args.join(' ')}: ${stderr.trim().split('\n').slice(-3).join(' | ')}`, opts);
    this.args = args;
    this.stderr = stderr;
  }
}

/** Runs `openstack <args>` with the admin credentials; returns stdout. */
export const osRun = async (args: readonly string[], timeoutMs = 180_000): Promise<string> => {
  try {
    return (await exec('openstack', [...args], { env: osEnv(), maxBuffer: 32 * 1024 * 1024, timeout: timeoutMs })).stdout;
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    throw new OsError(args, e.stderr || e.message);
  }
};

/** `openstack <args> -f json`, parsed. */
export const osJson = async <T = Record<string, unknown>>(args: readonly string[], timeoutMs?: number): Promise<T> => {
  const out = await osRun([...args, '-f', 'json'], timeoutMs);
  try {
    return JSON.parse(out) as T;
  } catch (err) {
    throw new OsError(args, `printed no JSON: ${out.slice(0, 500)}`, { cause: err });
  }
};

const NOT_FOUND = /could not be found|No \S+ found|No \S+ with a name or ID|not found|404/i;

/** `openstack <kind> show <id> -f json`, or null when the resource is gone. */
export const osShow = async <T = Record<string, unknown>>(kind: readonly string[], id: string): Promise<T | null> => {
  try {
    return await osJson<T>([...kind, 'show', id]);
  } catch (err) {
    if (err instanceof OsError && NOT_FOUND.test(err.stderr)) return null;
    throw err;
  }
};

/** Fails clearly (never skips) when the lab does not answer. */
export const requireLab = async (): Promise<void> => {
  try {
    await osJson(['token', 'issue']);
  } catch (err) {
    throw new Error(`the OpenStack lab does not answer (${(err as Error).message}); bring it up with: ${LAB_UP}`, { cause: err });
  }
};

/** Polls `check` (OpenStack calls take seconds) until it returns a value, or fails after `ms` with the last one (at once on an error marked `fatal`). */
export const osUntil = async <T>(what: string, check: () => Promise<T | undefined | null | false>, ms: number, every = 1500): Promise<T> => {
  const end = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v) return v;
      last = v;
    } catch (err) {
      if ((err as { fatal?: boolean }).fatal === true) throw err;
      last = err;
    }
    if (Date.now() > end) throw new Error(`timed out after ${ms / 1000}s waiting for ${what}; last: ${last instanceof Error ? last.message : JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, every));
  }
};

/** Things a test created, deleted in reverse order by `run` (each failure logged, none thrown). */
export class Cleanup {
  private readonly steps: { what: string; fn: () => Promise<unknown> }[] = [];
  add(what: string, fn: () => Promise<unknown>): void { this.steps.push({ what, fn }); }
  async run(log: (s: string) => void): Promise<void> {
    for (const s of this.steps.reverse()) {
      try { await s.fn(); } catch (err) { log(`cleanup ${s.what}: ${(err as Error).message}`); }
    }
  }
}

/** Deletes an OpenStack resource, tolerating "already gone". */
export const osDelete = async (kind: readonly string[], id: string, extra: readonly string[] = []): Promise<void> => {
  try {
    await osRun([...kind, 'delete', ...extra, id]);
  } catch (err) {
    // (`stack delete` prints its "could not be found" on stdout.)
    if (err instanceof OsError && (NOT_FOUND.test(err.stderr) || await osShow(kind, id) === null)) return;
    throw err;
  }
};

type Json = Record<string, unknown>;
const s = (x: unknown): string => (typeof x === 'string' ? x : '');
const sOrNull = (x: unknown): string | null => (typeof x === 'string' && x !== '' ? x : null);

// ----------------------------------------------------------------------------------- servers

/** Nova's power_state numbers (`nova/compute/power_state.py`) as the versioned payloads name them. */
const POWER: Readonly<Record<number, string>> = { 0: 'pending', 1: 'running', 3: 'paused', 4: 'shutdown', 6: 'crashed', 7: 'suspended' };
/** API `status` → `vm_state` (`nova/api/openstack/common.py`), the ones these tests see. */
export const STATUS_VM_STATE: Readonly<Record<string, string>> = { ACTIVE: 'active', SHUTOFF: 'stopped', VERIFY_RESIZE: 'resized', ERROR: 'error', PAUSED: 'paused', SUSPENDED: 'suspended' };

/** `m1.tiny (1)` (microversions below 2.47) or `{original_name: ...}` (2.47+) → `m1.tiny`. */
const flavorName = (f: unknown): string | null => {
  if (typeof f === 'string') return f.replace(/ \([^)]*\)$/, '') || null;
  if (f !== null && typeof f === 'object') return sOrNull((f as Json)['original_name']) ?? sOrNull((f as Json)['name']);
  return null;
};

/** `stacklab-tiny (<uuid>)` → the uuid. */
const imageId = (x: unknown): string | null => /\(([0-9a-f-]{36})\)$/.exec(s(x))?.[1] ?? sOrNull(x);

/** The facts both sides know about a server, as `openstack server show -f json` shows them. */
export const serverFacts = (sv: Json): Json => {
  const addrs = sv['addresses'] !== null && typeof sv['addresses'] === 'object' ? sv['addresses'] as Record<string, unknown> : {};
  return {
    vmId: sv['id'], name: sv['name'], state: sv['OS-EXT-STS:vm_state'], taskState: sv['OS-EXT-STS:task_state'] ?? null,
    powerState: POWER[Number(sv['OS-EXT-STS:power_state'])] ?? null,
    host: sOrNull(sv['OS-EXT-SRV-ATTR:host']), node: sOrNull(sv['OS-EXT-SRV-ATTR:hypervisor_hostname']),
    flavor: flavorName(sv['flavor']), projectId: sv['project_id'], userId: sv['user_id'],
    availabilityZone: sOrNull(sv['OS-EXT-AZ:availability_zone']), imageId: imageId(sv['image']),
    addresses: Object.entries(addrs).flatMap(([net, ips]) => (Array.isArray(ips) ? ips : []).map((ip) => `${net}=${String(ip)}`)).sort(),
  };
};

/** The same facts as `berth vms --json` shows them. */
export const vmFacts = (v: Vm): Json => ({
  vmId: v.vmId, name: v.name, state: v.state, taskState: v.taskState, powerState: v.powerState, host: v.host, node: v.node,
  flavor: v.flavor, projectId: v.projectId, userId: v.userId, availabilityZone: v.availabilityZone, imageId: v.imageId,
  addresses: v.addresses.map((a) => `${a.network}=${a.address}`).sort(),
});

/** Waits until a server has `status` and no task (ERROR fails at once). */
export const waitServer = async (id: string, status: string, ms = 120_000): Promise<Json> =>
  osUntil(`server ${id} to be ${status}`, async () => {
    const sv = await osShow(['server'], id);
    if (sv === null) throw new Error(`server ${id} is gone`);
    if (sv['status'] === 'ERROR' && status !== 'ERROR') throw Object.assign(new Error(`server ${id} went to ERROR: ${JSON.stringify(sv['fault'] ?? '')}`), { fatal: true });
    return sv['status'] === status && (sv['OS-EXT-STS:task_state'] ?? null) === null ? sv : undefined;
  }, ms);

// ----------------------------------------------------------------------------------- ports

/** The facts both sides know about a port, as `openstack port show -f json` shows them. */
export const neutronPortFacts = (p: Json): Json => ({
  id: p['id'], name: p['name'], networkId: p['network_id'], projectId: p['project_id'], macAddress: p['mac_address'],
  fixedIps: (Array.isArray(p['fixed_ips']) ? p['fixed_ips'] as Json[] : []).map((f) => `${s(f['subnet_id'])}/${s(f['ip_address'])}`).sort(),
  deviceId: p['device_id'], deviceOwner: p['device_owner'], bindingHost: p['binding_host_id'], vifType: p['binding_vif_type'],
  status: p['status'], adminStateUp: p['admin_state_up'] === true || p['admin_state_up'] === 'UP',
  // berth's Port fields derived from the Neutron port
  kind: 'neutron', host: p['binding_host_id'],
  hostIp: (Array.isArray(p['fixed_ips']) ? s((p['fixed_ips'] as Json[])[0]?.['ip_address']) : ''),
});

/** The same facts as `berth ports --json` shows them. */
export const berthPortFacts = (p: Port): Json => {
  const n = p.neutron;
  return {
    id: p.id, name: n?.name, networkId: n?.networkId, projectId: n?.projectId, macAddress: n?.macAddress,
    fixedIps: (n?.fixedIps ?? []).map((f) => `${f.subnetId}/${f.ipAddress}`).sort(),
    deviceId: n?.deviceId, deviceOwner: n?.deviceOwner, bindingHost: n?.bindingHost, vifType: n?.vifType,
    status: n?.status, adminStateUp: n?.adminStateUp, kind: p.kind, host: p.host, hostIp: p.hostIp,
  };
};

// ----------------------------------------------------------------------------------- stacks

export const stackFacts = (st: Json): Json => ({ stackId: st['id'], name: st['stack_name'], state: st['stack_status'], stateReason: st['stack_status_reason'] });
export const berthStackFacts = (st: Stack): Json => ({ stackId: st.stackId, name: st.name, state: st.state, stateReason: st.stateReason });

// ----------------------------------------------------------------------------------- clusters

const strs = (x: unknown): string[] => (Array.isArray(x) ? x.map(String) : []).sort();

export const coeClusterFacts = (c: Json): Json => ({
  clusterId: c['uuid'], name: c['name'], kind: 'magnum', status: c['status'], statusReason: s(c['status_reason']),
  stackId: s(c['stack_id']), projectId: c['project_id'] ?? null, masterCount: c['master_count'], nodeCount: c['node_count'],
  masterAddresses: strs(c['master_addresses']), nodeAddresses: strs(c['node_addresses']), apiAddress: s(c['api_address']),
  templateId: c['cluster_template_id'],
});

export const berthClusterFacts = (c: Cluster): Json => ({
  clusterId: c.clusterId, name: c.name, kind: c.kind, status: c.magnum?.status, statusReason: c.magnum?.statusReason,
  stackId: c.magnum?.stackId, projectId: c.magnum?.projectId ?? null, masterCount: c.magnum?.masterCount, nodeCount: c.magnum?.nodeCount,
  masterAddresses: [...c.magnum?.masterAddresses ?? []].sort(), nodeAddresses: [...c.magnum?.nodeAddresses ?? []].sort(),
  apiAddress: c.magnum?.apiAddress, templateId: c.magnum?.templateId,
});

/** The servers of a Heat stack and its nested stacks (`server show` of each): the ground truth of a cluster's members. */
export const stackServers = async (stackId: string): Promise<{ id: string; name: string; show: Json }[]> => {
  const res = await osJson<Json[]>(['stack', 'resource', 'list', '-n', '5', '--filter', 'type=OS::Nova::Server', stackId]);
  const ids = res.map((r) => s(r['physical_resource_id'])).filter((x) => x !== '');
  const shows = await Promise.all(ids.map(async (id) => ({ id, show: await osShow(['server'], id) })));
  return shows.flatMap(({ id, show }) => (show === null ? [] : [{ id, name: s(show['name']), show }]))
    .sort((a, b) => a.name.localeCompare(b.name));
};

/**
 * Plays the in-VM Heat agent: signals every in-progress `OS::Heat::SoftwareDeployment` of the
 * cluster's stack with `deploy_status_code` 0 (the lab's `scenarios.sh`, `signal_deployments`).
 * Returns how many it signalled.
 */
export const signalDeployments = async (stackId: string, log: (s: string) => void): Promise<number> => {
  const res = await osJson<Json[]>(['stack', 'resource', 'list', '-n', '5', stackId, '-c', 'resource_name', '-c', 'resource_type', '-c', 'resource_status', '-c', 'stack_name']);
  let n = 0;
  for (const r of res) {
    if (r['resource_type'] !== 'OS::Heat::SoftwareDeployment' || !/_IN_PROGRESS$/.test(s(r['resource_status']))) continue;
    try {
      await osRun(['stack', 'resource', 'signal', s(r['stack_name']), s(r['resource_name']), '--data', '{"deploy_status_code": 0, "deploy_stdout": "stacklab", "deploy_stderr": ""}']);
      n += 1;
    } catch (err) {
      log(`signal ${s(r['stack_name'])}/${s(r['resource_name'])}: ${(err as Error).message}`);
    }
  }
  return n;
};

/**
 * Waits until a cluster leaves `*_IN_PROGRESS`, signalling its deployments meanwhile (unless it
 * is deleting; the stack's resources are listed beside each `show`, to save a round of CLI
 * start-ups); returns its `coe cluster show`, or null once it is gone.
 */
export const waitCluster = async (id: string, ms: number, log: (s: string) => void): Promise<Json | null> => {
  const end = Date.now() + ms;
  let stackId = '';
  let failures = 0;
  for (;;) {
    const signalling = stackId === '' ? Promise.resolve(0) : signalDeployments(stackId, log).catch((err: unknown) => { log(`signalling: ${(err as Error).message}`); return 0; });
    const [shown, n] = await Promise.all([osShow(['coe', 'cluster'], id).then((c) => ({ c }), (err: unknown) => ({ err: err as Error })), signalling]);
    if ('err' in shown) {
      // While a delete removes its node groups, `show` can answer 400 ("Invalid input for
      // field/attribute master_count"): retry a few times.
      failures += 1;
      log(`cluster show: ${shown.err.message}`);
      if (failures >= 5 || Date.now() > end) throw shown.err;
      await new Promise((r) => setTimeout(r, 2000));
      continue;
    }
    failures = 0;
    const c = shown.c;
    if (c === null) return null;
    const status = s(c['status']);
    if (n > 0) log(`${status}: signalled ${n} deployment(s)`);
    if (!status.endsWith('_IN_PROGRESS')) return c;
    stackId = status === 'DELETE_IN_PROGRESS' ? '' : s(c['stack_id']);
    if (Date.now() > end) throw new Error(`cluster ${id} still ${status} after ${ms / 1000}s`);
    await new Promise((r) => setTimeout(r, 1000));
  }
};

// ----------------------------------------------------------------------------------- berth side

/** `berth` calls that did not answer in time (see `berthRun`). */
export const berthHangs: string[] = [];

/**
 * `berth <args> --json --prefix <prefix>`, killed after `ms`: unlike the harness' `berth`, a CLI
 * that never returns must not wedge a test (other tests publishing to the same exchanges can fill
 * this prefix's model with thousands of entities while the daemon writes it). Hangs are recorded.
 */
export const berthRun = async (prefix: string, args: readonly string[], ms = 45_000): Promise<{ stdout: string; stderr: string; code: number }> => {
  const all = [join(ROOT, 'bin', 'run.js'), ...args, '--json', '--prefix', prefix, '--nats', NATS_URL];
  try {
    const r = await exec(process.execPath, all, { cwd: ROOT, timeout: ms, killSignal: 'SIGKILL', maxBuffer: 512 * 1024 * 1024 });
    return { stdout: r.stdout, stderr: r.stderr, code: 0 };
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; code?: number; killed?: boolean };
    if (e.killed === true) {
      berthHangs.push(`berth ${args.join(' ')} (${new Date().toISOString()})`);
      throw new Error(`berth ${args.join(' ')} did not answer within ${ms / 1000}s (killed)`, { cause: err });
    }
    return { stdout: e.stdout ?? '', stderr: e.stderr ?? '', code: typeof e.code === 'number' ? e.code : 1 };
  }
};

/** `berthRun` parsed; throws with stderr when it failed. */
export const berthRows = async <T>(prefix: string, args: readonly string[]): Promise<T> => {
  const r = await berthRun(prefix, args);
  if (r.code !== 0) throw new Error(`berth ${args.join(' ')} exited ${r.code}: ${r.stderr}${r.stdout}`);
  return JSON.parse(r.stdout) as T;
};

/** The dead letters of a test prefix (reason and the head of the body). */
export const deadLetters = async (prefix: string): Promise<{ reason: string; head?: string }[]> => {
  const nc = await connect({ servers: NATS_URL });
  const out: { reason: string; head?: string }[] = [];
  try {
    await readStream(nc, { stream: `${prefix.toUpperCase()}_DEADLETTER`, filter: `${prefix}.dlq.>` }, (m) => { out.push(m.json()); });
  } catch (err) {
    // No dead letter yet: the stream may not exist.
    if (!/not found|no stream/i.test((err as Error).message)) throw err;
  } finally {
    await nc.close();
  }
  return out;
};

/** Lists the differences of two flat fact records, `key: berth ≠ openstack`. */
export const diff = (berth: Json, os: Json): string[] =>
  Object.keys(os).filter((k) => JSON.stringify(berth[k]) !== JSON.stringify(os[k])).map((k) => `${k}: berth ${JSON.stringify(berth[k])} ≠ openstack ${JSON.stringify(os[k])}`);
