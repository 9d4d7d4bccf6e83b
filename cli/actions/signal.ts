import type { ActionOptions } from '../../events/action.js';
import { UsageError } from '../output/errors.js';

const SIGNAL = /^(SIG)?[A-Z0-9+]{1,12}$/;

/** `--signal` as the engine takes it (upper case: `hup` is `HUP`); absent means the engine's default (KILL). */
export const signalOption = (signal: string | undefined): ActionOptions => {
  if (signal === undefined) return {};
  const s = signal.toUpperCase();
  if (!SIGNAL.test(s)) throw new UsageError(`--signal '${signal}' is not a signal name or number.`, { hint: 'Use a name such as KILL, TERM, HUP or SIGUSR1, or a number such as 9.' });
  return { signal: s };
};
