// Driving the OpenStack lab (../shared/lab/openstack) over its REST APIs: readiness, polling,
// cleanup, servers, networks and ports. Heat and Magnum are in os-orchestration.ts.
import { connect } from 'amqplib';
import { AMQP_URL } from './amqp.js';
import type { Json } from './os-facts.js';
import { authenticateLab, LAB_UP, osApi, osDel, osGet } from './os-rest.js';

export { LAB_UP } from './os-rest.js';

const sleep = async (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const str = (x: unknown): string => (typeof x === 'string' ? x : '');

/** Fails clearly (never skips) when the lab does not answer. */
export const requireLab = async (): Promise<void> => {
  try {
    await authenticateLab();
  } catch (err) {
    throw new Error(`the OpenStack lab does not answer (${(err as Error).message}); bring it up with: ${LAB_UP}`, { cause: err });
  }
};

/** Polls `check` until it returns a value, or fails after `ms` with the last one (at once on an error marked `fatal`). */
export const osUntil = async <T>(what: string, check: () => Promise<T | undefined | null | false>, ms: number, every = 750): Promise<T> => {
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
    await sleep(every);
  }
};

/** An error that stops `osUntil` at once. */
export const fatal = (message: string): Error => Object.assign(new Error(message), { fatal: true });

/** Things a test created, deleted in reverse order by `run` (each failure logged, none thrown). */
export class Cleanup {
  private readonly steps: { what: string; fn: () => Promise<unknown> }[] = [];
  add(what: string, fn: () => Promise<unknown>): void { this.steps.push({ what, fn }); }
  /** Runs (and forgets) every step: a second run does nothing. */
  async run(log: (s: string) => void): Promise<void> {
    for (const s of this.steps.splice(0).reverse()) {
      try { await s.fn(); } catch (err) { log(`cleanup ${s.what}: ${(err as Error).message}`); }
    }
  }
}

// ----------------------------------------------------------------------------------- readiness

/** RabbitMQ queues with their consumer counts (null: the queue does not exist). */
const queueConsumers = async (queues: readonly string[]): Promise<Record<string, number | null>> => {
  const conn = await connect(AMQP_URL);
  const out: Record<string, number | null> = {};
  try {
    for (const q of queues) {
      // A missing queue closes the channel: one channel per check.
      const ch = await conn.createChannel();
      ch.on('error', () => undefined);
      out[q] = await ch.checkQueue(q).then((r) => r.consumerCount, () => null);
      await ch.close().catch(() => undefined);
    }
  } finally {
    await conn.close().catch(() => undefined);
  }
  return out;
};

export type LabNeeds = Readonly<{ compute?: boolean; l2Agent?: boolean; heat?: boolean; magnum?: boolean }>;

type Check = { ok: boolean; say: string };

/**
 * Nova can place a server: nova-compute `up` and enabled in os-services, its hypervisor listed
 * up and enabled, and the RPC queues of nova-compute, the scheduler and the conductor consumed
 * (after a RabbitMQ restart os-services can still say `up` from the last heartbeat while
 * nova-compute has not reconnected, and a cast to a queue nobody has declared again is lost).
 */
const computeCheck = async (): Promise<Check> => {
  const svcs = (await osApi<{ services: Json[] }>('compute', 'GET', '/os-services?binary=nova-compute')).services;
  const hvs = (await osApi<{ hypervisors: Json[] }>('compute', 'GET', '/os-hypervisors')).hypervisors;
  const up = svcs.filter((x) => x['state'] === 'up' && x['status'] === 'enabled' && x['forced_down'] !== true).map((x) => str(x['host']));
  const host = up.find((h) => hvs.some((hv) => hv['hypervisor_hostname'] === h && hv['state'] === 'up' && hv['status'] === 'enabled'));
  const queues = host === undefined ? {} : await queueConsumers([`compute.${host}`, 'scheduler', 'conductor']);
  const idle = Object.entries(queues).filter(([, n]) => n === null || n < 1).map(([q]) => q);
  return {
    ok: host !== undefined && idle.length === 0,
    say: `nova-compute services: ${svcs.map((x) => `${str(x['host'])} ${str(x['state'])}/${str(x['status'])} (heartbeat ${str(x['updated_at'])})`).join(', ') || 'none'}; `
      + `hypervisors: ${hvs.map((x) => `${str(x['hypervisor_hostname'])} ${str(x['state'])}/${str(x['status'])}`).join(', ') || 'none'}`
      + (idle.length > 0 ? `; RPC queues without a consumer: ${idle.join(', ')}` : ''),
  };
};

