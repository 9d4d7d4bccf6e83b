import type { NatsConnection } from '@nats-io/transport-node';
import type { OpsEvent } from '../events/ops-event.js';
import type { DaemonConfig } from './config.js';
import type { Logger } from './log.js';
import type { Projector } from './projector.js';
import type { Role } from './roles.js';
import type { DockerEngineSource } from './sources/docker/subscribe.js';
import type { Appender, AppendResult } from './store/append.js';
import type { StoreNames } from './store/names.js';
import type { SnapshotStore } from './store/snapshots.js';
import { parseServers } from './store/nats-options.js';

/** What the daemon's moving parts report to /metrics. The no-op meter costs nothing when --http is off. */
export type Meter = Readonly<{
  /** Runs one append, timing it and counting what became of the event (stored, duplicate, dead-lettered). */
  append: (e: OpsEvent, run: () => Promise<AppendResult>) => Promise<AppendResult>;
  /** One message taken from a source that has no counters of its own (an AMQP delivery). */
  received: (source: string) => void;
  /** A source lost its connection and will reconnect. */
  reconnecting: (component: string, target: string) => void;
}>;

export const NO_METER: Meter = { append: (_e, run) => run(), received: () => undefined, reconnecting: () => undefined };

/** What /healthz and /metrics read. */
export type OpsSubjects = Readonly<{
  nc: NatsConnection;
  names: StoreNames;
  log: Logger;
  projector: Projector;
  snapshots: SnapshotStore | null;
  /** True once the projector caught up with the stream (start-up replay done). */
  live: () => boolean;
  /** Shown by /healthz: which daemon answered. */
  roles: readonly Role[];
  writer: string;
}>;

/** The operability side of a running daemon: its meter, what it watches, and the HTTP endpoint. */
export type Ops = Readonly<{
  meter: Meter;
  /** Parts created after the endpoint started (the appender, the Docker sources). */
  watch: (parts: Readonly<{ appender: Appender; docker: readonly DockerEngineSource[] }>) => void;
  /** Healthz answers 503 "stopping" from now on. */
  stopping: () => void;
  close: () => Promise<void>;
}>;

const NO_OPS: Ops = { meter: NO_METER, watch: () => undefined, stopping: () => undefined, close: async () => undefined };

/**
 * Starts /healthz and /metrics when `--http` is given. prom-client is loaded only then: every CLI
 * command imports daemon/main.ts, and only a daemon serving metrics needs it.
 */
export const startOps = async (cfg: DaemonConfig, subjects: OpsSubjects): Promise<Ops> => {
  if (cfg.http === undefined) return NO_OPS;
  const { serveOps } = await import('./http.js');
  return serveOps(cfg.http, subjects);
};

/** Every secret the configuration holds, for the logger to mask (URLs are masked anyway). */
export const configSecrets = (cfg: DaemonConfig): string[] => {
  const out = [cfg.nats?.pass, cfg.nats?.token];
  try {
    const p = parseServers(cfg.natsUrl ?? '');
    out.push(p.pass, p.token);
  } catch {
    // No URL, or one the connection will reject with its own message.
  }
  if (cfg.amqp !== undefined) {
    try {
      out.push(decodeURIComponent(new URL(cfg.amqp.url).password));
    } catch {
      // Not a URL: amqplib reports it.
    }
  }
  return out.filter((s): s is string => s !== undefined && s !== '');
};
