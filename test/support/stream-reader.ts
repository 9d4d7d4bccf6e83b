import { connect } from '@nats-io/transport-node';
import type { Recorded } from '../../events/envelope.js';
import type { OpsEvent } from '../../events/ops-event.js';
import { parseRecord } from '../../events/parse.js';
import { readStream } from '../../daemon/store/read.js';
import { NATS_URL } from './daemon-harness.js';

/** Every event of a test prefix's stream (on the shared NATS, or `servers`), parsed, in stream order; seals (tamper evidence) left out. */
export const readAllEvents = async (prefix: string, servers: string = NATS_URL): Promise<Recorded<OpsEvent>[]> => {
  const nc = await connect({ servers: servers.split(',') });
  const out: Recorded<OpsEvent>[] = [];
  try {
    await readStream(nc, { stream: `${prefix.toUpperCase()}_EVENTS`, filter: `${prefix}.evt.>` }, (m) => {
      const r = parseRecord(m.string(), m.seq);
      if (!r.ok) throw new Error(r.reason);
      if (r.event.type !== 'ChainSealed') out.push(r.event);
    });
  } finally {
    await nc.close();
  }
  return out;
};
