import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import type { IncomingMessage, RequestOptions } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { BerthError } from '../../../events/errors.js';
import { DockerApiError, DockerUnreachableError } from './client-errors.js';
import type { DockerReply } from './client-errors.js';
import type { DockerEndpoint } from './endpoint.js';
import { parseNdjson } from './ndjson.js';

export { DockerApiError, DockerUnreachableError };
import type { RawDockerEvent } from './ndjson.js';

/** The newest API version berth has been written against; engines that serve more are asked for this. */
export const OUR_MAX_API_VERSION = '1.47';
const DEFAULT_TIMEOUT_MS = 15_000;
// The events stream has no heartbeat, so a dead TCP peer is only noticed through keepalive probes.
const EVENTS_TCP_KEEPALIVE_MS = 30_000;

export type Query = Record<string, string | number | boolean | undefined>;
export type JsonObject = Record<string, unknown>;
export type EventsOptions = {
  /** `"<sec>.<nanos>"` in the engine's clock; without it the stream is live-only. */
  since?: string;
  filters?: Record<string, string[]>;
  /** Aborting ends the iteration quietly. */
  signal?: AbortSignal;
  /** Lines that are not events are reported here and skipped; the stream goes on. */
  onBadLine?: (line: string, reason: string) => void;
  /** Called once the engine has accepted the subscription: events from then on will be seen. */
  onOpen?: () => void;
};
type Reply = DockerReply;

const compareVersions = (x: string, y: string): number => {
  const [xa = 0, xb = 0] = x.split('.').map(Number);
  const [ya = 0, yb = 0] = y.split('.').map(Number);
  return xa - ya || xb - yb;
};
// A function, so TypeScript does not narrow `aborted` across awaits.
const isAborted = (s: AbortSignal | undefined): boolean => s?.aborted === true;

const withQuery = (path: string, query: Query = {}): string => {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined) qs.set(k, String(v));
  const s = qs.toString();
  return s === '' ? path : `${path}?${s}`;
};

const readBody = async (res: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const c of res) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

const errorCode = (err: unknown): string =>
  err instanceof Error ? ((err as NodeJS.ErrnoException).code ?? err.message) : String(err);

/** A Docker Engine API client for one engine, on node:http(s) with a keep-alive agent. */
export class DockerClient {
  readonly endpoint: DockerEndpoint;
  readonly timeoutMs: number;
  readonly #agent: HttpAgent;
  #negotiated: Promise<string> | undefined;
  #version: string | undefined;
  #closed = false;

  constructor(endpoint: DockerEndpoint, opts: { timeoutMs?: number } = {}) {
    this.endpoint = endpoint;
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    // No `timeout` on the agent: it would become an idle timeout on the events socket too.
    this.#agent = endpoint.tls === undefined ? new HttpAgent({ keepAlive: true }) : new HttpsAgent({ keepAlive: true });
  }

  /** The negotiated version, once `negotiate()` has run. */
  get apiVersion(): string | undefined {
    return this.#version;
  }

  async ping(): Promise<{ apiVersion: string }> {
    const reply = await this.#exchange('GET', '/_ping');
    if (reply.status !== 200) throw new DockerApiError(this.endpoint, 'GET', '/_ping', reply);
    const v = reply.headers['api-version'];
    return { apiVersion: typeof v === 'string' ? v : '' };
  }

