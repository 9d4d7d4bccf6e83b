import { Kvm } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import { decodeToken } from '../../events/ids.js';
import type { EntityKind } from '../../events/inventory.js';
import type { ModelMeta } from '../../events/read-model.js';
import { META_KEY } from '../model-entries.js';
import type { StoreNames } from '../store/names.js';
import { MAPS } from './client.js';
import type { LiveStore } from './live-store.js';

/**
 * Loads the whole model and follows it with one KV watch: the watch delivers the newest value of
 * every key, then every later change, so nothing falls between a load and a watch. The store
 * shows the model once the initial values are in. Returns when `signal` aborts.
 */
export const followModel = async (nc: NatsConnection, names: StoreNames, store: LiveStore, signal: AbortSignal): Promise<void> => {
  const kv = await new Kvm(nc).open(names.bucket);
  const empty = (await kv.status()).values === 0;
  store.reset();
  const iter = await kv.watch({ key: '>' });
  const stop = (): void => iter.stop();
  signal.addEventListener('abort', stop, { once: true });
  let initial = !empty;
  if (empty) store.ready();
  try {
    for await (const e of iter) {
      apply(store, e.key, e.operation === 'PUT' ? e.value : null, e.json.bind(e));
      // The last of the initial values is flagged as an update.
      if (initial && e.isUpdate) {
        initial = false;
        store.ready();
      }
    }
  } finally {
    signal.removeEventListener('abort', stop);
  }
};

const apply = (store: LiveStore, key: string, value: Uint8Array | null, json: () => unknown): void => {
  let parsed: unknown = null;
  if (value !== null) {
    try {
      parsed = json();
    } catch {
      return; // not JSON: not something the projector wrote, and nothing a console can show
    }
  }
  if (key === META_KEY) {
    store.setMeta(parsed as ModelMeta | null);
    return;
  }
  const dot = key.indexOf('.');
  const kind = key.slice(0, dot) as EntityKind;
  if (dot < 0 || !Object.hasOwn(MAPS, kind)) return;
  store.put(MAPS[kind], decodeToken(key.slice(dot + 1)), parsed);
};
