import test from 'ava';
import { requireOrdered } from '../../cli/list-runner.js';
import { berth } from '../support/daemon-harness.js';

test('a range whose start is after its end is refused, naming both flags; open or ordered ranges pass', (t) => {
  t.notThrows(() => requireOrdered('--since', undefined, '--until', '2026-11-25T00:00:00.000000000Z'));
  t.notThrows(() => requireOrdered('--from', '2026-11-25T00:00:00.000000000Z', '--to', '2026-11-25T00:00:00.000000000Z'));
  const err = t.throws(() => requireOrdered('--from', '2026-11-25T02:58:00.000000000Z', '--to', '2026-11-25T02:56:00.000000000Z'));
  t.is((err as { code?: string }).code, 'E_USAGE');
  t.regex(err?.message ?? '', /--from \(2026-11-25T02:58:00\.000000000Z\) is after --to \(2026-11-25T02:56:00\.000000000Z\)/);
});

test('diff --from after --to and events --since after --until exit 2 before connecting (the NATS given refuses connections)', async (t) => {
  t.timeout(60_000);
  const diff = await berth(['diff', '--from', '2h', '--to', '3h', '--nats', 'nats://127.0.0.1:1']);
  t.is(diff.code, 2, diff.stderr);
  t.regex(diff.stderr, /--from \(.*\) is after --to/);
  const events = await berth(['events', '--since', '2026-11-25T03:00', '--until', '2026-11-25T02:00', '--nats', 'nats://127.0.0.1:1']);
  t.is(events.code, 2, events.stderr);
  t.regex(events.stderr, /--since \(.*\) is after --until/);
  const named = await berth(['diff', '--from', 'soonish', '--nats', 'nats://127.0.0.1:1']);
  t.regex(named.stderr, /--from 'soonish' is not a time berth can read/, 'the flag the time came with');
});

test('events --type and --kind refuse what berth never records (exit 2), suggesting the name meant, before connecting', async (t) => {
  t.timeout(60_000);
  const type = await berth(['events', '--type', 'containerdied', '--nats', 'nats://127.0.0.1:1']);
  t.is(type.code, 2, type.stderr);
  t.regex(type.stderr, /--type 'containerdied' is not an event type berth records[\s\S]*Did you mean 'ContainerDied'\?/);
  const kind = await berth(['events', '--kind', 'vms', '--nats', 'nats://127.0.0.1:1']);
  t.is(kind.code, 2, kind.stderr);
  t.regex(kind.stderr, /Did you mean 'vm'\?/);
  // Known ones pass the check (and then find no NATS: exit 3).
  const ok = await berth(['events', '--type', 'ChainSealed', '--kind', 'chain', '--nats', 'nats://127.0.0.1:1']);
  t.is(ok.code, 3, ok.stderr);
});
