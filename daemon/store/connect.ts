import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import { DaemonUnreachableError } from '../../events/errors.js';

export const DEFAULT_NATS_URL = 'nats://127.0.0.1:4222';

/**
 * Connects to NATS. `noAsyncTraces` halves the client's CPU per publish (research/jetstream.md
 * §2.2); reconnects forever so a NATS restart never stops the daemon.
 */
export const connectNats = async (url: string, name: string, opts: Readonly<{ timeoutMs?: number; forever?: boolean }> = {}): Promise<NatsConnection> => {
  try {
    return await connect({
      servers: url.split(',').map((s) => s.trim()),
      name,
      noAsyncTraces: true,
      timeout: opts.timeoutMs ?? 3000,
      maxReconnectAttempts: opts.forever ? -1 : 10,
      reconnectTimeWait: 1000,
    });
  } catch (err) {
    throw new DaemonUnreachableError(`NATS at '${url}' did not answer (${(err as Error).message}).`, {
      hint: url === DEFAULT_NATS_URL
        ? "Start the daemon with 'berth daemon' (it starts a local nats-server when none runs), or set BERTH_NATS_URL / --nats to your NATS server."
        : 'Check that NATS with JetStream runs there, or set BERTH_NATS_URL / --nats to the right server.',
      cause: err,
    });
  }
};
