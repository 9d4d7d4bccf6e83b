// A writer process for the chain tests: appends records rec-<from>..rec-<to-1> through the real
// Appender (sealing as --writer), printing how far the in-order acked prefix got, the way a source
// acks its input. Run: node --import tsx test/support/chain-writer.ts PREFIX WRITER FROM TO NATS_URL
import { connect } from '@nats-io/transport-node';
import type { EventRecord } from '../../events/envelope.js';
import { fromEpochMs } from '../../events/time.js';
import { createLogger } from '../../daemon/log.js';
import { Appender } from '../../daemon/store/append.js';
import { ensureStore } from '../../daemon/store/ensure.js';
import { storeNames } from '../../daemon/store/names.js';
import { sha256 } from '../../daemon/store/sha256.js';

const [prefix = 't', writer = 'w', fromText = '0', toText = '0', url = 'nats://127.0.0.1:4222'] = process.argv.slice(2);
const from = Number(fromText);
const to = Number(toText);
const nc = await connect({ servers: url });
const names = storeNames(prefix);
await ensureStore(nc, names);
const appender = new Appender(nc, names, createLogger({ quiet: true }), { chain: { writer, sha256, host: 'chain-test' } });

const record = (i: number): EventRecord => {
  const containerId = `c${i % 50}`;
  return {
    id: `rec-${i}`, type: 'ContainerStarted', v: 1, at: fromEpochMs(1_790_000_000_000 + i), observedAt: fromEpochMs(Date.now()),
    source: { kind: 'docker', host: 'chain-test' }, subject: { kind: 'container', id: containerId }, data: { containerId, attempt: process.pid },
  };
};

// The in-order acked prefix: a source acks message i only when every message before it is stored.
const acked = new Set<number>();
let upTo = from;
const tick = setInterval(() => process.stdout.write(`acked ${upTo} seals ${appender.seals}\n`), 50);
await Promise.all(Array.from({ length: to - from }, async (_, k) => {
  const i = from + k;
  await appender.append(record(i));
  acked.add(i);
  while (acked.has(upTo)) acked.delete(upTo++);
}));
await appender.drain();
clearInterval(tick);
process.stdout.write(`acked ${upTo} seals ${appender.seals}\ndone\n`);
appender.close();
await nc.drain();
