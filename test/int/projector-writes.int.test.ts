// The projector keeps the model's bucket equal to the fold, writing each changed entity once per
// flush: a burst of changes to one entity is one put of its last value, not one put per change.
import test from 'ava';
import type { KV } from '@nats-io/kv';
import { createLogger } from '../../daemon/log.js';
import { Projector } from '../../daemon/projector.js';
import { ensureStore } from '../../daemon/store/ensure.js';
import { entityKey } from '../../events/ids.js';
import type { OpsEvent } from '../../events/ops-event.js';
import { aContainerCreated, aContainerDied, aContainerStarted } from '../support/builders.js';
import { eventually } from '../support/daemon-harness.js';
import { freshStore } from '../support/fresh-store.js';

test.serial('100 changes to one container appended at once are a few puts of its key, and the bucket ends with its last state', async (t) => {
  const { nc, names, appender } = await freshStore(t);
  const { kv } = await ensureStore(nc, names);
  const puts = new Map<string, number>();
  const counting = Object.create(kv) as KV;
  counting.put = async (k, v, o) => {
    puts.set(k, (puts.get(k) ?? 0) + 1);
    return kv.put(k, v, o);
  };
  const log = createLogger({ quiet: true, level: 'silent' });
  const projector = new Projector(nc, names, counting, log, null, { every: 0, keep: 1 });
  const stop = new AbortController();
  t.teardown(() => stop.abort());
  // Live before the burst: the changes are folded one by one as they are read back.
  await projector.start(stop.signal);
  const at = (i: number): string => `2026-11-25T07:00:${String(i % 60).padStart(2, '0')}.${String(i).padStart(9, '0')}Z`;
  const burst: OpsEvent[] = [aContainerCreated({ at: at(0), name: 'burst' })];
  for (let i = 1; i < 100; i++) burst.push(i % 2 === 1 ? aContainerStarted({ at: at(i) }) : aContainerDied({ at: at(i), exitCode: i }));
  await Promise.all(burst.map((e) => appender.append(e)));
  await eventually('the projector to fold the burst', async () => projector.processedSeq === 100, 20_000);
  await projector.flush();
  const key = entityKey('container', 'c1');
  const written = puts.get(key) ?? 0;
  // One put per change was 100; one per flush (20 ms) is a handful even on a loaded machine.
  t.log(`puts of ${key}: ${written}`);
  t.true(written >= 1 && written <= 25, `puts of ${key}: ${written}`);
  const stored = (await kv.get(key))?.json() as { state?: string } | undefined;
  const folded = projector.inventory.containers.get('c1');
  t.is(folded?.state, 'running', 'the last change (seq 100) started it');
  t.is(stored?.state, folded?.state, 'the bucket holds the folded last state');
  // The timer's flush may still have writes in flight when this one returns.
  await eventually('every model write acknowledged', async () => projector.pendingModelWrites === 0, 10_000);
});