/** Neutron can bind ports: the lab's fake Open vSwitch agent is alive (its heartbeat is every 20 s). */
const l2AgentCheck = async (): Promise<Check> => {
  const agents = (await osApi<{ agents: Json[] }>('network', 'GET', '/v2.0/agents?agent_type=Open%20vSwitch%20agent')).agents;
  return {
    ok: agents.some((a) => a['alive'] === true && a['admin_state_up'] === true),
    say: `Open vSwitch agents: ${agents.map((a) => `${str(a['host'])} alive=${String(a['alive'])} (heartbeat ${str(a['heartbeat_timestamp'])})`).join(', ') || 'none'}`,
  };
};

const rpcCheck = (service: string, queues: readonly string[]) => async (): Promise<Check> => {
  const idle = Object.entries(await queueConsumers(queues)).filter(([, n]) => n === null || n < 1).map(([q]) => q);
  return { ok: idle.length === 0, say: idle.length === 0 ? `${service} consuming` : `${service}: RPC queues without a consumer: ${idle.join(', ')}` };
};

/**
 * Waits (generously: a RabbitMQ restart takes nova-compute a minute or more to be `up` again)
 * until the services a test needs can do their work, and fails with what is still missing.
 */
export const waitLabReady = async (needs: LabNeeds, ms = 240_000, log: (s: string) => void = () => undefined): Promise<void> => {
  const checks: [string, () => Promise<Check>][] = [];
  if (needs.compute === true) checks.push(['compute', computeCheck]);
  if (needs.l2Agent === true) checks.push(['l2', l2AgentCheck]);
  if (needs.heat === true) checks.push(['heat', rpcCheck('heat-engine', ['engine'])]);
  if (needs.magnum === true) checks.push(['magnum', rpcCheck('magnum-conductor', ['magnum-conductor'])]);
  const t0 = Date.now();
  let said = '';
  let first = '';
  try {
    await osUntil('the lab to be ready', async () => {
      const results = await Promise.all(checks.map(async ([, c]) => c()));
      said = results.filter((r) => !r.ok).map((r) => r.say).join('; ');
      first ||= said;
      return results.every((r) => r.ok);
    }, ms, 1000);
  } catch (err) {
    throw new Error(`the OpenStack lab is not ready after ${ms / 1000}s: ${said || (err as Error).message}. `
      + 'After a RabbitMQ restart the services reconnect by themselves; if they do not, see /var/lib/stacklab/log and bring the lab up again with '
      + `${LAB_UP}`, { cause: err });
  }
  const what = checks.map(([n]) => n).join(', ');
  log(first === '' ? `lab ready (${what}; checked in ${((Date.now() - t0) / 1000).toFixed(1)}s)` : `waited ${Math.round((Date.now() - t0) / 1000)}s for the lab to be ready (${what}); at first: ${first}`);
};

// ----------------------------------------------------------------------------------- servers

const ids = new Map<string, string>();
/** A flavor's or image's id by name (looked up once). */
const idOf = async (kind: 'flavor' | 'image', name: string): Promise<string> => {
  const key = `${kind}:${name}`;
  const known = ids.get(key);
  if (known !== undefined) return known;
  const found = kind === 'flavor'
    ? (await osApi<{ flavors: Json[] }>('compute', 'GET', '/flavors')).flavors.find((f) => f['name'] === name)
    : (await osApi<{ images: Json[] }>('image', 'GET', `/v2/images?name=${encodeURIComponent(name)}`)).images[0];
  if (found === undefined) throw new Error(`the lab has no ${kind} '${name}' (${LAB_UP} creates it)`);
  ids.set(key, str(found['id']));
  return str(found['id']);
};
export const flavorId = async (name: string): Promise<string> => idOf('flavor', name);