  /** Picks min(ours, the engine's) but never below the engine's minimum; later calls use it. */
  negotiate(): Promise<string> {
    this.#negotiated ??= this.#negotiate().catch((err: unknown) => {
      this.#negotiated = undefined;
      throw err;
    });
    return this.#negotiated;
  }

  async get<T>(path: string, query?: Query): Promise<T> {
    return this.#getJson<T>(path, query);
  }

  /** Transport errors throw; HTTP statuses are the caller's to judge. */
  async post(path: string, query?: Query, body?: unknown): Promise<{ status: number; body: string }> {
    const { status, body: text } = await this.#exchange('POST', await this.#versioned(path, query), { body });
    return { status, body: text };
  }

  /** Like `post`: transport errors throw, statuses are returned. */
  async delete(path: string, query?: Query): Promise<{ status: number; body: string }> {
    const { status, body } = await this.#exchange('DELETE', await this.#versioned(path, query));
    return { status, body };
  }

  info(): Promise<JsonObject> { return this.get('/info'); }
  version(): Promise<JsonObject> { return this.get('/version'); }
  listContainers(): Promise<JsonObject[]> { return this.get('/containers/json', { all: 1 }); }
  listNetworks(): Promise<JsonObject[]> { return this.get('/networks'); }
  // 503 "This node is not a swarm manager": a worker or a non-swarm engine has no cluster view.
  listServices(): Promise<JsonObject[]> { return this.#getJson('/services', undefined, { status: 503, value: [] }); }
  listTasks(): Promise<JsonObject[]> { return this.#getJson('/tasks', undefined, { status: 503, value: [] }); }
  listNodes(): Promise<JsonObject[]> { return this.#getJson('/nodes', undefined, { status: 503, value: [] }); }

  /** null when the container does not exist (404). */
  inspectContainer(id: string): Promise<JsonObject | null> {
    return this.#getJson(`/containers/${encodeURIComponent(id)}/json`, undefined, { status: 404, value: null });
  }

  /** true when started (or already running); false when the container does not exist. */
  startContainer(id: string): Promise<boolean> { return this.#containerAction('start', id, undefined); }
  stopContainer(id: string, opts: { timeoutSec?: number } = {}): Promise<boolean> { return this.#containerAction('stop', id, opts.timeoutSec); }
  restartContainer(id: string, opts: { timeoutSec?: number } = {}): Promise<boolean> { return this.#containerAction('restart', id, opts.timeoutSec); }

  /**
   * Follows `/events`. Ends when the engine closes the stream, `signal` aborts or the client is closed; throws
   * DockerUnreachableError when the connection breaks. Only opening is under the request timeout.
   */
  async *events(opts: EventsOptions = {}): AsyncGenerator<RawDockerEvent> {
    const { signal } = opts;
    const filters = opts.filters === undefined ? undefined : JSON.stringify(opts.filters);
    const path = await this.#versioned('/events', { since: opts.since, filters });
    if (isAborted(signal)) return;
    const ctl = new AbortController();
    const onAbort = (): void => { ctl.abort(); };
    signal?.addEventListener('abort', onAbort, { once: true });
    let res: IncomingMessage | undefined;
    let timedOut = false;
    const timer = setTimeout(() => { timedOut = true; ctl.abort(); }, this.timeoutMs);
    try {
      res = await this.#open('GET', path, undefined, ctl.signal);
      clearTimeout(timer);
      if (res.statusCode !== 200) {
        const reply = { status: res.statusCode ?? 0, body: await readBody(res), headers: res.headers };
        throw new DockerApiError(this.endpoint, 'GET', path, reply);
      }
      res.socket.setKeepAlive(true, EVENTS_TCP_KEEPALIVE_MS);
      opts.onOpen?.();
      for await (const item of parseNdjson(res)) {
        if (item.ok) yield item.event;
        else opts.onBadLine?.(item.line, item.reason);
      }
    } catch (err) {
      if (isAborted(signal) || this.#closed) return;
      throw this.#unreachable(err, timedOut ? `timed out after ${String(this.timeoutMs)} ms` : undefined);
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      res?.destroy();
    }
  }

  /** Drops every connection, open event streams included (they end quietly). */
  close(): void {
    this.#closed = true;
    this.#agent.destroy();
  }

  async #negotiate(): Promise<string> {
    const reply = await this.#exchange('GET', '/version');
    if (reply.status !== 200) throw new DockerApiError(this.endpoint, 'GET', '/version', reply);
    const v = JSON.parse(reply.body) as { ApiVersion?: string; MinAPIVersion?: string };
    const header = reply.headers['api-version'];
    const server = v.ApiVersion ?? (typeof header === 'string' ? header : OUR_MAX_API_VERSION);
    let chosen = compareVersions(OUR_MAX_API_VERSION, server) < 0 ? OUR_MAX_API_VERSION : server;
    if (v.MinAPIVersion !== undefined && compareVersions(chosen, v.MinAPIVersion) < 0) chosen = v.MinAPIVersion;
    this.#version = chosen;
    return chosen;
  }

  async #versioned(path: string, query?: Query): Promise<string> {
    return withQuery(`/v${await this.negotiate()}${path}`, query);
  }

  async #getJson<T>(path: string, query: Query | undefined, absent?: { status: number; value: T }): Promise<T> {
    const full = await this.#versioned(path, query);
    const reply = await this.#exchange('GET', full);
    if (absent !== undefined && reply.status === absent.status) return absent.value;
    if (reply.status < 200 || reply.status > 299) throw new DockerApiError(this.endpoint, 'GET', full, reply);
    return JSON.parse(reply.body) as T;
  }

  async #containerAction(action: string, id: string, timeoutSec: number | undefined): Promise<boolean> {
    const full = await this.#versioned(`/containers/${encodeURIComponent(id)}/${action}`, { t: timeoutSec });
    // The engine answers only after the stop grace period (default 10 s), so the deadline grows with it.
    const timeoutMs = this.timeoutMs + (timeoutSec ?? 10) * 1000;
    const reply = await this.#exchange('POST', full, { timeoutMs });
    if (reply.status === 204 || reply.status === 304) return true;
    if (reply.status === 404) return false;
    throw new DockerApiError(this.endpoint, 'POST', full, reply);
  }

  async #exchange(method: string, path: string, o: { body?: unknown; timeoutMs?: number } = {}): Promise<Reply> {
    const ms = o.timeoutMs ?? this.timeoutMs;
    for (let attempt = 0; ; attempt++) {
      const ctl = new AbortController();
      let timedOut = false;
      const timer = setTimeout(() => { timedOut = true; ctl.abort(); }, ms);
      try {
        const res = await this.#open(method, path, o.body, ctl.signal);
        return { status: res.statusCode ?? 0, body: await readBody(res), headers: res.headers };
      } catch (err) {
        // A pooled connection the engine closed while idle fails once with ECONNRESET; GET is safe to repeat.
        if (method === 'GET' && attempt === 0 && !timedOut && errorCode(err) === 'ECONNRESET') continue;
        throw this.#unreachable(err, timedOut ? `timed out after ${String(ms)} ms` : undefined);
      } finally {
        clearTimeout(timer);
      }
    }
  }

  #open(method: string, path: string, body: unknown, signal: AbortSignal): Promise<IncomingMessage> {
    const ep = this.endpoint;
    const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    const headers: Record<string, string> = { 'Content-Length': String(Buffer.byteLength(payload ?? '')) };
    if (payload !== undefined) headers['Content-Type'] = 'application/json';
    const options: RequestOptions = { method, path, headers, agent: this.#agent, signal };
    if (ep.socketPath !== undefined) options.socketPath = ep.socketPath;
    else Object.assign(options, { host: ep.host, port: ep.port });
    if (ep.tls !== undefined) {
      Object.assign(options, { ca: ep.tls.ca, cert: ep.tls.cert, key: ep.tls.key, rejectUnauthorized: ep.tls.verify });
    }
    return new Promise((resolve, reject) => {
      const req = (ep.tls === undefined ? httpRequest : httpsRequest)(options, resolve);
      req.on('error', reject);
      req.end(payload);
    });
  }

  #unreachable(err: unknown, reason?: string): Error {
    if (err instanceof BerthError) return err;
    return new DockerUnreachableError(this.endpoint, reason ?? errorCode(err), err);
  }
}
