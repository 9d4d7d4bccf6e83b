// A notification dated far after the time berth read it (a compute node's clock running ahead, or a
// bad timestamp) is stored at the time berth read it, and the log says so: before, a VM created at
// "9999-12-31" ignored every later real change (the fold never lets an older event overwrite a newer one).
import { randomUUID } from 'node:crypto';
import test from 'ava';
import type { Vm } from '../../events/vm.js';
import { amqpDaemon, novaVersioned, publishAll } from '../support/amqp.js';
import { berthJson, eventually } from '../support/daemon-harness.js';

const nowOslo = (): string => new Date().toISOString().replace('T', ' ').replace('Z', '000');

test.serial('a VM created by a notification dated 9999 still takes a later power-off; the daemon warns of the clock ahead', async (t) => {
  t.timeout(180_000);
  const { prefix, exchange, daemon: d } = await amqpDaemon(t);
  const uuid = randomUUID();
  const send = (body: string) => publishAll([{ exchange, routingKey: 'versioned_notifications.info', body, headers: {} }]);
  await send(novaVersioned({ messageId: randomUUID(), uuid, name: `${prefix}-future`, state: 'active', action: 'create', timestamp: '9999-12-31 23:59:59.999999', host: 'skewed-1' }));
  await eventually('the VM', async () => ((await berthJson<Vm[]>(prefix, ['vms'])).some((v) => v.vmId === uuid) ? true : undefined));
  await send(novaVersioned({ messageId: randomUUID(), uuid, name: `${prefix}-now`, state: 'stopped', action: 'power_off', timestamp: nowOslo(), host: 'skewed-1' }));
  const vm = await eventually('the power-off', async () => (await berthJson<Vm[]>(prefix, ['vms'])).find((v) => v.vmId === uuid && v.state === 'stopped'), 60_000);
  t.is(vm.name, `${prefix}-now`);
  t.regex(d.err(), /openstack .*: event .* is dated 9999-12-31T23:59:59\.999999000Z, \d+ s after berth read it: its clock runs ahead/);
});
