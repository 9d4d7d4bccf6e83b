import type { NetworkSnapshot } from '../../../events/network.js';
import type { ApiOrigin } from '../../../events/openstack-api.js';
import type { NeutronPortFacts } from '../../../events/openstack-port.js';
import type { ZunContainerFacts } from '../../../events/openstack-api.js';
import type { ClusterSnapshot } from '../../../events/cluster.js';
import { apiStackFacts } from '../../../events/translate/openstack-api/heat.js';
import { hostServices, hypervisorOf, neutronAgent, novaService, zunService } from '../../../events/translate/openstack-api/hosts.js';
import { apiClusterSnapshot } from '../../../events/translate/openstack-api/magnum.js';
import { apiNetworkFacts, apiPortFacts } from '../../../events/translate/openstack-api/neutron.js';
import { serverApiFacts, serverFacts } from '../../../events/translate/openstack-api/nova.js';
import type { ServerContext } from '../../../events/translate/openstack-api/nova.js';
import { zunContainerFacts, zunHostFacts } from '../../../events/translate/openstack-api/zun.js';
import type { Logger } from '../../log.js';
import type { Cloud } from '../../openstack/keystone.js';
import { OpenStackApiError } from '../../openstack/keystone.js';
import { listAll } from './list-all.js';
import type { ApiSeen, Listing, Seen } from './reconcile.js';

type Json = Record<string, unknown>;

/** Nova 2.53: hypervisors and services by uuid; from 2.47 a server's flavor carries `original_name`. */
export const NOVA_HEADERS = { 'OpenStack-API-Version': 'compute 2.53', 'X-OpenStack-Nova-API-Version': '2.53' };
const MAGNUM_HEADERS = { 'OpenStack-API-Version': 'container-infra latest' };
const ZUN_HEADERS = { 'OpenStack-API-Version': 'container latest' };

const str = (x: unknown): string => (typeof x === 'string' ? x : '');

/**
 * Reads everything the API source watches, in parallel. A listing that fails is logged and comes
 * back null (nothing of its kind is judged this time); a service missing from the catalog is
 * simply not read (Zun is optional, and a Zun-only cloud has no Nova).
 */
