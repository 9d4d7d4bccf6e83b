import { readFileSync } from 'node:fs';
import { Agent, fetch } from 'undici';
import { ConfigError } from '../../events/errors.js';
import type { CloudConfig } from './clouds.js';
import { OpenStackUnreachableError } from './errors.js';

/** A finished HTTP exchange: status, lower-cased headers, body text. */
export type HttpReply = Readonly<{ status: number; headers: Readonly<Record<string, string>>; text: string }>;
export type HttpRequest = Readonly<{ method: string; url: string; headers: Readonly<Record<string, string>>; body?: string | undefined }>;
export type Http = Readonly<{ send: (req: HttpRequest) => Promise<HttpReply>; close: () => Promise<void> }>;

const readPem = (path: string, what: string): Buffer => {
  try {
    return readFileSync(path);
  } catch (cause) {
    throw new ConfigError(`The ${what} file '${path}' could not be read.`, { hint: 'Fix cacert/cert/key in clouds.yaml, or --os-cacert / OS_CACERT.', cause });
  }
};

const reasonOf = (err: unknown): string => {
  const cause = err instanceof Error && err.cause instanceof Error ? err.cause : err;
  if (cause instanceof Error) {
    const code = (cause as Error & { code?: unknown }).code;
    return typeof code === 'string' ? `${code}: ${cause.message}` : cause.message;
  }
  return String(cause);
};

/**
 * HTTP over undici's fetch with the cloud's TLS settings: `cacert` adds a CA bundle, `cert`/`key` a
 * client certificate, `insecure` skips verification (the openstack CLI's --os-cacert and --insecure).
 */
export const createHttp = (cloud: Pick<CloudConfig, 'cacert' | 'cert' | 'key' | 'insecure'>, timeoutMs: number): Http => {
  const connect = {
    ...(cloud.cacert !== undefined ? { ca: readPem(cloud.cacert, 'CA certificate') } : {}),
    ...(cloud.cert !== undefined ? { cert: readPem(cloud.cert, 'client certificate') } : {}),
    ...(cloud.key !== undefined ? { key: readPem(cloud.key, 'client key') } : {}),
    rejectUnauthorized: !cloud.insecure,
  };
  const agent = new Agent({ connect, keepAliveTimeout: 10_000 });
  return {
    send: async (req) => {
      let res;
      try {
        res = await fetch(req.url, {
          method: req.method,
          headers: req.headers,
          body: req.body,
          dispatcher: agent,
          signal: AbortSignal.timeout(timeoutMs),
          redirect: 'follow',
        });
      } catch (err) {
        throw new OpenStackUnreachableError(`${req.method} ${new URL(req.url).origin}${new URL(req.url).pathname}`, reasonOf(err), err);
      }
      const headers: Record<string, string> = {};
      res.headers.forEach((v, k) => {
        headers[k] = v;
      });
      return { status: res.status, headers, text: await res.text() };
    },
    // Requests still in flight fail at once (a daemon that stops must not wait for a slow API).
    close: async () => {
      if (!agent.destroyed) await agent.destroy();
    },
  };
};
