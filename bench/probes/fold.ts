// Probe (fresh process): reads a berth prefix's whole event stream from seq 1 and prints one JSON
// line. `raw`: the baseline, an ordered consumer with JSON.parse of every message and nothing
// else. `berth`: berth's own fold of the log into the model (modelAt with snapshots off, the path
// of `berth replay` and of `--at` without snapshots: readStream, parseRecord, applyEvent; the read
// on a thread of its own, see daemon/query/fold-thread.ts).
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { JsMsg } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { modelAt } from '../../daemon/query/log-reader.js';
import { storeNames } from '../../daemon/store/names.js';
import { fromEpochMs } from '../../events/time.js';

const [mode, prefix, url = 'nats://127.0.0.1:4222'] = process.argv.slice(2);
if ((mode !== 'raw' && mode !== 'raw-callback' && mode !== 'berth') || prefix === undefined) throw new Error('usage: fold.ts raw|raw-callback|berth PREFIX [NATS_URL]');
const names = storeNames(prefix);
const nc = await connect({ servers: url, noAsyncTraces: true });
const last = (await (await jetstreamManager(nc)).streams.info(names.stream)).state.last_seq;
const cpu0 = process.cpuUsage();
const t0 = performance.now();
let events = 0;
let entities = 0;
if (mode === 'raw') {
  const c = await jetstream(nc).consumers.get(names.stream, { filter_subjects: `${names.evtRoot}.>` });
  const iter = await c.consume({ max_messages: 1000 });
  for await (const m of iter) {
    JSON.parse(m.string());
    events += 1;
    if (m.seq >= last) break;
  }
  await iter.close();
} else if (mode === 'raw-callback') {
  // The raw read through consume's callback instead of the iterator (not a figure: 5-8 % faster
  // than `raw` on 2026-11-25, which the fold's baseline keeps, as the common way to read).
  const c = await jetstream(nc).consumers.get(names.stream, { filter_subjects: `${names.evtRoot}.>` });
  await new Promise<void>((resolve) => {
    let iter: { close: () => Promise<void | Error> } | undefined;
    void c.consume({ max_messages: 1000, callback: (m: JsMsg) => {
      JSON.parse(m.string());
      events += 1;
      if (m.seq < last) return;
      void iter?.close();
      resolve();
    } }).then((i) => { iter = i; });
  });
} else {
  // As `berth replay` asks (ModelClient.loadAt): the log read on a thread of its own when long (fold-thread.ts).
  const inv = await modelAt(nc, names, fromEpochMs(Date.UTC(2100, 0, 1)), { snapshots: false, thread: { connect: { url } } });
  events = inv.counters.events;
  entities = inv.hosts.size + inv.containers.size + inv.networks.size + inv.clusters.size + inv.ports.size + inv.vms.size + inv.stacks.size + inv.neutron.size;
}
const ms = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
await nc.close();
console.log(JSON.stringify({ mode, events, entities, ms, cpuMs: (cpu.user + cpu.system) / 1000, rate: (events / ms) * 1000 }));
