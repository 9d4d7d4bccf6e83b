// Helpers of test/faults/duplicates.faults.test.ts: whole lifecycles of VMs (Nova versioned
// notifications) and containers (engine /events lines) with chosen times, a seeded shuffle to
// deliver them out of order, and the model of a prefix read back for comparing two daemons.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import type { EntityKind, Inventory } from '../../events/inventory.js';
import { MAPS, ModelClient } from '../../daemon/query/client.js';
import { eventLineAt } from './fake-docker-engine.js';
import type { FakeContainer } from './fake-docker-engine.js';

const exec = promisify(execFile);

/** mulberry32: a small seeded generator, so that a failing shuffle can be run again. */
export const seeded = (seed: number): (() => number) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

/** A Fisher-Yates shuffle of a copy. */
export const shuffled = <T>(xs: readonly T[], next: () => number): T[] => {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
};

/** Nova's notification timestamp (`2026-11-23 10:04:43.396029`, naive UTC) for microseconds since the epoch. */
const novaTime = (us: number): string => `${new Date(Math.floor(us / 1000)).toISOString().slice(0, 19).replace('T', ' ')}.${String(us % 1_000_000).padStart(6, '0')}`;

type VmStep = Readonly<{ action: string; state: string; task: string | null; power: string; name?: string; host?: string; flavor?: string }>;

/** One AMQP message of a lifecycle, with the event id berth stores for it and its time. */
export type NovaMessage = Readonly<{ id: string; us: number; exchange: string; routingKey: string; headers: Record<string, unknown>; body: string }>;

const nova = (exchange: string, vm: Readonly<{ uuid: string; name: string; host: string; ip: string; createdUs: number }>, step: VmStep, us: number): NovaMessage => {
  const messageId = randomUUID();
  const host = step.host ?? vm.host;
  const launched = step.action === 'create.start' ? '' : novaTime(vm.createdUs + 9_000_000);
  const w = (name: string, data: unknown) => ({ 'nova_object.name': name, 'nova_object.namespace': 'nova', 'nova_object.version': '1.0', 'nova_object.data': data });
  const data = {
    uuid: vm.uuid, display_name: step.name ?? vm.name, host, node: host, state: step.state, power_state: step.power, task_state: step.task,
    tenant_id: 'p1', user_id: 'u1', availability_zone: 'nova', image_uuid: 'img-1', created_at: novaTime(vm.createdUs), launched_at: launched,
    flavor: w('FlavorPayload', { name: step.flavor ?? 'm1.tiny' }),
    ip_addresses: step.action === 'create.start' ? [] : [w('IpPayload', { address: vm.ip, label: 'private', mac: 'fa:16:3e:00:00:01', port_uuid: null })],
  };
  const inner = {
    message_id: messageId, publisher_id: `nova-compute:${host}`, event_type: `instance.${step.action}`, priority: 'INFO',
    payload: w('InstanceActionPayload', data), timestamp: novaTime(us), _unique_id: messageId.replace(/-/g, ''),
  };
  return { id: `os-${messageId}`, us, exchange, routingKey: 'versioned_notifications.info', headers: {}, body: JSON.stringify({ 'oslo.version': '2.0', 'oslo.message': JSON.stringify(inner) }) };
};

/**
 * `n` VMs, each created, renamed or migrated or resized, powered off and then deleted, powered on
 * again or left off, the VMs overlapping in time, in time order. Times have microseconds as Nova
 * writes them; two VMs may share one.
 */
