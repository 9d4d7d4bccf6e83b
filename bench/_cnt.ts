import { jetstreamManager } from '@nats-io/jetstream';
import { natsConnect, storedEvents } from './support/nats.js';
const nc = await natsConnect(); const jsm = await jetstreamManager(nc);
for (const p of process.argv.slice(2)) console.log(p, await storedEvents(jsm, p));
await nc.close();
