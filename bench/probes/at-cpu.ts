// Probe (not part of `npm run bench`): CPU of `--at T`'s phases in this process: modelAt (snapshot
// list and lazy restore, the log after it, the container and VM blocks gunzipped meanwhile on the
// thread pool), then a pass over every container and VM as `berth hosts` makes.
// usage: node --import tsx bench/probes/at-cpu.ts PREFIX EVENT_INDEX
import { connect } from '@nats-io/transport-node';
import { modelAt } from '../../daemon/query/log-reader.js';
import { storeNames } from '../../daemon/store/names.js';
import { atOf } from '../log/build.js';

const [prefix, index] = process.argv.slice(2);
if (prefix === undefined || index === undefined) throw new Error('usage: at-cpu.ts PREFIX EVENT_INDEX');
const cpu = (): number => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};
const c0 = cpu();
const nc = await connect({ servers: 'nats://127.0.0.1:4222', noAsyncTraces: true });
const c1 = cpu();
// The maps `berth hosts` goes through whole, read ahead as its list runner asks (see lazySnapshotOf).
const inv = await modelAt(nc, storeNames(prefix), atOf(Number(index)), { inflate: ['hosts', 'containers', 'vms'] });
const c2 = cpu();
let n = 0;
for (const c of inv.containers.values()) if (c.host !== '' && c.state === 'running') n += 1;
for (const v of inv.vms.values()) if (v.host !== null && v.availabilityZone !== '') n += 1;
const c3 = cpu();
await nc.close();
console.log(`connect ${(c1 - c0).toFixed(0)} modelAt ${(c2 - c1).toFixed(0)} pass ${(c3 - c2).toFixed(0)} total ${(c3 - c0).toFixed(0)} ms CPU; ${n}; rss ${process.memoryUsage().rss >> 20} MB`);
