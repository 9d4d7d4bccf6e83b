// What the API source reads from the lab, made from the captured responses in
// test/fixtures/openstack-api (the same translation read-cloud.ts applies to live answers).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ApiSeen, Listing } from '../../../daemon/sources/openstack-api/reconcile.js';
import { apiStackFacts } from '../../../events/translate/openstack-api/heat.js';
import { hostServices, hypervisorOf, neutronAgent, novaService } from '../../../events/translate/openstack-api/hosts.js';
import { apiClusterSnapshot } from '../../../events/translate/openstack-api/magnum.js';
import { apiNetworkFacts, apiPortFacts } from '../../../events/translate/openstack-api/neutron.js';
import { serverApiFacts, serverFacts } from '../../../events/translate/openstack-api/nova.js';
import type { ServerContext } from '../../../events/translate/openstack-api/nova.js';
import { ROOT } from '../../support/daemon-harness.js';

export type Json = Record<string, unknown>;
export type LabRaw = { servers: Json[]; ports: Json[]; networks: Json[]; stacks: Json[]; clusters: Json[]; services: Json[]; agents: Json[]; hypervisors: Json[] };

const file = (name: string, key: string): Json[] =>
  (JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'openstack-api', `lab-${name}.json`), 'utf8')) as Record<string, Json[]>)[key] ?? [];

/** A fresh deep copy of the captured lab answers (tests edit it to play a change behind berth's back). */
export const labRaw = (): LabRaw => structuredClone({
  servers: file('servers', 'servers'), ports: file('ports', 'ports'), networks: file('networks', 'networks'), stacks: file('stacks', 'stacks'),
  clusters: file('clusters-creating', 'clusters'), services: file('services', 'services'), agents: file('agents', 'agents'), hypervisors: file('hypervisors', 'hypervisors'),
});

const str = (x: unknown): string => (typeof x === 'string' ? x : '');

/** The read as the source makes it; `projectOnly` as a non-admin would see it. */
export const seenOf = (r: LabRaw, projectOnly: string | null = null): ApiSeen => {
  const ctx: ServerContext = {
    hypervisorTypes: new Map(r.hypervisors.map((h) => [str(h['hypervisor_hostname']), str(h['hypervisor_type'])])),
    dockerImages: new Set(),
    portIds: new Map(r.ports.map((p) => [`${str(p['device_id'])}|${str(p['mac_address'])}`, str(p['id'])])),
  };
  const listing = <T>(items: Json[], f: (j: Json) => T): Listing<T> => ({ items: items.map((raw) => ({ facts: f(raw), raw })), projectOnly });
  return {
    servers: listing(r.servers, (s) => ({ vm: serverFacts(s, ctx), api: serverApiFacts(s, ctx) })),
    ports: listing(r.ports, apiPortFacts),
    networks: listing(r.networks, apiNetworkFacts),
    stacks: listing(r.stacks, apiStackFacts),
    clusters: listing(r.clusters, (c) => apiClusterSnapshot(c)),
    zunContainers: null,
    hosts: hostServices({
      services: [...r.services.map((s) => ({ host: str(s['host']), service: novaService(s) })), ...r.agents.map((a) => ({ host: str(a['host']), service: neutronAgent(a) }))],
      hypervisors: r.hypervisors.map(hypervisorOf),
      zunHosts: [],
    }),
  };
};

export const VM = 'f85dc252-f48b-4422-9081-8b19985d6851';
export const VM_PORT = 'da844553-9a6b-40c7-ad1f-e7c3a6e70354';
export const KURYR_PORT = '386f341a-bf59-44e9-a0ac-02c2e3d04eed';
export const PROJECT = '44651395eed9419ab023e549da075218';
