// A store of a test's own: a fresh prefix with its stream and bucket made (removed after the test),
// a connection, and an appender writing records as the daemon does.
import type { ExecutionContext } from 'ava';
import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import { createLogger } from '../../daemon/log.js';
import type { Logger } from '../../daemon/log.js';
import { Appender } from '../../daemon/store/append.js';
import { ensureStore } from '../../daemon/store/ensure.js';
import { storeNames } from '../../daemon/store/names.js';
import type { StoreNames } from '../../daemon/store/names.js';
import type { OpsEvent } from '../../events/ops-event.js';
import { translateDockerEvent } from '../../events/translate/docker.js';
import { CORPUS_HOST, loadScenario, scenarioNames } from './corpus.js';
import { dropPrefix, NATS_URL, uniquePrefix } from './daemon-harness.js';

export type FreshStore = Readonly<{ prefix: string; nc: NatsConnection; names: StoreNames; appender: Appender }>;

export const freshStore = async (t: ExecutionContext, log: Logger = createLogger({ quiet: true })): Promise<FreshStore> => {
  const prefix = uniquePrefix();
  t.teardown(() => dropPrefix(prefix));
  const nc = await connect({ servers: NATS_URL });
  t.teardown(() => nc.close());
  const names = storeNames(prefix);
  await ensureStore(nc, names);
  return { prefix, nc, names, appender: new Appender(nc, names, log) };
};

/** Every Docker corpus scenario, translated as the daemon would on `observedAt`. */
export const corpusEvents = (observedAt = '2026-11-23T12:00:00.000000000Z'): OpsEvent[] =>
  scenarioNames().flatMap((s) => loadScenario(s).flatMap((m) => translateDockerEvent(CORPUS_HOST, m, observedAt)));