/** `GET /servers/{id}`, or null once it is gone. */
export const serverShow = async (id: string): Promise<Json | null> => (await osGet<{ server: Json }>('compute', `/servers/${id}`))?.server ?? null;

/** Boots a server without a NIC; returns its id. */
export const createServer = async (name: string, flavor: string, image: string): Promise<string> => {
  const body = { server: { name, flavorRef: await flavorId(flavor), imageRef: await idOf('image', image), networks: 'none' } };
  return str((await osApi<{ server: Json }>('compute', 'POST', '/servers', body)).server['id']);
};

/** `POST /servers/{id}/action` (`{"os-stop": null}`, `{"resize": {...}}`, ...). */
export const serverAction = async (id: string, action: Json): Promise<void> => { await osApi('compute', 'POST', `/servers/${id}/action`, action); };

/** Waits until a server has `status` and no task (ERROR fails at once, with Nova's fault). */
export const waitServer = async (id: string, status: string, ms = 120_000): Promise<Json> =>
  osUntil(`server ${id} to be ${status}`, async () => {
    const sv = await serverShow(id);
    if (sv === null) throw fatal(`server ${id} is gone`);
    if (sv['status'] === 'ERROR' && status !== 'ERROR') throw fatal(`server ${id} went to ERROR: ${JSON.stringify(sv['fault'] ?? '')}`);
    return sv['status'] === status && (sv['OS-EXT-STS:task_state'] ?? null) === null ? sv : undefined;
  }, ms, 500);

/** Deletes a server and waits until Nova no longer shows it. */
export const deleteServer = async (id: string, ms = 120_000): Promise<void> => {
  await osDel('compute', `/servers/${id}`);
  await osUntil(`server ${id} to be deleted`, async () => (await serverShow(id)) === null, ms, 500);
};

/** Deletes every server with exactly this name (cleanup after a create that may have half-failed). */
export const deleteServersNamed = async (name: string): Promise<void> => {
  const all = (await osApi<{ servers: Json[] }>('compute', 'GET', `/servers?name=${encodeURIComponent(`^${name}$`)}`)).servers;
  await Promise.all(all.filter((x) => x['name'] === name).map(async (x) => deleteServer(str(x['id']))));
};

// ----------------------------------------------------------------------------------- networks, ports

type NeutronKind = 'network' | 'subnet' | 'port';
const plural = (k: NeutronKind): string => `/v2.0/${k}s`;

/** `POST /v2.0/<kind>s`; returns what Neutron created. */
export const neutronCreate = async (kind: NeutronKind, fields: Json): Promise<Json> =>
  (await osApi<Record<string, Json>>('network', 'POST', plural(kind), { [kind]: fields }))[kind] ?? {};
/** `PUT /v2.0/<kind>s/{id}`. */
export const neutronUpdate = async (kind: NeutronKind, id: string, fields: Json): Promise<Json> =>
  (await osApi<Record<string, Json>>('network', 'PUT', `${plural(kind)}/${id}`, { [kind]: fields }))[kind] ?? {};
/** `GET /v2.0/<kind>s/{id}`, or null once it is gone. */
export const neutronShow = async (kind: NeutronKind, id: string): Promise<Json | null> =>
  (await osGet<Record<string, Json>>('network', `${plural(kind)}/${id}`))?.[kind] ?? null;
/** `DELETE /v2.0/<kind>s/{id}`, tolerating "already gone". */
export const neutronDelete = async (kind: NeutronKind, id: string): Promise<void> => osDel('network', `${plural(kind)}/${id}`);
