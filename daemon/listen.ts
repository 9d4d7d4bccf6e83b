import { isIP } from 'node:net';
import { ConfigError } from '../events/errors.js';

/** Where the daemon serves /healthz and /metrics. */
export type HttpListen = Readonly<{ host: string; port: number }>;

/**
 * `host:port`, `[v6]:port`, or a bare port (then 127.0.0.1: metrics are not for the whole
 * network unless asked). Port 0 picks a free port (the daemon logs which).
 */
export const parseListen = (text: string): HttpListen => {
  const t = text.trim();
  const m = /^(?:\[([^\]]+)\]|([^:[\]]*)):(\d+)$/.exec(t) ?? (/^(\d+)$/.test(t) ? [t, undefined, '127.0.0.1', t] : null);
  const port = Number(m?.[3]);
  const host = m?.[1] ?? m?.[2] ?? '';
  const okHost = host === '' || host === 'localhost' || isIP(host) !== 0 || /^[a-z0-9.-]+$/i.test(host);
  if (m === null || !Number.isInteger(port) || port > 65535 || !okHost) {
    throw new ConfigError(`'${text}' is not an address to listen on.`, { hint: 'Use host:port, e.g. 127.0.0.1:9464 (or 0.0.0.0:9464 to serve every interface).' });
  }
  return { host: host === '' ? '0.0.0.0' : host, port };
};

export const formatListen = (l: HttpListen): string => (l.host.includes(':') ? `[${l.host}]:${l.port}` : `${l.host}:${l.port}`);
