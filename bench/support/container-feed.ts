// Container records as the Docker source writes them: engine lines (real shape) through berth's
// translator, plus the inspect observation after a create. For the console benchmark's 10k rows
// and its steady stream of state changes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { jetstream } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { parseEventLine } from '../../daemon/sources/docker/ndjson.js';
import { containerObserved } from '../../daemon/sources/docker/records.js';
import { subjectOf } from '../../daemon/store/subjects.js';
import type { StoreNames } from '../../daemon/store/names.js';
import type { ContainerSnapshot } from '../../events/container.js';
import type { OpsEvent } from '../../events/ops-event.js';
import { fromEpochMs } from '../../events/time.js';
import { containerFromInspect } from '../../events/translate/docker-inspect.js';
import { translateDockerEvent } from '../../events/translate/docker.js';

const INSPECT = join(import.meta.dirname, '..', '..', '..', 'shared', 'corpus', 'docker', 'snapshot', 'container-inspect-ev-ports.json');
const HOST = 'bench-tui';

export const containerId = (i: number): string => `${'b'.repeat(40)}${i.toString(16).padStart(24, '0')}`;

/** One engine line for container `i`, translated as the Docker source does. */
export const engineRecord = (i: number, action: 'create' | 'start' | 'die', ms: number): OpsEvent => {
  const id = containerId(i);
  const nanos = `${BigInt(ms) * 1_000_000n + BigInt(i % 1_000_000)}`;
  const attrs: Record<string, string> = { image: 'berth-mini:latest', name: `tui-${i}`, app: `svc${i % 50}`, ...(action === 'die' ? { exitCode: '0' } : {}) };
  const line = JSON.stringify({ status: action, id, from: 'berth-mini:latest', Type: 'container', Action: action, Actor: { ID: id, Attributes: attrs }, scope: 'local', time: Math.floor(ms / 1000), timeNano: Number(nanos) }).replace(/"timeNano":\d+/, `"timeNano":${nanos}`);
  const item = parseEventLine(line);
  if (!item?.ok) throw new Error(`bad engine line: ${line}`);
  const [e] = translateDockerEvent(HOST, item.event, fromEpochMs(ms));
  return e as OpsEvent;
};

let inspected: ContainerSnapshot | null = null;

/** The create of container `i` and what an inspect then showed (a real inspect, re-keyed). */
export const createdRecords = (i: number, ms: number): OpsEvent[] => {
  inspected ??= containerFromInspect(JSON.parse(readFileSync(INSPECT, 'utf8')));
  if (inspected === null) throw new Error(`no container in ${INSPECT}`);
  const created = engineRecord(i, 'create', ms);
  const snap: ContainerSnapshot = { ...inspected, containerId: containerId(i), name: `tui-${i}`, state: 'running', labels: { ...inspected.labels, app: `svc${i % 50}` } };
  return [created, containerObserved({ host: HOST, at: created.at, observedAt: created.observedAt }, snap, created.id)];
};

/** Publishes records pipelined (Nats-Msg-Id = record id, as the appender does). */
export const publishRecords = async (nc: NatsConnection, names: StoreNames, records: readonly OpsEvent[]): Promise<void> => {
  const js = jetstream(nc, { timeout: 60_000 });
  for (let i = 0; i < records.length; i += 1024) {
    await Promise.all(records.slice(i, i + 1024).map((r) => js.publish(subjectOf(names, r.subject), JSON.stringify(r), { msgID: r.id })));
  }
};
