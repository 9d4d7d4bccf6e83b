import { useRef, useSyncExternalStore } from 'react';
import type { ReadModelState } from '../../events/read-model.js';
import { useQueryClient } from '../query-context.js';

/**
 * The newest read model, like `useReadModel`, but a change re-renders only when `changes(next)`
 * says it would change the screen. Every render (a key, a resize, a change that does show) reads
 * the newest snapshot, so a skipped change is never lost, only not drawn on its own.
 */
export const useGatedReadModel = (changes: (next: ReadModelState) => boolean): ReadModelState => {
  const client = useQueryClient();
  const gate = useRef(changes);
  gate.current = changes;
  const seen = useRef<ReadModelState | null>(null);
  const drawn = useRef(0);
  // What React watches is a count of the changes worth drawing, judged once per snapshot.
  const version = (): number => {
    const s = client.getSnapshot();
    if (s !== seen.current) {
      seen.current = s;
      if (gate.current(s)) drawn.current += 1;
    }
    return drawn.current;
  };
  useSyncExternalStore(client.subscribe, version);
  return client.getSnapshot();
};
