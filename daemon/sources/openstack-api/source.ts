import type { Inventory } from '../../../events/inventory.js';
import type { ApiOrigin } from '../../../events/openstack-api.js';
import type { OpsEvent } from '../../../events/ops-event.js';
import { fromEpochMs } from '../../../events/time.js';
import type { Logger } from '../../log.js';
import type { Cloud } from '../../openstack/keystone.js';
import { readCloud } from './read-cloud.js';
import type { ApiSeen } from './reconcile.js';
import { reconcileEvents } from './reconcile-events.js';

export type ApiSourceDeps = Readonly<{
  log: Logger;
  /** The projector's current model (the read is judged against it). */
  inventory: () => Inventory;
  /** Appends events and resolves once JetStream has them. */
  record: (events: readonly OpsEvent[]) => Promise<void>;
}>;

/** `berth daemon --openstack-api` settings (the cloud itself is `DaemonConfig.cloud`, else the OS_* variables). */
export type OpenStackApiConfig = Readonly<{
  /** `--os-reconcile-interval`, in milliseconds. */
  intervalMs: number;
  /** `--os-cacert` / `--os-insecure`: beat clouds.yaml and OS_CACERT / OS_INSECURE. */
  cacert?: string | undefined;
  insecure?: boolean | undefined;
}>;

export type ApiSourceOptions = Readonly<{
  /** Between two reads (`--os-reconcile-interval`, default 300 s). */
  intervalMs: number;
  /** Clock (tests). */
  now?: () => number;
}>;

const count = (seen: ApiSeen): string => {
  const n = (l: { items: readonly unknown[] } | null, what: string): string => (l === null ? `${what} unread` : `${l.items.length} ${what}`);
  return [n(seen.servers, 'servers'), n(seen.ports, 'ports'), n(seen.networks, 'networks'), n(seen.stacks, 'stacks'), n(seen.clusters, 'clusters'),
    n(seen.zunContainers, 'Zun containers'), seen.hosts === null ? 'hosts unread' : `${seen.hosts.size} hosts`].join(', ');
};

const sleep = async (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done(): void {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });

/**
 * The OpenStack API source: a snapshot as soon as it starts, then a reconcile every interval.
 * Each read is compared with the model and only the differences are recorded. A failed read
 * (Keystone down, a wrong password) is logged and tried again at the next interval: the other
 * sources keep running.
 */
export class OpenStackApiSource {
  private origin: ApiOrigin = 'snapshot';
  private readonly cloud: Cloud;
  private readonly deps: ApiSourceDeps;
  private readonly opts: ApiSourceOptions;
  constructor(cloud: Cloud, deps: ApiSourceDeps, opts: ApiSourceOptions) {
    this.cloud = cloud;
    this.deps = deps;
    this.opts = opts;
  }

  /** One read and its events; returns what was recorded (nothing when `signal` aborted during the read). */
  async once(signal?: AbortSignal): Promise<OpsEvent[]> {
    const now = this.opts.now ?? Date.now;
    const origin = this.origin;
    // The read is dated when it begins: anything the model learns later is newer than it.
    const at = fromEpochMs(now());
    const seen = await readCloud(this.cloud, this.deps.log, origin, signal);
    // A read cut short by a stop saw failures, not a cloud: judge nothing.
    if (signal?.aborted === true) return [];
    const events = reconcileEvents(this.deps.inventory(), { cloud: this.cloud.name, at, origin }, seen);
    await this.deps.record(events);
    this.origin = 'reconcile';
    this.deps.log.info(`OpenStack API ${origin} of ${this.cloud.describe()}: ${count(seen)}; ${events.length} event(s) recorded`);
    return events;
  }

  async run(signal: AbortSignal): Promise<void> {
    const stop = (): void => void this.cloud.close();
    signal.addEventListener('abort', stop, { once: true });
    try {
      while (!signal.aborted) {
        try {
          await this.once(signal);
        } catch (err) {
          if (signal.aborted) break;
          this.deps.log.error(`OpenStack API ${this.origin} of cloud '${this.cloud.name}' failed: ${(err as Error).message}`);
        }
        await sleep(this.opts.intervalMs, signal);
      }
    } finally {
      signal.removeEventListener('abort', stop);
      await this.cloud.close();
    }
  }
}
