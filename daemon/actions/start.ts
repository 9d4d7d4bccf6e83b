import type { NatsConnection } from '@nats-io/transport-node';
import type { Inventory } from '../../events/inventory.js';
import type { Logger } from '../log.js';
import type { Cloud } from '../openstack/keystone.js';
import type { DockerEndpoint } from '../sources/docker/endpoint.js';
import type { Appender } from '../store/append.js';
import type { StoreNames } from '../store/names.js';
import { computeOf } from './compute.js';
import { serveActions } from './server.js';
import type { ActionServer } from './server.js';

export type ActionWiring = Readonly<{
  nc: NatsConnection;
  names: StoreNames;
  log: Logger;
  appender: Appender;
  engines: readonly DockerEndpoint[];
  inventory: () => Inventory;
  readOnly: boolean;
  /** The cloud name the daemon was given (OS_CLOUD or the context), if any. */
  cloudName: string | undefined;
  /** A cloud already opened by the daemon (shared with the API source); else one is opened when configured. */
  cloud?: Cloud | undefined;
  env?: NodeJS.ProcessEnv;
}>;

/**
 * The cloud VM actions use: the given one, else the configured one (`OS_CLOUD`/context, or `OS_AUTH_URL`).
 * Settings that cannot work turn VM actions off with a warning: the daemon's Docker work goes on.
 */
const cloudFor = async (w: ActionWiring): Promise<Cloud | undefined> => {
  if (w.cloud !== undefined) return w.cloud;
  const env = w.env ?? process.env;
  if (w.cloudName === undefined && (env['OS_AUTH_URL'] ?? '') === '') return undefined;
  try {
    // Loaded here, not at the top: every CLI command loads daemon/main.ts, and only a daemon with a cloud needs this.
    const { openCloud } = await import('../openstack/keystone.js');
    return openCloud({ cloud: w.cloudName, env });
  } catch (err) {
    w.log.warn(`VM actions are off: ${(err as Error).message}`);
    return undefined;
  }
};

/** Starts answering action requests for the daemon's engines and cloud (see `serveActions`). */
export const startActions = async (w: ActionWiring): Promise<ActionServer & { close: () => Promise<void> }> => {
  const cloud = await cloudFor(w);
  const server = serveActions({
    nc: w.nc, names: w.names, log: w.log, readOnly: w.readOnly, engines: w.engines, inventory: w.inventory,
    append: (rec) => w.appender.append(rec),
    cloud: cloud === undefined ? undefined : { name: cloud.name, compute: computeOf(cloud) },
  });
  const list = server.responders.map((r) => `${r.kind === 'docker' ? 'engine' : 'cloud'} ${r.name}`).join(', ') || 'nothing';
  w.log.info(`actions: ${w.readOnly ? 'read-only, refusing every request for' : 'answering for'} ${list}`);
  return {
    ...server,
    // Only a cloud opened here is closed here.
    close: async () => {
      await server.stop();
      if (w.cloud === undefined) await cloud?.close();
    },
  };
};
