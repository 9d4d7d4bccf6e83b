import test from 'ava';
import { DEFAULT_SNAPSHOTS, snapshotDue } from '../../daemon/projector.js';

const policy = { every: 10_000, keep: 48 };

test('a small model gets a snapshot every `every` events, not before', (t) => {
  t.false(snapshotDue(policy, 9_999, 500));
  t.true(snapshotDue(policy, 10_000, 500));
  t.true(snapshotDue(policy, 10_000, 40_000));
});

test('a big model spaces snapshots at a quarter of its entity count', (t) => {
  // 107,000 entities: the bench's model near the end of its 1,000,000-event stream.
  t.false(snapshotDue(policy, 10_000, 107_000));
  t.false(snapshotDue(policy, 26_749, 107_000));
  t.true(snapshotDue(policy, 26_750, 107_000));
});

test('every 0 never snapshots, whatever the model', (t) => {
  t.false(snapshotDue({ every: 0, keep: 48 }, 1_000_000, 0));
  t.false(snapshotDue({ every: 0, keep: 48 }, 1_000_000, 10));
});

test('the default is every 10,000 events, the newest 48 kept', (t) => {
  t.deepEqual(DEFAULT_SNAPSHOTS, { every: 10_000, keep: 48 });
});