// Starting 15 minutes ago: 1,500 VMs span about 8 minutes, and a notification dated more than 5
// minutes after the daemon reads it is stored at the read time (events/clock-skew.ts).
export const vmLifecycles = (tag: string, exchange: string, n: number, next: () => number, startUs = (Date.now() - 15 * 60_000) * 1000): NovaMessage[] => {
  const out: NovaMessage[] = [];
  for (let i = 0; i < n; i++) {
    const vm = { uuid: randomUUID(), name: `${tag}-vm${i}`, host: `compute-${i % 4}`, ip: `10.0.${Math.floor(i / 250)}.${(i % 250) + 2}`, createdUs: startUs + i * 250_000 };
    const steps: VmStep[] = [
      { action: 'create.start', state: 'building', task: 'spawning', power: 'pending' },
      { action: 'create.end', state: 'active', task: null, power: 'running' },
      i % 5 === 0 ? { action: 'live_migration_post.end', state: 'active', task: null, power: 'running', host: `compute-${(i + 1) % 4}` }
        : i % 5 === 1 ? { action: 'resize_finish.end', state: 'resized', task: null, power: 'running', flavor: 'm1.small' }
        : { action: 'update', state: 'active', task: null, power: 'running', name: `${vm.name}-renamed` },
      { action: 'power_off.start', state: 'active', task: 'powering-off', power: 'running' },
      { action: 'power_off.end', state: 'stopped', task: null, power: 'shutdown' },
      ...(i % 3 === 0 ? [{ action: 'delete.start', state: 'stopped', task: 'deleting', power: 'shutdown' }, { action: 'delete.end', state: 'deleted', task: null, power: 'shutdown' }]
        : i % 3 === 1 ? [{ action: 'power_on.end', state: 'active', task: null, power: 'running' }] : []),
    ];
    let us = vm.createdUs;
    for (const s of steps) {
      out.push(nova(exchange, vm, s, us));
      us += 1_000_000 + Math.floor(next() * 20_000_000);
    }
  }
  return out.sort((a, b) => a.us - b.us);
};

/** One /events line with its time, in nanoseconds. */
export type TimedLine = Readonly<{ ns: bigint; line: string }>;

/**
 * Lines about `containers` over a few seconds after `startNs`, in time order: each is started,
 * checked, signalled, dies, started again, paused, renamed or connected to a network, OOM-killed,
 * dies again, and some are started a third time or removed.
 */
export const containerLifecycles = (containers: readonly FakeContainer[], startNs: bigint, next: () => number): TimedLine[] => {
  const out: TimedLine[] = [];
  containers.forEach((c, i) => {
    const attrs = { ...c.labels, image: c.image, name: c.name };
    const netId = `${c.id.slice(0, 12)}net`;
    const steps: [string, string, Record<string, string>][] = [
      ['container', 'start', {}], ['container', 'health_status: healthy', {}], ['container', 'kill', { signal: '15' }], ['container', 'die', { exitCode: '143' }],
      ['container', 'start', {}], ['container', 'pause', {}], ['container', 'unpause', {}],
      i % 2 === 0 ? ['network', 'connect', { container: c.id, name: 'berth-dup', type: 'bridge' }] : ['container', 'rename', { name: `${c.name}-r`, oldName: `/${c.name}` }],
      ['container', 'health_status: unhealthy', {}], ['container', 'oom', {}], ['container', 'kill', { signal: '9' }], ['container', 'die', { exitCode: '137' }],
      ...(i % 2 === 0 ? [['network', 'disconnect', { container: c.id, name: 'berth-dup', type: 'bridge' }] as [string, string, Record<string, string>]] : []),
      ...(i % 3 === 0 ? [['container', 'start', {}] as [string, string, Record<string, string>]] : i % 3 === 1 ? [['container', 'destroy', {}] as [string, string, Record<string, string>]] : []),
    ];
    let ns = startNs + BigInt(i) * 7_000_000n;
    for (const [type, action, more] of steps) {
      out.push({ ns, line: eventLineAt(ns, type, action, type === 'network' ? netId : c.id, type === 'network' ? more : { ...attrs, ...more }) });
      ns += 1_000_000n + BigInt(Math.floor(next() * 50_000_000));
    }
  });
  return out.sort((a, b) => (a.ns < b.ns ? -1 : a.ns > b.ns ? 1 : 0));
};

