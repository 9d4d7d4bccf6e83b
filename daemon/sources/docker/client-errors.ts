import type { IncomingHttpHeaders } from 'node:http';
import { BerthError, DaemonUnreachableError } from '../../../events/errors.js';
import type { DockerEndpoint } from './endpoint.js';

/** A finished HTTP exchange with an engine. */
export type DockerReply = { status: number; body: string; headers: IncomingHttpHeaders };

export class DockerUnreachableError extends DaemonUnreachableError {
  readonly endpoint: string;
  constructor(endpoint: DockerEndpoint, reason: string, cause?: unknown) {
    const hint = /CERT|SSL|TLS|certificate/i.test(reason)
      ? 'Check the TLS certificates (DOCKER_CERT_PATH, or certs= in the engine URL).'
      : 'Start dockerd, or set DOCKER_HOST / --engine to a running engine.';
    super(`Docker engine '${endpoint.url}' did not answer (${reason}). ${hint}`, { hint, cause });
    this.name = 'DockerUnreachableError';
    this.endpoint = endpoint.url;
  }
}

export class DockerApiError extends BerthError {
  readonly status: number;
  /** The engine's own `{"message"}`, verbatim. */
  readonly engineMessage: string;
  constructor(endpoint: DockerEndpoint, method: string, path: string, reply: DockerReply) {
    let msg = reply.body.trim().slice(0, 500);
    try {
      const parsed = JSON.parse(reply.body) as unknown;
      if (typeof parsed === 'object' && parsed !== null && 'message' in parsed && typeof parsed.message === 'string') msg = parsed.message;
    } catch {
      // Not JSON (a proxy's HTML page, say): the trimmed text is the best message there is.
    }
    super('E_DOCKER_API', `Docker engine '${endpoint.url}' answered ${String(reply.status)} to ${method} ${path}: ${msg || '(no message)'}`);
    this.name = 'DockerApiError';
    this.status = reply.status;
    this.engineMessage = msg;
  }
}
