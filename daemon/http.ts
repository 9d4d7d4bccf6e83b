import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigError } from '../events/errors.js';
import { Health } from './health.js';
import type { HttpListen } from './listen.js';
import { formatListen } from './listen.js';
import { DaemonMetrics } from './metrics.js';
import type { Ops, OpsSubjects } from './ops.js';

const json = (res: ServerResponse, code: number, body: unknown): void => {
  res.writeHead(code, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(`${JSON.stringify(body)}\n`);
};

const listen = (server: Server, at: HttpListen): Promise<AddressInfo> =>
  new Promise((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      reject(new ConfigError(`Cannot serve /healthz and /metrics on ${formatListen(at)} (${err.code ?? err.message}).`, { hint: 'Pick another --http address, or stop what listens there.' }));
    });
    server.listen(at.port, at.host, () => resolve(server.address() as AddressInfo));
  });

/**
 * Serves `GET /healthz` (200 or 503, JSON) and `GET /metrics` (Prometheus text) on `at`. Nothing
 * else: no request changes anything, so the endpoint is safe to expose to a scraper.
 */
export const serveOps = async (at: HttpListen, s: OpsSubjects): Promise<Ops> => {
  const metrics = new DaemonMetrics(s);
  const health = new Health({
    nats: () => (s.nc.isClosed() ? 'closed' : metrics.natsConnected ? 'connected' : 'disconnected'),
    live: s.live,
    processedSeq: () => s.projector.processedSeq,
    streamSeq: async () => (await metrics.lookAtStream()).lastSeq,
  });
  // Checked in the background too: a projector's progress is tracked whether or not anyone asks.
  const ticker = setInterval(() => void health.check().catch(() => undefined), 5000);
  ticker.unref();
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') return json(res, 405, { error: 'only GET' });
    if (path === '/healthz') {
      const report = await health.check();
      return json(res, report.status === 'ok' ? 200 : 503, { ...report, roles: s.roles, writer: s.writer });
    }
    if (path === '/metrics') {
      const text = await metrics.registry.metrics();
      res.writeHead(200, { 'content-type': metrics.registry.contentType });
      res.end(text);
      return;
    }
    json(res, 404, { error: 'not found', paths: ['/healthz', '/metrics'] });
  };
  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      s.log.warn(`http ${req.url ?? ''}: ${(err as Error).message}`);
      if (!res.headersSent) json(res, 500, { error: (err as Error).message });
      else res.end();
    });
  });
  // A scraper keeping a connection open must not hold the daemon up when it stops.
  server.keepAliveTimeout = 5000;
  const bound = await listen(server, at);
  s.log.info(`serving /healthz and /metrics on http://${formatListen({ host: bound.address, port: bound.port })}`);
  return {
    meter: metrics,
    watch: (parts) => metrics.watch(parts),
    stopping: () => health.markStopping(),
    close: () => new Promise<void>((resolve) => {
      clearInterval(ticker);
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
};
