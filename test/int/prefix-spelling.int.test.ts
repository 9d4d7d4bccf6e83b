// Stream and bucket names are the prefix in capitals with '-' as '_'; subjects are the prefix as
// given. Two spellings of one prefix (site-a, SITE_A) therefore name one stream with other subjects:
// the second is refused, by the daemon's store setup and by the read commands, and the first
// installation's stream keeps its subjects.
import test from 'ava';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { ensureStore } from '../../daemon/store/ensure.js';
import { storeNames } from '../../daemon/store/names.js';
import { ConfigError } from '../../events/errors.js';
import { berth, dropPrefix, NATS_URL, uniquePrefix } from '../support/daemon-harness.js';

test.serial('a prefix that differs from an installation\'s only in case or in - against _ is refused with the owner named; the owner\'s stream keeps its subjects', async (t) => {
  t.timeout(120_000);
  const own = `${uniquePrefix()}-a`;
  const other = own.replace('-', '_').toUpperCase();
  t.teardown(() => dropPrefix(own));
  const nc = await connect({ servers: NATS_URL });
  t.teardown(() => nc.close());
  await ensureStore(nc, storeNames(own));
  const err = await t.throwsAsync(ensureStore(nc, storeNames(other)), { instanceOf: ConfigError });
  t.regex(err?.message ?? '', new RegExp(`belongs to the prefix '${own}', not to '${other}'`));
  const jsm = await jetstreamManager(nc);
  t.deepEqual((await jsm.streams.info(storeNames(own).stream)).config.subjects, [`${own}.evt.>`]);
  t.deepEqual((await jsm.streams.info(storeNames(own).dlqStream)).config.subjects, [`${own}.dlq.>`]);
  // Setting the store up again under its own spelling still works (a restart).
  await t.notThrowsAsync(ensureStore(nc, storeNames(own)));

  const events = await berth(['events', '--prefix', other, '--json']);
  t.is(events.code, 2, events.stderr + events.stdout);
  t.is((JSON.parse(events.stdout) as { error: { code: string } }).error.code, 'E_CONFIG');
  t.regex(events.stdout, new RegExp(`--prefix ${own}`));
  const daemon = await berth(['daemon', '--prefix', other, '--no-docker', '--quiet']);
  t.is(daemon.code, 2, daemon.stderr);
  t.regex(daemon.stderr, /belongs to the prefix/);
  t.deepEqual((await jsm.streams.info(storeNames(own).stream)).config.subjects, [`${own}.evt.>`], 'the daemon left the owner\'s stream alone');
  // Its own spelling reads as before (an empty log).
  const mine = await berth(['events', '--prefix', own, '--json']);
  t.is(mine.code, 0, mine.stderr + mine.stdout);
});
