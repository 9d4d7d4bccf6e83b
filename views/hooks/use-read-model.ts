import { useSyncExternalStore } from 'react';
import type { ReadModelState } from '../../events/read-model.js';
import { useQueryClient } from '../query-context.js';

/** The read model and its status, re-rendering on every (coalesced) change: the one way data enters a screen. */
export const useReadModel = (): ReadModelState => {
  const client = useQueryClient();
  return useSyncExternalStore(client.subscribe, client.getSnapshot);
};
