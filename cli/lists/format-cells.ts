import type { PublishedPort } from '../../events/container.js';

/** Docker's 12-character id form; other ids pass through. */
export const shortId = (id: string): string => (/^[0-9a-f]{64}$/.test(id) ? id.slice(0, 12) : id);

/** `0.0.0.0:8080->80/tcp` like `docker ps`, IPv6 binds in brackets. */
export const portText = (p: PublishedPort): string => {
  const ip = p.hostIp.includes(':') ? `[${p.hostIp}]` : p.hostIp || '*';
  return `${ip}:${p.hostPort}->${p.containerPort}/${p.protocol}`;
};

export const portList = (ports: readonly PublishedPort[]): string[] => ports.map(portText);

/**
 * The most a Host column takes in a table (most host names and FQDNs fit; a longer one ends in `…`;
 * `-o json`/`csv`/`value` and `get` give it whole):
 * one host name of 5,000 characters widened every row of `hosts`, `vms` and `ps` when piped.
 */
export const HOST_WIDTH = 64;
