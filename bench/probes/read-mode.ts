// Probe (fresh process, not part of `npm run bench`): reads a prefix's whole stream with an ordered
// consumer and JSON.parse of each message, through the async iterator (the fold figure's baseline)
// or through consume's callback; prints one JSON line. Usage: read-mode.ts iter|callback PREFIX [URL]
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { JsMsg } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { storeNames } from '../../daemon/store/names.js';

const [mode, prefix, batchArg = "1000", url = "nats://127.0.0.1:4222"] = process.argv.slice(2);
const batch = Number(batchArg);
if ((mode !== 'iter' && mode !== 'callback') || prefix === undefined) throw new Error('usage: read-mode.ts iter|callback PREFIX [URL]');
const names = storeNames(prefix);
const nc = await connect({ servers: url, noAsyncTraces: true });
const last = (await (await jetstreamManager(nc)).streams.info(names.stream)).state.last_seq;
const cpu0 = process.cpuUsage();
const t0 = performance.now();
let events = 0;
const c = await jetstream(nc).consumers.get(names.stream, { filter_subjects: `${names.evtRoot}.>` });
if (mode === 'iter') {
  const iter = await c.consume({ max_messages: batch });
  for await (const m of iter) {
    JSON.parse(m.string());
    events += 1;
    if (m.seq >= last) break;
  }
  await iter.close();
} else {
  await new Promise<void>((resolve) => {
    let iter: { close: () => Promise<void | Error> } | undefined;
    void c.consume({ max_messages: batch, callback: (m: JsMsg) => {
      JSON.parse(m.string());
      events += 1;
      if (m.seq >= last) {
        void iter?.close();
        resolve();
      }
    } }).then((i) => { iter = i; });
  });
}
const ms = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
await nc.close();
console.log(JSON.stringify({ mode, events, batch, ms, cpuMs: (cpu.user + cpu.system) / 1000, rate: (events / ms) * 1000 }));
