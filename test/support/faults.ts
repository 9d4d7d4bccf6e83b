// Helpers of the fault suite (test/faults/, `npm run test:faults`): the per-case counts every
// file adds to one summary table, and the bursts (AMQP notifications, Docker /events lines) the
// cases push through the real daemon.
import { appendFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExecutionContext } from 'ava';
import { connect as amqpConnect } from 'amqplib';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import { parseEventLine } from '../../daemon/sources/docker/ndjson.js';
import { storeNames } from '../../daemon/store/names.js';
import { dockerEventId } from '../../events/translate/docker.js';
import { novaVersioned } from './amqp.js';
import { berth } from './daemon-harness.js';
import { eventLine } from './fake-docker-engine.js';
import type { FakeContainer } from './fake-docker-engine.js';

/** One line of the summary: a fault case and what became of the source events it sent. */
export type FaultRow = Readonly<{ case: string; runs: number; sent: number; stored: number; lost: number; doubled: number }>;

/** Where every fault file appends its rows (scripts/test-faults.sh prints them as one table at the end). */
export const SUMMARY_FILE = process.env['BERTH_FAULTS_SUMMARY'] ?? join(tmpdir(), 'berth-faults-summary.jsonl');

const COLUMNS = ['case', 'runs', 'sent', 'stored', 'lost', 'doubled'] as const;

/** The rows as a fixed-width table. */
export const summaryTable = (rows: readonly FaultRow[]): string => {
  const cells = [COLUMNS.map(String), ...rows.map((r) => COLUMNS.map((c) => String(r[c])))];
  const widths = COLUMNS.map((_, i) => Math.max(...cells.map((l) => (l[i] ?? '').length)));
  return cells.map((l) => l.map((v, i) => (i === 0 ? v.padEnd(widths[i] ?? 0) : v.padStart(widths[i] ?? 0))).join('  ')).join('\n');
};

/** Adds a row to the suite's summary, logs it, and fails the test on any loss or doubling. */
export const report = (t: ExecutionContext, row: FaultRow): void => {
  appendFileSync(SUMMARY_FILE, JSON.stringify(row) + '\n');
  t.log(`\n${summaryTable([row])}`);
  t.is(row.lost, 0, `${row.case}: ${row.lost} of ${row.sent} source events lost`);
  t.is(row.doubled, 0, `${row.case}: ${row.doubled} source events stored more than once`);
};

/** Counts, for the ids a case sent, how many are in `storedIds` at all and how many extra copies there are. */
export const tally = (sent: Iterable<string>, storedIds: Iterable<string>): { sent: number; stored: number; lost: number; doubled: number } => {
  const want = new Set(sent);
  const copies = new Map<string, number>();
  for (const id of storedIds) if (want.has(id)) copies.set(id, (copies.get(id) ?? 0) + 1);
  let doubled = 0;
  for (const n of copies.values()) doubled += n - 1;
  return { sent: want.size, stored: copies.size, lost: want.size - copies.size, doubled };
};

/** A notification burst for one exchange: oslo 2.0 envelopes of Nova `instance.create.end`, each a new VM; `ids` are the stored event ids. */
export const notificationBurst = (tag: string, exchange: string, n: number): { ids: string[]; msgs: { exchange: string; routingKey: string; headers: Record<string, unknown>; body: string }[] } => {
  const ids: string[] = [];
  const msgs = Array.from({ length: n }, (_, i) => {
    const messageId = randomUUID();
    ids.push(`os-${messageId}`);
    const ts = `2026-11-23 10:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}.${String(i).padStart(6, '0')}`;
    return { exchange, routingKey: 'versioned_notifications.info', headers: {}, body: novaVersioned({ messageId, uuid: randomUUID(), name: `${tag}-${i}`, state: 'active', action: 'create', timestamp: ts }) };
  });
  return { ids, msgs };
};

// Actions the daemon records without inspecting the container (an inspect per line would measure the fake engine, not berth).
const DOCKER_ACTIONS = ['kill', 'die', 'stop', 'pause', 'unpause', 'health_status: healthy', 'oom'] as const;

