import type { NatsConnection } from '@nats-io/transport-node';
import type { Recorded } from '../../events/envelope.js';
import { encodeToken } from '../../events/ids.js';
import { applyEvent, initialInventory } from '../../events/inventory.js';
import type { Inventory } from '../../events/inventory.js';
import type { OpsEvent } from '../../events/ops-event.js';
import { parseRecord } from '../../events/parse.js';
import type { CanonicalTime } from '../../events/time.js';
import type { StoreNames } from '../store/names.js';
import { readStream } from '../store/read.js';

/** Which part of the log to read: one entity's subject, one kind, or everything. */
export type LogScope = Readonly<{ kind?: string; id?: string }>;

export const scopeFilter = (names: StoreNames, s: LogScope): string =>
  s.kind === undefined ? `${names.evtRoot}.>` : s.id === undefined ? `${names.evtRoot}.${s.kind}.>` : `${names.evtRoot}.${s.kind}.${encodeToken(s.id)}`;

/**
 * Reads stored events in stream order (one subject per entity makes an entity's history a subject
 * filter, not a scan). Records this berth cannot read are counted in `skipped`, never thrown.
 */
export const readEvents = async (
  nc: NatsConnection, names: StoreNames, scope: LogScope,
  onEvent: (e: Recorded<OpsEvent>) => void,
  opts: Readonly<{ follow?: boolean; signal?: AbortSignal; onCaughtUp?: () => void }> = {},
): Promise<{ skipped: number }> => {
  let skipped = 0;
  await readStream(nc, {
    stream: names.stream, filter: scopeFilter(names, scope),
    ...(opts.follow === undefined ? {} : { follow: opts.follow }),
    ...(opts.signal === undefined ? {} : { signal: opts.signal }),
    ...(opts.onCaughtUp === undefined ? {} : { onCaughtUp: opts.onCaughtUp }),
  }, (m) => {
    const r = parseRecord(m.string(), m.seq);
    if (r.ok) onEvent(r.event);
    else skipped += 1;
  });
  return { skipped };
};

/**
 * The model as it was at `at`: a fold of exactly the events that happened (source time) at or
 * before it, in stream order. Until snapshots exist (issue 5) this replays the whole log.
 */
export const modelAt = async (nc: NatsConnection, names: StoreNames, at: CanonicalTime): Promise<Inventory> => {
  const inv = initialInventory();
  await readEvents(nc, names, {}, (e) => {
    if (e.at <= at) applyEvent(inv, e);
  });
  return inv;
};