/** The RabbitMQ connection (its Erlang pid) of whoever consumes `queue`: the daemon's. */
export const consumerConnection = async (queue: string): Promise<string> => {
  const consumers = (await exec('rabbitmqctl', ['list_consumers', '-q', '--no-table-headers', 'queue_name', 'channel_pid'])).stdout;
  const channel = consumers.split('\n').map((l) => l.split('\t')).find(([q]) => q === queue)?.[1];
  if (channel === undefined) throw new Error(`nobody consumes '${queue}'`);
  const channels = (await exec('rabbitmqctl', ['list_channels', '-q', '--no-table-headers', 'pid', 'connection'])).stdout;
  const conn = channels.split('\n').map((l) => l.split('\t')).find(([p]) => p === channel)?.[1];
  if (conn === undefined) throw new Error(`RabbitMQ lists no connection for channel ${channel}`);
  return conn;
};

/** Closes one AMQP connection from the broker's side: its unacked deliveries go back to their queues. */
export const closeConnection = async (conn: string): Promise<void> => {
  await exec('rabbitmqctl', ['close_connection', conn, 'berth fault suite: redelivery']);
};

/** Messages of `queue` waiting, and delivered to a consumer but not acked yet. */
export const queueDepth = async (queue: string): Promise<{ ready: number; unacked: number }> => {
  const rows = (await exec('rabbitmqctl', ['list_queues', '-q', '--no-table-headers', 'name', 'messages_ready', 'messages_unacknowledged'])).stdout;
  const row = rows.split('\n').map((l) => l.split('\t')).find(([q]) => q === queue);
  return { ready: Number(row?.[1] ?? 0), unacked: Number(row?.[2] ?? 0) };
};

const KINDS: readonly EntityKind[] = ['host', 'vm', 'container', 'cluster', 'stack', 'network', 'port', 'neutron'];

/** Every entity of a prefix's KV model as `<kind> <id>` → its JSON without `seq` (a stream position, which two streams never share). */
export const modelEntries = async (servers: string, prefix: string): Promise<Map<string, string>> => {
  const client = await ModelClient.open(servers, prefix);
  try {
    const view = await client.load(KINDS);
    const out = new Map<string, string>();
    for (const k of KINDS) for (const [id, v] of view[MAPS[k]] as Map<string, unknown>) out.set(`${k} ${id}`, JSON.stringify(withoutSeq(v)));
    return out;
  } finally {
    await client.close();
  }
};

/** Object keys sorted at every depth, so that equal values give equal JSON whichever code built them. */
const sortedKeys = (v: unknown): unknown =>
  Array.isArray(v) ? v.map(sortedKeys) : v === null || typeof v !== 'object' ? v : Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, x]) => [k, sortedKeys(x)]));

/** An entity with `seq` left out and its keys sorted. */
export const withoutSeq = (v: unknown): unknown =>
  sortedKeys(v === null || typeof v !== 'object' || Array.isArray(v) ? v : Object.fromEntries(Object.entries(v).filter(([k]) => k !== 'seq')));

/** Entities that are in one model only or differ, each with both JSON texts. */
export const modelDifferences = (a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): { key: string; a?: string; b?: string }[] => {
  const out: { key: string; a?: string; b?: string }[] = [];
  for (const key of new Set([...a.keys(), ...b.keys()])) {
    const [x, y] = [a.get(key), b.get(key)];
    if (x !== y) out.push({ key, ...(x === undefined ? {} : { a: x }), ...(y === undefined ? {} : { b: y }) });
  }
  return out;
};

/** A local inventory's entities as `modelEntries` gives them (through JSON, as the bucket holds them). */
export const inventoryEntries = (inv: Pick<Inventory, 'hosts' | 'containers' | 'networks' | 'clusters' | 'ports' | 'vms' | 'stacks' | 'neutron'>): Map<string, string> => {
  const out = new Map<string, string>();
  for (const k of KINDS) for (const [id, v] of inv[MAPS[k]] as Map<string, unknown>) out.set(`${k} ${id}`, JSON.stringify(withoutSeq(JSON.parse(JSON.stringify(v)))));
  return out;
};
