// A daemon killed between a request's ActionRequested and its outcome left the request open for
// good. The next daemon for that engine records it failed, outcome unknown, after a grace
// (BERTH_ORPHAN_GRACE_MS, shortened here), and says so in its log; requests of other engines are left alone.
import { randomUUID } from 'node:crypto';
import test from 'ava';
import { actionRecord } from '../../daemon/actions/records.js';
import type { RequestFacts } from '../../daemon/actions/records.js';
import { fromEpochMs } from '../../events/time.js';
import { berthJson, eventually, startDaemon } from '../support/daemon-harness.js';
import type { DaemonProc } from '../support/daemon-harness.js';
import { freshStore } from '../support/fresh-store.js';
import { LOCAL, LOCAL_ENGINE } from '../support/int-docker.js';

test.serial('a request left without an outcome by a killed daemon is recorded failed, outcome unknown, by the next daemon of its engine', async (t) => {
  t.timeout(120_000);
  const { prefix, appender } = await freshStore(t);
  let d: DaemonProc | undefined;
  t.teardown(async () => { await d?.stop(); });
  const asked = fromEpochMs(Date.now() - 60_000);
  const facts = (requestId: string, engine: string): RequestFacts => ({
    action: 'stop', responder: { kind: 'docker', name: engine },
    body: { requestId, target: { kind: 'container', id: 'f'.repeat(64), name: 'gone', host: engine }, by: { user: 'ops', host: 'desk' }, reason: 'before the crash', options: {} },
  });
  const mine = randomUUID();
  const theirs = randomUUID();
  for (const [id, engine] of [[mine, LOCAL], [theirs, 'another-engine']] as const) {
    await appender.append(actionRecord('ActionRequested', facts(id, engine), { by: { user: 'ops', host: 'desk' }, reason: 'before the crash', options: {} }, asked));
  }
  process.env['BERTH_ORPHAN_GRACE_MS'] = '500';
  t.teardown(() => { delete process.env['BERTH_ORPHAN_GRACE_MS']; });
  d = await startDaemon(prefix, ['-e', LOCAL_ENGINE]);
  type Failed = { id: string; data: { requestId: string; error: string; status: number | null } };
  const failed = await eventually('the lost request recorded', async () => {
    const f = await berthJson<Failed[]>(prefix, ['events', '--type', 'ActionFailed']);
    return f.length > 0 ? f : undefined;
  }, 30_000);
  t.deepEqual(failed.map((e) => e.data.requestId), [mine]);
  t.regex(failed[0]?.data.error ?? '', /whether it was carried out is unknown/);
  t.regex(d.err(), /had no outcome: its daemon stopped before it knew; recorded as failed, outcome unknown/);
});