/** Docker /events lines about `containers` (kills, exits, health), spread over them in turn, and the event id berth stores for each. */
export const dockerBurst = (host: string, containers: readonly Pick<FakeContainer, 'id' | 'name' | 'image'>[], n: number): { ids: string[]; lines: string[] } => {
  const ids: string[] = [];
  const lines = Array.from({ length: n }, (_, i) => {
    const action = DOCKER_ACTIONS[i % DOCKER_ACTIONS.length] ?? 'die';
    const c = containers[i % containers.length];
    if (c === undefined) throw new Error('dockerBurst needs containers');
    const attrs = { image: c.image, name: c.name, ...(action === 'die' ? { exitCode: String(i % 3) } : {}), ...(action === 'kill' ? { signal: '15' } : {}) };
    const line = eventLine('container', action, c.id, attrs);
    ids.push(dockerIdOf(host, line));
    return line;
  });
  return { ids, lines };
};

/** The id the daemon stores for one /events line (its own parser and id rule). */
export const dockerIdOf = (host: string, line: string): string => {
  const item = parseEventLine(line);
  if (item === null || !item.ok) throw new Error(`not an event line: ${line}`);
  return dockerEventId(host, item.event);
};

/** Messages in a prefix's event stream, read on an open connection (cheap enough to poll every few ms). */
export const streamMessages = async (nc: NatsConnection, prefix: string): Promise<number> =>
  (await (await jetstreamManager(nc)).streams.info(storeNames(prefix).stream)).state.messages;

/** A connection for polling, closed by the test's teardown. */
export const pollConnection = async (t: ExecutionContext, servers: string): Promise<NatsConnection> => {
  const nc = await connect({ servers: servers.split(',') });
  t.teardown(() => nc.close());
  return nc;
};

/** Resolves after `ms`. */
export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Messages on the subjects of a prefix's stream that match `filter` (`<prefix>.evt.container.>`). */
export const subjectMessages = async (nc: NatsConnection, prefix: string, filter: string): Promise<number> => {
  const info = await (await jetstreamManager(nc)).streams.info(storeNames(prefix).stream, { subjects_filter: filter });
  return Object.values(info.state.subjects ?? {}).reduce((n, c) => n + c, 0);
};

/**
 * Pushes lines to a fake engine in slices of `perSlice`, each after the previous ones are stored
 * but `maxBehind` (`stored()` counts them): an engine whose event ring always holds what the
 * daemon has not stored yet, whether it is reading, replaying or being restarted.
 */
export const pacedBehind = async (push: (line: string) => void, lines: readonly string[], stored: () => Promise<number>, maxBehind: number, perSlice = 100): Promise<void> => {
  const from = await stored();
  for (let i = 0; i < lines.length; i += perSlice) {
    while (i - ((await stored()) - from) > maxBehind) await sleep(20);
    for (const l of lines.slice(i, i + perSlice)) push(l);
    await sleep(5);
  }
};

/** `berth replay --json`: the daemon's live model against a fresh fold of the whole log. */
export const replayCheck = async (servers: string, prefix: string): Promise<{ code: number; differences: unknown[]; events: number }> => {
  const r = await berth(['replay', '--json', '--prefix', prefix, '--nats', servers]);
  const body = JSON.parse(r.stdout || '{}') as { differences?: unknown[]; events?: number };
  return { code: r.code, differences: body.differences ?? [{ error: r.stderr }], events: body.events ?? 0 };
};

/** What must never reach a terminal raw: C0 controls but newline, DEL, C1, U+2028/9 and the bidi embeddings, overrides and isolates. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;

/** One AMQP message exactly as given: body bytes, message id, headers (oslo's `compression`), on a confirm channel. */
export type RawAmqp = Readonly<{ exchange: string; routingKey: string; body: Buffer; messageId?: string; headers?: Record<string, unknown> }>;

export const publishRaw = async (url: string, messages: readonly RawAmqp[]): Promise<void> => {
  const conn = await amqpConnect(url);
  try {
    const ch = await conn.createConfirmChannel();
    for (const ex of new Set(messages.map((m) => m.exchange))) await ch.assertExchange(ex, 'topic', { durable: false });
    for (const m of messages) {
      ch.publish(m.exchange, m.routingKey, m.body, { contentType: 'application/json', deliveryMode: 2, headers: m.headers ?? {}, ...(m.messageId === undefined ? {} : { messageId: m.messageId }) });
    }
    await ch.waitForConfirms();
  } finally {
    await conn.close();
  }
};
