// Probe (fresh process, not part of `npm run bench`): where the time of one `--at T` goes, phase by
// phase, on a prefix with snapshots (the bench's replay stream): the snapshot list, the read of the
// base snapshot's bytes, gunzip, parse and decode, then the stretches of the log after it.
// usage: [NOSNAP=1] [ENDSEQ=n] node --import tsx bench/probes/at-phases.ts PREFIX EVENT_INDEX [NATS_URL]
import { gunzipSync } from 'node:zlib';
import { connect } from '@nats-io/transport-node';
import { planAt } from '../../daemon/query/log-reader.js';
import { storeNames } from '../../daemon/store/names.js';
import { parseJsonPieces } from '../../daemon/store/json-pieces.js';
import { readStream } from '../../daemon/store/read.js';
import { SnapshotStore } from '../../daemon/store/snapshots.js';
import { applyEvent, initialInventory } from '../../events/inventory.js';
import { decodeInventory } from '../../events/inventory-codec.js';
import { parseRecord, parseRecordForFold, recordTimeOf } from '../../events/parse.js';
import { atOf } from '../log/build.js';

const [prefix, index, url = 'nats://127.0.0.1:4222'] = process.argv.slice(2);
if (prefix === undefined || index === undefined) throw new Error('usage: at-phases.ts PREFIX EVENT_INDEX [NATS_URL]');
const at = atOf(Number(index));
const names = storeNames(prefix);
const phases: [string, number, number][] = [];
let t = performance.now();
let c = process.cpuUsage();
const lap = (name: string): void => {
  const now = performance.now();
  const cpu = process.cpuUsage(c);
  phases.push([name, now - t, (cpu.user + cpu.system) / 1000]);
  t = now;
  c = process.cpuUsage();
};
const nc = await connect({ servers: url, noAsyncTraces: true });
lap('connect');
const store = await SnapshotStore.open(nc, names, false);
const snaps = store === null || process.env['NOSNAP'] !== undefined ? [] : await store.list();
const plan = planAt(snaps, at);
lap(`list ${snaps.length} snapshots`);
let inv = initialInventory();
if (plan.base !== null && store !== null) {
  const os = (store as unknown as { os: { getBlob: (n: string) => Promise<Uint8Array | null> } }).os;
  const data = await os.getBlob(`snap-${String(plan.base.seq).padStart(12, '0')}`);
  lap(`read snapshot ${plan.base.seq} (${data?.length ?? 0} bytes)`);
  const json = gunzipSync(data as Uint8Array);
  lap(`gunzip (${json.length} bytes)`);
  const parsed = parseJsonPieces(json);
  lap('parse');
  inv = decodeInventory(parsed);
  lap('decode');
}
let read = 0;
let applied = 0;
for (const r of plan.ranges) {
  const to = r.to ?? (process.env['ENDSEQ'] === undefined ? undefined : Number(process.env['ENDSEQ']));
  await readStream(nc, { stream: names.stream, filter: `${names.evtRoot}.>`, startSeq: r.from, ...(to === undefined ? {} : { endSeq: to }) }, (m) => {
    read += 1;
    const time = process.env['OLD'] === undefined ? recordTimeOf(m.data) : null;
    if (time !== null && time > at) return;
    const rec = process.env['OLD'] === undefined ? parseRecordForFold(m.data, m.seq) : parseRecord(m.string(), m.seq);
    if (rec.ok && rec.event.at <= at) {
      applyEvent(inv, rec.event);
      applied += 1;
    }
  });
}
lap(`fold: ${JSON.stringify(plan.ranges)}, read ${read}, applied ${applied}`);
await nc.close();
for (const [name, ms, cpu] of phases) console.log(`${ms.toFixed(0).padStart(7)} ms ${cpu.toFixed(0).padStart(7)} ms CPU  ${name}`);
