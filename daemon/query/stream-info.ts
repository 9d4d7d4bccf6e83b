import { jetstreamManager } from '@nats-io/jetstream';
import type { StreamInfo } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { DaemonUnreachableError } from '../../events/errors.js';
import { requireOwnStream } from '../store/names.js';
import type { StoreNames } from '../store/names.js';
import { pause, timedOut } from '../store/retry.js';

/**
 * The stream's info, for a read command. Fails with `missing` when the stream is not there. A
 * request that times out is asked again for up to 15 s (a cluster electing the stream's leader
 * after a node died answers within seconds), then named as such: no answer is not proof that
 * nothing is there. No account-info check first: it asks the meta leader, which a cluster may be
 * electing. With `own`, a stream of another spelling of the prefix is refused (requireOwnStream).
 */
export const streamInfoPatiently = async (nc: NatsConnection, url: string, stream: string, missing: (cause: unknown) => Error, own?: Readonly<{ names: StoreNames; root: string }>): Promise<StreamInfo> => {
  const jsm = await jetstreamManager(nc, { checkAPI: false });
  const until = Date.now() + 15_000;
  for (let attempt = 0; ; attempt++) {
    let info: StreamInfo;
    try {
      info = await jsm.streams.info(stream);
    } catch (err) {
      if (!timedOut(err)) throw missing(err);
      if (Date.now() >= until) {
        throw new DaemonUnreachableError(`JetStream at '${url}' did not answer about stream '${stream}' within 15s.`, {
          hint: 'Check that the NATS servers run and that a JetStream cluster has a quorum (most of its nodes up), then try again.',
          cause: err,
        });
      }
      await pause(Math.min(2000, 100 * 2 ** attempt));
      continue;
    }
    // With `own`: the stream must hold this prefix's subjects (another spelling of it does not).
    if (own !== undefined) requireOwnStream(own.names, stream, info.config.subjects, own.root);
    return info;
  }
};
