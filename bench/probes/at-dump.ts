// Probe (not part of `npm run bench`): writes the base snapshot for `--at T` (its bytes and index, as stored) to files, for offline timing of the restore.
// usage: node --import tsx bench/probes/at-dump.ts PREFIX EVENT_INDEX OUTDIR
import { writeFileSync } from 'node:fs';
import { connect } from '@nats-io/transport-node';
import { planAt } from '../../daemon/query/log-reader.js';
import { storeNames } from '../../daemon/store/names.js';
import { SnapshotStore } from '../../daemon/store/snapshots.js';
import { atOf } from '../log/build.js';

const [prefix, index, dir] = process.argv.slice(2);
if (prefix === undefined || index === undefined || dir === undefined) throw new Error('usage: at-dump.ts PREFIX EVENT_INDEX OUTDIR');
const nc = await connect({ servers: 'nats://127.0.0.1:4222', noAsyncTraces: true });
const store = await SnapshotStore.open(nc, storeNames(prefix), false);
if (store === null) throw new Error('no snapshots');
const plan = planAt(await store.list(), atOf(Number(index)));
if (plan.base === null) throw new Error('no base');
const os = (store as unknown as { os: { getBlob: (n: string) => Promise<Uint8Array | null> } }).os;
const pad = String(plan.base.seq).padStart(12, '0');
writeFileSync(`${dir}/snap`, (await os.getBlob(`snap-${pad}`)) as Uint8Array);
writeFileSync(`${dir}/idx`, (await os.getBlob(`idx-${pad}`)) as Uint8Array);
console.log(JSON.stringify({ ...plan.base, minAtFrom: undefined, sourceTimes: undefined }), JSON.stringify(plan.ranges));
await nc.close();
