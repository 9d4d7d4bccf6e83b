import test from 'ava';
import { openCloud } from '../../../daemon/openstack/keystone.js';
import type { Logger } from '../../../daemon/log.js';
import { OpenStackApiSource } from '../../../daemon/sources/openstack-api/source.js';
import { fold } from '../../../events/inventory.js';
import type { Inventory } from '../../../events/inventory.js';
import type { OpsEvent } from '../../../events/ops-event.js';
import { DEFAULT_USER } from '../../support/fake-keystone.js';
import { startFakeZun } from '../../support/fake-zun.js';
import type { FakeZun } from '../../support/fake-zun.js';

const UUID = '11111111-2222-4333-8444-555555555555';

const recorder = () => {
  const lines: string[] = [];
  const recorded: OpsEvent[] = [];
  let inv: Inventory = fold([]);
  const log: Logger = { info: (m) => lines.push(`info ${m}`), warn: (m) => lines.push(`warn ${m}`), error: (m) => lines.push(`error ${m}`), event: () => undefined };
  return {
    lines, recorded, log, inventory: () => inv,
    record: async (events: readonly OpsEvent[]): Promise<void> => {
      recorded.push(...events);
      inv = fold(events, inv);
    },
  };
};

const envOf = (zun: FakeZun, password: string) => ({
  OS_AUTH_URL: zun.keystone.authUrl, OS_USERNAME: 'admin', OS_PASSWORD: password, OS_PROJECT_NAME: 'admin', OS_USER_DOMAIN_NAME: 'Default', OS_PROJECT_DOMAIN_NAME: 'Default',
});

test('the first read is the snapshot, later ones reconcile, and each records only what changed', async (t) => {
  const zun = await startFakeZun();
  zun.computes.set('compute-1', 'up');
  zun.containers.set(UUID, { uuid: UUID, name: 'z', host: 'compute-1' });
  const r = recorder();
  const source = new OpenStackApiSource(openCloud({ env: envOf(zun, DEFAULT_USER.password), files: [] }), r, { intervalMs: 60_000 });
  try {
    const first = await source.once();
    t.deepEqual(first.map((e) => e.type).sort(), ['HostServicesObserved', 'ZunContainerObserved']);
    t.true(first.every((e) => 'origin' in e.data && e.data.origin === 'snapshot'));
    t.deepEqual(await source.once(), []);
    zun.containers.set(UUID, { uuid: UUID, name: 'z', host: 'compute-1', status: 'Paused' });
    const third = await source.once();
    t.like(third, [{ type: 'ZunContainerDrifted', data: { origin: 'reconcile' } }]);
    t.is(r.inventory().containers.get(UUID)?.state, 'paused');
    t.regex(r.lines.join('\n'), /info OpenStack API snapshot of cloud 'envvars' \(password as 'admin'.*servers unread.*1 Zun containers, 1 hosts; 2 event\(s\) recorded/);
  } finally {
    await zun.close();
  }
});

test('a wrong password is logged as an error each interval; the source keeps running and never logs the password', async (t) => {
  const zun = await startFakeZun();
  const r = recorder();
  const stop = new AbortController();
  const wrong = 'Wrong-Pa55word!';
  const source = new OpenStackApiSource(openCloud({ env: envOf(zun, wrong), files: [] }), r, { intervalMs: 50 });
  const running = source.run(stop.signal);
  // Two failed reads prove it went on after the first; wait for them (a loaded machine is slow).
  for (let i = 0; i < 200 && r.lines.filter((l) => l.startsWith('error')).length < 2; i++) await new Promise((res) => setTimeout(res, 50));
  stop.abort();
  await running;
  const errors = r.lines.filter((l) => l.startsWith('error'));
  t.true(errors.length >= 2, `${errors.length} errors`);
  t.regex(errors[0] ?? '', /OpenStack API snapshot of cloud 'envvars' failed: Keystone at 'http:\/\/127\.0\.0\.1:\d+\/v3' refused to issue a token .* 401/);
  t.notRegex(r.lines.join('\n'), /Wrong-Pa55word/);
  t.deepEqual(r.recorded, []);
  await zun.close();
});

test('a stop during a read ends the source at once and records nothing from the cut-short read', async (t) => {
  let release: () => void = () => undefined;
  const hang = new Promise<void>((res) => { release = res; });
  const zun = await startFakeZun({ route: async (req) => {
    if (req.url?.includes('/v1/hosts') === true) await hang;
    return false;
  } });
  const r = recorder();
  const stop = new AbortController();
  const source = new OpenStackApiSource(openCloud({ env: envOf(zun, DEFAULT_USER.password), files: [] }), r, { intervalMs: 60_000 });
  const running = source.run(stop.signal);
  await new Promise((res) => setTimeout(res, 500));
  const t0 = Date.now();
  stop.abort();
  await running;
  t.true(Date.now() - t0 < 2000, `stopped in ${Date.now() - t0} ms`);
  t.deepEqual(r.recorded, []);
  t.false(r.lines.some((l) => l.startsWith('warn') || l.startsWith('error')), r.lines.join('\n'));
  release();
  await zun.close();
});
