import test from 'ava';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import type { Container } from '../../events/container.js';
import { fold } from '../../events/inventory.js';
import type { OpsEvent } from '../../events/ops-event.js';
import { translateDockerEvent } from '../../events/translate/docker.js';
import { createLogger } from '../../daemon/log.js';
import { ModelClient } from '../../daemon/query/client.js';
import { Appender } from '../../daemon/store/append.js';
import { ensureStore } from '../../daemon/store/ensure.js';
import { storeNames } from '../../daemon/store/names.js';
import { berth, berthJson, dropPrefix, eventually, NATS_URL, startDaemon, uniquePrefix } from '../support/daemon-harness.js';
import { planAt } from '../../daemon/query/log-reader.js';
import { SnapshotStore } from '../../daemon/store/snapshots.js';
import type { SnapshotMeta } from '../../daemon/store/snapshots.js';
import { openStretchOf } from '../../daemon/store/stretch-times.js';
import type { OpenStretch } from '../../daemon/store/stretch-times.js';
import { CORPUS_HOST, loadScenario, scenarioNames } from '../support/corpus.js';
import { readAllEvents } from '../support/stream-reader.js';

const EV_LIFE = '07ec5f23b38d108b9aa1dd5fb70222b1ccc86cc9d54849badfcd9cc87e6ece2b';

/** Appends every Docker corpus scenario, translated, to a fresh stream: a real, long history. */
const seed = async (prefix: string): Promise<OpsEvent[]> => {
  const nc = await connect({ servers: NATS_URL });
  try {
    const names = storeNames(prefix);
    await ensureStore(nc, names);
    const events = scenarioNames().flatMap((s) => loadScenario(s).flatMap((m) => translateDockerEvent(CORPUS_HOST, m, '2026-11-23T12:00:00.000000000Z')));
    const appender = new Appender(nc, names, createLogger({ quiet: true }));
    await Promise.all(events.map((e) => appender.append(e)));
    return events;
  } finally {
    await nc.close();
  }
};

