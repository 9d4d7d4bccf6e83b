import type { CanonicalTime } from './time.js';

/**
 * A port in the model: a Docker published port (`hostIp:hostPort/protocol` on a host, held by a
 * container) and, later, a Neutron port. Derived by the fold from its holder; it has no events of its own.
 * Ports are unique per host, IP and protocol: a new holder of a taken port replaces the old one.
 */
export type Port = Readonly<{
  id: string;
  kind: 'docker-published';
  host: string;
  hostIp: string;
  hostPort: number;
  containerPort: number;
  protocol: string;
  /** The holder. */
  containerId: string;
  containerName: string;
  updatedAt: CanonicalTime;
}>;

/** Id of a published port: unique per host, bind address, port and protocol. */
export const publishedPortId = (host: string, hostIp: string, hostPort: number, protocol: string): string =>
  `${host}|${hostIp}|${hostPort}/${protocol}`;
