// Probe (not part of `npm run bench`): `--at T` from snapshots equals the fold of the whole log up
// to T (modelAt without snapshots), for event indexes of the bench's replay stream.
// usage: node --import tsx bench/probes/at-check.ts PREFIX INDEX... 
import { connect } from '@nats-io/transport-node';
import { modelAt } from '../../daemon/query/log-reader.js';
import { storeNames } from '../../daemon/store/names.js';
import { encodeInventory } from '../../events/inventory-codec.js';
import { atOf } from '../log/build.js';

const [prefix, ...indexes] = process.argv.slice(2);
if (prefix === undefined || indexes.length === 0) throw new Error('usage: at-check.ts PREFIX INDEX...');
const nc = await connect({ servers: 'nats://127.0.0.1:4222', noAsyncTraces: true });
const names = storeNames(prefix);
for (const i of indexes) {
  const at = atOf(Number(i));
  const t0 = performance.now();
  const fast = JSON.stringify(encodeInventory(await modelAt(nc, names, at)));
  const t1 = performance.now();
  const slow = JSON.stringify(encodeInventory(await modelAt(nc, names, at, { snapshots: false })));
  const t2 = performance.now();
  console.log(`${at}: ${fast === slow ? 'equal' : 'DIFFERENT'} (${fast.length} chars; with snapshots ${(t1 - t0).toFixed(0)} ms, without ${(t2 - t1).toFixed(0)} ms)`);
}
await nc.close();