export const readCloud = async (cloud: Cloud, log: Logger, origin: ApiOrigin, signal?: AbortSignal): Promise<ApiSeen> => {
  const scope = await cloud.scope();
  const admin = scope.roles.includes('admin');
  const project = scope.projectId;
  const [hasNova, hasNet, hasHeat, hasMagnum, hasZun, hasImage] = await Promise.all(
    ['compute', 'network', 'orchestration', 'container-infra', 'container', 'image'].map((t) => cloud.hasService(t)),
  );
  const attempt = async (what: string, read: () => Promise<Json[]>): Promise<Json[] | null> => {
    try {
      return await read();
    } catch (err) {
      // Stopping fails the requests in flight: that is no news about the cloud.
      if (signal?.aborted !== true) log.warn(`OpenStack API ${origin}: could not list ${what} of cloud '${cloud.name}': ${(err as Error).message}`);
      return null;
    }
  };
  const none = async (): Promise<Json[]> => [];
  const [services, hypervisors, agents, zunHosts, zunServices, images, ports, networks, servers, clusters, zunContainers, stacks] = await Promise.all([
    hasNova ? attempt('compute services', () => listAll(cloud, 'compute', '/os-services', 'services', NOVA_HEADERS)) : none(),
    hasNova ? attempt('hypervisors', () => listAll(cloud, 'compute', '/os-hypervisors/detail', 'hypervisors', NOVA_HEADERS)) : none(),
    hasNet ? attempt('network agents', () => listAll(cloud, 'network', '/v2.0/agents', 'agents')) : none(),
    hasZun ? attempt('Zun hosts', () => listAll(cloud, 'container', '/v1/hosts', 'hosts', ZUN_HEADERS)) : none(),
    hasZun ? attempt('Zun services', () => listAll(cloud, 'container', '/v1/services', 'services', ZUN_HEADERS)) : none(),
    hasImage ? attempt('Docker images', () => listAll(cloud, 'image', '/v2/images?container_format=docker', 'images')) : none(),
    hasNet ? attempt('ports', () => listAll(cloud, 'network', '/v2.0/ports', 'ports')) : null,
    hasNet ? attempt('networks', () => listAll(cloud, 'network', '/v2.0/networks', 'networks')) : null,
    hasNova ? attempt('servers', () => listAll(cloud, 'compute', admin ? '/servers/detail?all_tenants=1' : '/servers/detail', 'servers', NOVA_HEADERS)) : null,
    hasMagnum ? attempt('Magnum clusters', () => listAll(cloud, 'container-infra', '/clusters/detail', 'clusters', MAGNUM_HEADERS)) : null,
    hasZun ? attempt('Zun containers', () => listAll(cloud, 'container', admin ? '/v1/containers?all_projects=1' : '/v1/containers', 'containers', ZUN_HEADERS)) : null,
    hasHeat ? readStacks(cloud, log, origin) : null,
  ]);
  const projectOnly = admin ? null : project;
  const listing = <T>(items: Json[] | null, facts: (j: Json) => T): Listing<T> =>
    items === null ? null : { items: items.map((raw): Seen<T> => ({ facts: facts(raw), raw })), projectOnly };
  const ctx: ServerContext = {
    hypervisorTypes: new Map((hypervisors ?? []).map((h) => [str(h['hypervisor_hostname']), str(h['hypervisor_type'])])),
    dockerImages: new Set((images ?? []).map((i) => str(i['id']))),
    portIds: new Map((ports ?? []).map((p) => [`${str(p['device_id'])}|${str(p['mac_address'])}`, str(p['id'])])),
  };
  const hostsRead = services !== null && hypervisors !== null && agents !== null && zunHosts !== null && zunServices !== null;
  return {
    servers: listing(servers, (s) => ({ vm: serverFacts(s, ctx), api: serverApiFacts(s, ctx) })),
    ports: listing<NeutronPortFacts>(ports, apiPortFacts),
    networks: listing<NetworkSnapshot>(networks, apiNetworkFacts),
    stacks: stacks === null ? null : { items: stacks.items.map((raw) => ({ facts: apiStackFacts(raw), raw })), projectOnly: stacks.projectOnly },
    clusters: listing<ClusterSnapshot>(clusters, (c) => apiClusterSnapshot(c)),
    zunContainers: listing<ZunContainerFacts>(zunContainers, zunContainerFacts),
    hosts: !hostsRead ? null : hostServices({
      services: [
        ...services.map((s) => ({ host: str(s['host']), service: novaService(s) })),
        ...agents.map((a) => ({ host: str(a['host']), service: neutronAgent(a) })),
        ...zunServices.map((s) => ({ host: str(s['host']), service: zunService(s) })),
      ],
      hypervisors: hypervisors.map(hypervisorOf),
      zunHosts: zunHosts.map(zunHostFacts),
    }),
  };
};

/**
 * Heat stacks of every project (`global_tenant`), nested ones included (notifications name them
 * too). Heat's policy may refuse `global_tenant` even to admins (Zed's defaults do): then the
 * token's project only, and only its stacks can be found gone.
 */
const readStacks = async (cloud: Cloud, log: Logger, origin: ApiOrigin): Promise<{ items: Json[]; projectOnly: string | null } | null> => {
  try {
    return { items: await listAll(cloud, 'orchestration', '/stacks?global_tenant=true&show_nested=true', 'stacks'), projectOnly: null };
  } catch (err) {
    if (!(err instanceof OpenStackApiError && err.status === 403)) {
      log.warn(`OpenStack API ${origin}: could not list Heat stacks of cloud '${cloud.name}': ${(err as Error).message}`);
      return null;
    }
  }
  try {
    const project = (await cloud.scope()).projectId;
    return { items: await listAll(cloud, 'orchestration', '/stacks?show_nested=true', 'stacks'), projectOnly: project ?? '' };
  } catch (err) {
    log.warn(`OpenStack API ${origin}: could not list Heat stacks of cloud '${cloud.name}': ${(err as Error).message}`);
    return null;
  }
};