test.serial('--at equals a fold of exactly the events that happened before that time, at many random times', async (t) => {
  const prefix = uniquePrefix();
  t.teardown(() => dropPrefix(prefix));
  await seed(prefix);
  const stored = await readAllEvents(prefix);
  const times = stored.map((e) => e.at).sort();
  const client = await ModelClient.open(NATS_URL, prefix);
  t.teardown(() => client.close());
  let seedN = 7;
  const rnd = (): number => ((seedN = (seedN * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const picks = [times[0] as string, times.at(-1) as string, ...Array.from({ length: 14 }, () => times[Math.floor(rnd() * times.length)] as string)];
  for (const at of picks) {
    const view = await client.loadAt(at);
    const expected = fold(stored.filter((e) => e.at <= at));
    t.deepEqual(JSON.stringify([...view.containers.entries()]), JSON.stringify([...expected.containers.entries()]), `containers at ${at}`);
    t.deepEqual(JSON.stringify([...view.networks.entries()]), JSON.stringify([...expected.networks.entries()]), `networks at ${at}`);
  }
  // Through the CLI: in the middle of scenario 01, ev-life2 exists; at the end of the log it does not.
  const mid = stored.find((e) => e.type === 'ContainerRenamed')?.at as string;
  const then = await berthJson<Container[]>(prefix, ['ps', '--at', mid]);
  t.is(then.find((c) => c.containerId === EV_LIFE)?.name, 'ev-life2');
  const now = await berthJson<Container[]>(prefix, ['ps', '--at', 'now']);
  t.false(now.some((c) => c.containerId === EV_LIFE));
  const bad = await berth(['ps', '--at', 'yesterday-ish', '--prefix', prefix, '--nats', NATS_URL]);
  t.is(bad.code, 2);
  t.regex(bad.stderr, /--at 'yesterday-ish' is not a time berth can read/);
});

test.serial('history, events and diff on a corpus-derived log', async (t) => {
  const prefix = uniquePrefix();
  t.teardown(() => dropPrefix(prefix));
  const events = await seed(prefix);
  const mine = events.filter((e) => e.subject.kind === 'container' && e.subject.id === EV_LIFE);

  const steps = await berthJson<{ type: string; changes: { path: string; before: unknown; after: unknown }[]; after: unknown }[]>(prefix, ['history', 'container', EV_LIFE]);
  t.is(steps.length, mine.length);
  t.is(steps[0]?.type, 'ContainerCreated');
  const rename = steps.find((s) => s.type === 'ContainerRenamed');
  t.deepEqual(rename?.changes.find((c) => c.path === 'name'), { path: 'name', before: 'ev-life', after: 'ev-life2' });
  t.true(steps.some((s) => s.changes.some((c) => c.path === 'state' && c.before === 'created' && c.after === 'running')));
  t.is(steps.at(-1)?.type, 'ContainerDestroyed');
  t.is(steps.at(-1)?.after, null);
  const table = await berth(['history', 'container', EV_LIFE, '--prefix', prefix, '--nats', NATS_URL]);
  t.regex(table.stdout, /name: ev-life → ev-life2/);

  const lines = (await berth(['events', '--kind', 'container', '--id', EV_LIFE, '-o', 'json', '--prefix', prefix, '--nats', NATS_URL])).stdout.split('\n').filter(Boolean);
  t.is(lines.length, mine.length);
  const died = await berthJson<{ type: string }[]>(prefix, ['events', '--type', 'ContainerDied']);
  t.is(died.length, events.filter((e) => e.type === 'ContainerDied').length);
  t.true(died.every((e) => e.type === 'ContainerDied'));
  const created = mine[0]?.at as string;
  const windowed = await berthJson<{ at: string }[]>(prefix, ['events', '--since', created, '--until', created]);
  t.true(windowed.length >= 1 && windowed.every((e) => e.at === created));

  const renamed = mine.find((e) => e.type === 'ContainerRenamed')?.at as string;
  const diff = await berthJson<{ change: string; kind: string; id: string; fields: { path: string }[] }[]>(prefix, ['diff', '--from', created, '--to', renamed, '--kind', 'container']);
  t.true(diff.some((d) => d.id === EV_LIFE && d.change === 'changed' && d.fields.some((f) => f.path === 'name')));
  const whole = await berthJson<{ change: string; id: string }[]>(prefix, ['diff', '--from', created, '--kind', 'container']);
  t.true(whole.some((d) => d.id === EV_LIFE && d.change === 'vanished'));
});

test.serial('replay re-folds the log and finds the live model equal to it, and reports an entity the model lacks', async (t) => {
  const prefix = uniquePrefix();
  let d: Awaited<ReturnType<typeof startDaemon>> | undefined;
  t.teardown(async () => { await d?.stop(); await dropPrefix(prefix); });
  await seed(prefix);
  d = await startDaemon(prefix, ['--no-docker']);
  await d.stop();
  const same = await berth(['replay', '--prefix', prefix, '--nats', NATS_URL]);
  t.is(same.code, 0, same.stderr);
  t.regex(same.stdout, /the live model equals a fresh fold of the log/);
  // Take an entity out of the live model behind the daemon's back: replay must notice.
  const nc = await connect({ servers: NATS_URL });
  try {
    const { Kvm } = await import('@nats-io/kv');
    const kv = await new Kvm(nc).open(`${prefix.toUpperCase()}_MODEL`);
    t.truthy(await kv.get('host.vm'));
    await kv.delete('host.vm');
  } finally {
    await nc.close();
  }
  const differs = await berth(['replay', '--prefix', prefix, '--nats', NATS_URL]);
  t.is(differs.code, 5);
  t.regex(differs.stdout, /missing from the live model: host vm/);
});

test.serial('--at reads the stretch after the newest snapshot only where it can hold events before the time (the projector\'s meta tells its times), with the same answer', async (t) => {
  const prefix = uniquePrefix();
  let d: Awaited<ReturnType<typeof startDaemon>> | undefined;
  t.teardown(async () => { await d?.stop(); await dropPrefix(prefix); });
  d = await startDaemon(prefix, ['--no-docker', '--snapshot-every', '60']);
  const all = scenarioNames().flatMap((s) => loadScenario(s).flatMap((m) => translateDockerEvent(CORPUS_HOST, m, '2026-11-23T12:00:00.000000000Z')));
  // In order of time, but for one late arrival 30 events behind.
  const late = all.splice(all.length - 100, 1)[0] as OpsEvent;
  all.splice(all.length - 70, 0, late);
  // Held back: appended only when the newest snapshot ends up at the last event (a snapshot that
  // fell due during another's upload is taken when that one ends), which leaves no open stretch to
  // narrow a read with. Fewer than 60, so they make no snapshot of their own.
  const reserve = all.splice(all.length - 20, 20);
  const nc = await connect({ servers: NATS_URL });
  t.teardown(() => nc.close());
  const appender = new Appender(nc, storeNames(prefix), createLogger({ quiet: true }));
  const names = storeNames(prefix);
  const store = await SnapshotStore.open(nc, names, false);
  const jsm = await jetstreamManager(nc);
  // In blocks of 108, each followed by a wait (up to 10 s) for a snapshot in it: the projector
  // writes one snapshot at a time, and one that falls due meanwhile waits for it, so all 540 at once
  // can leave only one or two snapshots at spread-out points.
  for (let i = 0; i < all.length; i += 108) {
    for (const e of all.slice(i, i + 108)) await appender.append(e);
    const end = (await jsm.streams.info(names.stream)).state.last_seq;
    await eventually(`a snapshot after seq ${end - 108}`, async () => (((await store?.list()) ?? []).at(-1)?.seq ?? 0) > end - 108, 10_000).catch(() => undefined);
  }
  // Settled: the projector has folded everything and its meta starts where the newest snapshot ends.
  const settled = async (): Promise<{ snaps: SnapshotMeta[]; open: OpenStretch }> => {
    const lastSeq = (await jsm.streams.info(names.stream)).state.last_seq;
    return eventually('the meta to describe the stretch after the newest snapshot', async () => {
      const list = (await store?.list()) ?? [];
      const m = await jsm.streams.getMessage(`KV_${names.bucket}`, { last_by_subj: `$KV.${names.bucket}._meta` }).catch(() => null);
      const o = openStretchOf((m?.json() as { stretch?: unknown } | undefined)?.stretch ?? null);
      return list.length >= 3 && o !== null && o.after === list.at(-1)?.seq && o.to === lastSeq ? { snaps: list, open: o } : undefined;
    });
  };
  let { snaps, open } = await settled();
  if (open.to === open.after) {
    t.log(`the newest snapshot is at the last event (seq ${open.to}): appending ${reserve.length} more`);
    for (const e of reserve) await appender.append(e);
    all.push(...reserve);
    ({ snaps, open } = await settled());
  }
  t.true(open.to > open.after, `an open stretch after the newest snapshot (${JSON.stringify(open)})`);
  const stored = await readAllEvents(prefix);
  t.is(stored.length, all.length);
  const client = await ModelClient.open(NATS_URL, prefix);
  t.teardown(() => client.close());
  const times = stored.map((e) => e.at).sort();
  const picks = [times[0] as string, late.at, times.at(-1) as string, ...snaps.map((s) => s.maxAt as string), ...times.filter((_, i) => i % 17 === 0)];
  let narrowed = 0;
  for (const at of picks) {
    if (JSON.stringify(planAt(snaps, at, open).ranges) !== JSON.stringify(planAt(snaps, at).ranges)) narrowed += 1;
    const view = await client.loadAt(at);
    const expected = fold(stored.filter((e) => e.at <= at));
    for (const m of ['containers', 'networks', 'hosts', 'ports'] as const) {
      t.is(JSON.stringify([...view[m].entries()]), JSON.stringify([...expected[m].entries()]), `${m} at ${at}`);
    }
  }
  t.true(narrowed >= 3, `the open stretch narrowed the read for only ${narrowed} of ${picks.length} times`);
});

test.serial('with snapshots every 60 events and late arrivals, --at still equals a fold of exactly the events before the time; a restart starts from the newest snapshot', async (t) => {
  const prefix = uniquePrefix();
  let d: Awaited<ReturnType<typeof startDaemon>> | undefined;
  t.teardown(async () => { await d?.stop(); await dropPrefix(prefix); });
  d = await startDaemon(prefix, ['--no-docker', '--snapshot-every', '60']);
  const all = scenarioNames().flatMap((s) => loadScenario(s).flatMap((m) => translateDockerEvent(CORPUS_HOST, m, '2026-11-23T12:00:00.000000000Z')));
  // Blocks of 40 appended in reverse block order: the log's source times go back and forth (late arrivals).
  const blocks: OpsEvent[][] = [];
  for (let i = 0; i < all.length; i += 40) blocks.push(all.slice(i, i + 40));
  const nc = await connect({ servers: NATS_URL });
  t.teardown(() => nc.close());
  const appender = new Appender(nc, storeNames(prefix), createLogger({ quiet: true }));
  for (const b of [...blocks].reverse()) {
    await Promise.all(b.map((e) => appender.append(e)));
    await new Promise((r) => setTimeout(r, 150));
  }
  const stored = await readAllEvents(prefix);
  t.is(stored.length, all.length);
  await eventually('snapshots to be written', async () => (d?.err().match(/snapshot written at seq/g) ?? []).length >= 3, 30_000);
  const store = await SnapshotStore.open(nc, storeNames(prefix), false);
  const snaps = await store?.list() ?? [];
  t.true(snaps.length >= 3, JSON.stringify(snaps));
  const client = await ModelClient.open(NATS_URL, prefix);
  t.teardown(() => client.close());
  const times = stored.map((e) => e.at).sort();
  let seedN = 11;
  const rnd = (): number => ((seedN = (seedN * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const picks = [times[0] as string, times.at(-1) as string, ...snaps.map((s) => s.maxAt as string), ...Array.from({ length: 12 }, () => times[Math.floor(rnd() * times.length)] as string)];
  let usedSnapshot = 0;
  for (const at of picks) {
    if (planAt(snaps, at).base !== null) usedSnapshot += 1;
    const view = await client.loadAt(at);
    const expected = fold(stored.filter((e) => e.at <= at));
    t.is(JSON.stringify([...view.containers.entries()]), JSON.stringify([...expected.containers.entries()]), `containers at ${at}`);
    t.is(JSON.stringify([...view.networks.entries()]), JSON.stringify([...expected.networks.entries()]), `networks at ${at}`);
    t.is(JSON.stringify([...view.hosts.entries()]), JSON.stringify([...expected.hosts.entries()]), `hosts at ${at}`);
  }
  t.true(usedSnapshot >= 3, `only ${usedSnapshot} of ${picks.length} times started from a snapshot`);
  await d.stop();
  d = await startDaemon(prefix, ['--no-docker', '--snapshot-every', '60']);
  t.regex(d.err(), /model restored from the snapshot at seq \d+/);
  const same = await berth(['replay', '--prefix', prefix, '--nats', NATS_URL]);
  t.is(same.code, 0, same.stdout + same.stderr);
});
