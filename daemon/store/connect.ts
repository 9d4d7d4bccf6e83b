import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import { DaemonUnreachableError } from '../../events/errors.js';
import { maskSecrets } from '../../events/mask-url.js';
import { natsTarget } from './nats-options.js';
import type { NatsAuth, NatsTarget } from './nats-options.js';

export type { NatsAuth, NatsTls } from './nats-options.js';
export const DEFAULT_NATS_URL = 'nats://127.0.0.1:4222';

export type ConnectOptions = Readonly<{ timeoutMs?: number; forever?: boolean; auth?: NatsAuth | undefined }>;

const TLS_CODES = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|HOSTNAME|ALTNAME/i;

/** The operator's next step for a failed connection, by what failed: credentials, TLS, or reachability. */
const describe = (err: unknown, url: string, t: NatsTarget): DaemonUnreachableError => {
  const e = err as Error & { code?: string; cause?: { code?: string; message?: string } };
  const detail = maskSecrets([e.message, e.cause?.message].filter(Boolean).join(': '), t.secrets);
  const code = `${e.code ?? ''} ${e.cause?.code ?? ''}`;
  if (e.name === 'AuthorizationError' || /authoriz|authenticat/i.test(detail)) {
    return new DaemonUnreachableError(`NATS at '${t.masked}' refused berth's credentials (${detail}).`, {
      hint: "Check the user and password (--nats-user/--nats-password or in the URL), --nats-token, --nats-nkey or --nats-creds, or the current context's credentials ('berth context show').",
    });
  }
  if (TLS_CODES.test(code) || /certificate|tls|ssl|handshake/i.test(detail)) {
    return new DaemonUnreachableError(`TLS with NATS at '${t.masked}' failed (${detail}).`, {
      hint: "Give the CA that signed the server's certificate with --nats-ca (BERTH_NATS_CA), and a client certificate with --nats-cert/--nats-key if the server asks for one.",
    });
  }
  return new DaemonUnreachableError(`NATS at '${t.masked}' did not answer (${detail}).`, {
    hint: url === DEFAULT_NATS_URL
      ? "Start the daemon with 'berth daemon' (it starts a local nats-server when none runs), or set BERTH_NATS_URL / --nats to your NATS server."
      : 'Check that NATS with JetStream runs there, or set BERTH_NATS_URL / --nats to the right server.',
  });
};

/**
 * Connects to NATS with the given credentials and TLS. `noAsyncTraces` halves the client's CPU
 * per publish (research/jetstream.md §2.2); `forever` reconnects without end so a NATS restart
 * never stops the daemon. Failures name the server with its password masked, never a secret;
 * the underlying error is not kept as `cause`, because it may carry the credentials.
 */
export const connectNats = async (url: string, name: string, opts: ConnectOptions = {}): Promise<NatsConnection> => {
  const target = natsTarget(url, opts.auth);
  try {
    return await connect({
      ...target.options,
      name,
      noAsyncTraces: true,
      timeout: opts.timeoutMs ?? 3000,
      maxReconnectAttempts: opts.forever ? -1 : 10,
      reconnectTimeWait: 1000,
    });
  } catch (err) {
    throw describe(err, url, target);
  }
};
