import { useInput } from 'ink';
import { useRef } from 'react';
import type { ConsoleAction, ConsoleState } from '../state/console-state.js';
import { consoleReducer } from '../state/console-state.js';
import type { KeyContext } from './console-keys.js';
import { handleKey } from './console-keys.js';
import { splitKeys } from './key-name.js';

/**
 * Wires keys to the console: each key is handled against the newest state, including what the keys
 * before it in the same burst did (React has not re-rendered between them yet).
 */
export const useConsoleInput = (ctx: Omit<KeyContext, 'state' | 'dispatch'>, state: ConsoleState, dispatch: (a: ConsoleAction) => void): void => {
  const latest = useRef(state);
  const context = useRef(ctx);
  // Read by the input handler, after this render committed.
  latest.current = state;
  context.current = ctx;
  useInput((input, key) => {
    const track = (a: ConsoleAction): void => {
      latest.current = consoleReducer(latest.current, a);
      dispatch(a);
    };
    for (const [i, k] of splitKeys(input, key)) handleKey({ ...context.current, state: latest.current, dispatch: track }, i, k);
  });
};
