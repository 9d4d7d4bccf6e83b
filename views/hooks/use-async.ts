import { useEffect, useState } from 'react';

/** Where an async read is: not asked, under way, done, or failed (errors are state, never thrown). */
export type AsyncState<T> =
  | Readonly<{ status: 'idle' }>
  | Readonly<{ status: 'loading' }>
  | Readonly<{ status: 'ready'; value: T }>
  | Readonly<{ status: 'failed'; error: string }>;

/**
 * Runs `load` whenever `key` changes (null: nothing to load), aborting the previous run, and keeps
 * the last value on screen while a refresh is under way.
 */
export const useAsync = <T>(key: string | null, load: (signal: AbortSignal) => Promise<T>): AsyncState<T> => {
  const [state, setState] = useState<AsyncState<T>>({ status: 'idle' });
  useEffect(() => {
    if (key === null) {
      setState({ status: 'idle' });
      return undefined;
    }
    const ctl = new AbortController();
    setState((s) => (s.status === 'ready' ? s : { status: 'loading' }));
    load(ctl.signal).then(
      (value) => { if (!ctl.signal.aborted) setState({ status: 'ready', value }); },
      (err: unknown) => { if (!ctl.signal.aborted) setState({ status: 'failed', error: err instanceof Error ? err.message : String(err) }); },
    );
    return () => ctl.abort();
    // `load` is a fresh closure each render; `key` says when it means something else.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return state;
};
