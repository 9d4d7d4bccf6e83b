import type { NeutronPortFacts } from './openstack-port.js';
import type { CanonicalTime } from './time.js';

/**
 * A port in the model: a Docker published port (`hostIp:hostPort/protocol` on a host, held by a
 * container) and, later, a Neutron port. Derived by the fold from its holder; it has no events of its own.
 * Ports are unique per host, IP and protocol: a new holder of a taken port replaces the old one.
 */
export type Port = Readonly<{
  id: string;
  /**
   * `docker-published`, or `neutron`: a Neutron port keyed by its uuid, with `neutron` set,
   * `host` = `binding:host_id`, `hostIp` = its first fixed IP, and the Docker-only fields empty (0, '').
   */
  kind: 'docker-published' | 'neutron';
  host: string;
  hostIp: string;
  hostPort: number;
  containerPort: number;
  protocol: string;
  /** The holder. */
  containerId: string;
  containerName: string;
  updatedAt: CanonicalTime;
  /** Neutron ports only: the port as last notified. */
  neutron?: NeutronPortFacts;
  /** Neutron ports only: id of the newest event applied (breaks ties between equal times). */
  lastEventId?: string;
}>;

/** Id of a published port: unique per host, bind address, port and protocol. */
export const publishedPortId = (host: string, hostIp: string, hostPort: number, protocol: string): string =>
  `${host}|${hostIp}|${hostPort}/${protocol}`;
