import type { PublishedPort } from '../../events/container.js';

/** Docker's 12-character id form; other ids pass through. */
export const shortId = (id: string): string => (/^[0-9a-f]{64}$/.test(id) ? id.slice(0, 12) : id);

/** `0.0.0.0:8080->80/tcp` like `docker ps`, IPv6 binds in brackets. */
export const portText = (p: PublishedPort): string => {
  const ip = p.hostIp.includes(':') ? `[${p.hostIp}]` : p.hostIp || '*';
  return `${ip}:${p.hostPort}->${p.containerPort}/${p.protocol}`;
};

export const portList = (ports: readonly PublishedPort[]): string[] => ports.map(portText);
