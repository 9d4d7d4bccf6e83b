// A container's events that ask for an inspect and are read together (a burst's create, connect and
// start) get one inspect from the engine and one ContainerObserved, dated by the newest of them.
import test from 'ava';
import type { OpsEvent } from '../../events/ops-event.js';
import type { Recorded } from '../../events/envelope.js';
import { fromUnixNanos } from '../../events/time.js';
import type { DaemonProc } from '../support/daemon-harness.js';
import { dropPrefix, eventually, startDaemon, uniquePrefix } from '../support/daemon-harness.js';
import { eventLineAt, fakeContainer, startFakeEngine } from '../support/fake-docker-engine.js';
import { readAllEvents } from '../support/stream-reader.js';

test.serial('create, connect and start of one container read together are one inspect and one observation, at the newest of their times', async (t) => {
  const prefix = uniquePrefix();
  const c = fakeContainer(`${prefix}-burst`);
  const ns0 = BigInt(Date.now() - 5_000) * 1_000_000n;
  const attrs = { image: c.image, name: c.name };
  // Sent out of time order (start before connect), as an engine's lines may be: the newest time wins, not the last line.
  const times = { create: ns0, start: ns0 + 2_000_000n, connect: ns0 + 1_000_000n };
  const lines = [
    eventLineAt(times.create, 'container', 'create', c.id, attrs),
    eventLineAt(times.start, 'container', 'start', c.id, attrs),
    eventLineAt(times.connect, 'network', 'connect', '9361ab84cf96fcaafdbbc068d500af98e31a5cbf4a25cf65ae76b21c58afbaa6', { container: c.id, name: 'bridge', type: 'bridge' }),
  ];
  // The lines are the backlog every subscriber is sent first: the daemon reads all three before it
  // handles any (it handles events once its first re-list is done).
  const fake = await startFakeEngine([c], lines);
  let daemon: DaemonProc | undefined;
  t.teardown(async () => {
    await daemon?.stop();
    await fake.close();
    await dropPrefix(prefix);
  });
  daemon = await startDaemon(prefix, ['--engine', `fake=${fake.url}`, '--resync-interval', '3600']);
  const at = { create: fromUnixNanos(String(times.create)), connect: fromUnixNanos(String(times.connect)), start: fromUnixNanos(String(times.start)) };
  const eventTimes = new Set(Object.values(at));
  const observed = (all: readonly Recorded<OpsEvent>[]) => all.filter((e) => e.type === 'ContainerObserved' && e.subject.id === c.id && eventTimes.has(e.at));
  const all = await eventually('the three events and the observation they asked for', async () => {
    const events = await readAllEvents(prefix);
    const mine = events.filter((e) => e.subject.kind === 'container' && e.subject.id === c.id && e.type !== 'ContainerObserved');
    return mine.length >= 3 && observed(events).length >= 1 ? events : undefined;
  }, 30_000);
  // Anything the daemon would still store about them is stored by the time a second look is taken.
  await new Promise((r) => setTimeout(r, 1_000));
  const again = await readAllEvents(prefix);
  t.deepEqual(observed(again).map((e) => e.at), [at.start], `one observation, at the start's time (events: ${all.map((e) => `${e.type}@${e.at}`).join(', ')})`);
  const inspects = fake.requests.filter((r) => r.includes(`/containers/${c.id}/json`)).length;
  // One for the first re-list, one for the three events.
  t.is(inspects, 2, fake.requests.join('\n'));
});
