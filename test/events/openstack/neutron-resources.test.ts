import test from 'ava';
import { entityKey } from '../../../events/ids.js';
import { fold } from '../../../events/inventory.js';
import type { OpsEvent } from '../../../events/ops-event.js';
import type { NeutronResourceObserved } from '../../../events/neutron-resource.js';
import type { NeutronPortObserved } from '../../../events/openstack-port.js';
import { entriesOf } from '../../../cli/commands/get.js';
import { floatingIpsByPort, networkRows } from '../../../cli/lists/networks.js';
import { portRows } from '../../../cli/lists/others.js';
import { readCorpus, translateBody } from '../../support/openstack-corpus.js';

const SL = 'neutron/searchlight/';
const FIP = '1a124625-4c71-4d20-a65b-3cf34465dab2';
const FIP_PORT = '163da95e-740d-4fe0-a8ee-91b77bb5ae33';

/** A corpus notification's payload and type, re-sent as a bare oslo 1.0 body at a time of our choosing. */
const at = (file: string, second: number, id = `${file}-${second}`): OpsEvent[] => {
  const n = JSON.parse(readCorpus(SL + file)) as { event_type: string; payload: unknown; publisher_id: string };
  const body = JSON.stringify({
    message_id: id, event_type: n.event_type, payload: n.payload, publisher_id: n.publisher_id, priority: 'INFO',
    timestamp: `2026-11-23 03:12:${String(second).padStart(2, '0')}.000000`,
  });
  return translateBody(body);
};

const fipLife = (): OpsEvent[][] => [
  at('floatingips__floatingip.create.end.json', 1),
  at('floatingips__floatingip.associate.end.json', 2),
  at('floatingips__floatingip.disassociate.end.json', 3),
];

test('subnets, routers, floating IPs and security groups become model entities, not audit-only notes', (t) => {
  const inv = fold([
    ...at('networks__network.create.end.json', 0), ...at('subnets__subnet.create.end.json', 1),
    ...at('routers__router.create.end.json', 2), ...at('routers__router.gateway.set.json', 3),
    ...at('security__security_group.create.end.json', 4), ...at('floatingips__floatingip.associate.end.json', 5),
  ]);
  const byType = Object.fromEntries([...inv.neutron.values()].map((r) => [r.resource, r]));
  t.is(byType['subnet']?.address, '192.168.40.0/24');
  t.is(byType['subnet']?.fixedAddress, '192.168.40.1');
  t.is(byType['subnet']?.detail, 'IPv4, DHCP off');
  t.is(byType['router']?.name, 'renamed router');
  t.is(byType['router']?.networkId, '8891323e-bf5b-48d7-a75e-669af0608538');
  t.is(byType['router']?.address, '172.25.0.3');
  t.regex(byType['security_group']?.detail ?? '', /^\d+ rules, A test security group$/);
  t.is(byType['floatingip']?.portId, FIP_PORT);
  t.is(byType['floatingip']?.address, '172.25.0.20');
  t.is(byType['floatingip']?.fixedAddress, '172.40.0.6');
});

test('a floating IP follows associate and disassociate, whatever order they arrive in', (t) => {
  const inOrder = fold(fipLife().flat());
  t.is(inOrder.neutron.get(FIP)?.portId, '');
  t.is(inOrder.neutron.get(FIP)?.detail, 'not associated');
  const shuffled = fold([...fipLife()].reverse().flat());
  t.deepEqual(shuffled.neutron.get(FIP), inOrder.neutron.get(FIP));
  const withDuplicates = fold([...fipLife().flat(), ...fipLife()[1] as OpsEvent[]]);
  t.deepEqual(withDuplicates.neutron.get(FIP), inOrder.neutron.get(FIP));
});

test('a deleted floating IP stays deleted when an older update arrives after the delete', (t) => {
  const inv = fold([...at('floatingips__floatingip.create.end.json', 1), ...at('floatingips__floatingip.delete.end.json', 4), ...at('floatingips__floatingip.associate.end.json', 2)]);
  t.false(inv.neutron.has(FIP));
  t.true(inv.tombstones.has(entityKey('neutron', FIP)));
});

test('berth networks lists the network with its subnet CIDRs, then its subnet, router and floating IP; filters narrow it', (t) => {
  const inv = fold([
    ...at('networks__network.create.end.json', 0), ...at('subnets__subnet.create.end.json', 1),
    ...at('routers__router.create.end.json', 2), ...at('floatingips__floatingip.associate.end.json', 3),
  ]);
  const rows = networkRows(inv, {});
  t.deepEqual(rows.map((r) => r.type), ['network', 'subnet', 'router', 'floatingip']);
  t.is(rows[1]?.network, '7a95c19d-9abc-4651-b491-f2345994e956');
  t.is(rows[0]?.id, '7a95c19d-9abc-4651-b491-f2345994e956');
  t.is(rows[0]?.source, 'neutron');
  t.is(rows[0]?.address, '192.168.40.0/24');
  t.deepEqual(networkRows(inv, { type: 'floatingip' }).map((r) => r.id), [FIP]);
  t.deepEqual(networkRows(inv, { project: 'nobody' }), []);
  t.deepEqual(networkRows(inv, { project: '5fe7c4e4e492490393c674089a178e19' }).map((r) => r.type), ['network', 'subnet', 'router', 'floatingip']);
  t.deepEqual(networkRows(inv, { network: '7a95c19d-9abc-4651-b491-f2345994e956' }).map((r) => r.type).filter((x) => x === 'subnet'), ['subnet']);
  // A network by id prefix or by name, a project by its first characters.
  const net = rows[0]?.name ?? '';
  t.true(net !== '');
  for (const ref of ['7a95c19d', net]) t.deepEqual(networkRows(inv, { network: ref }).map((r) => r.type).filter((x) => x !== 'floatingip'), ['network', 'subnet'], ref);
  t.deepEqual(networkRows(inv, { project: '5fe7c4e4' }).map((r) => r.type), ['network', 'subnet', 'router', 'floatingip']);
  // A network the model has no row for (the public one of floating IPs): its full id still finds what is on it.
  const noNet = fold([...at('subnets__subnet.create.end.json', 1)]);
  t.deepEqual(networkRows(noNet, { network: '7a95c19d-9abc-4651-b491-f2345994e956' }).map((r) => r.type), ['subnet']);
});

test('berth ports shows the floating IP on the Neutron port it is associated with', (t) => {
  const port = at('ports__port.create.end.json', 0)[0] as NeutronPortObserved;
  const fip = at('floatingips__floatingip.associate.end.json', 1)[0] as NeutronResourceObserved;
  // Point the corpus floating IP at the corpus port (the two files come from different runs).
  const linked: NeutronResourceObserved = { ...fip, data: { resource: { ...fip.data.resource, portId: port.data.port.portId } } };
  const inv = fold([port, linked]);
  t.deepEqual(floatingIpsByPort(inv).get(port.data.port.portId), ['172.25.0.20']);
  const rows = portRows(inv, {});
  t.deepEqual(rows.find((r) => r.id === port.data.port.portId)?.floatingIps, ['172.25.0.20']);
  // berth get port shows them too.
  const got = entriesOf(inv as unknown as Parameters<typeof entriesOf>[0], 'port').find((e) => e.id === port.data.port.portId)?.value as { floatingIps?: string[] } | undefined;
  t.deepEqual(got?.floatingIps, ['172.25.0.20']);
  t.is(portRows(inv, { kind: 'docker-published' }).length, 0);
  t.is(portRows(inv, { project: 'no-such-project' }).length, 0);
});
