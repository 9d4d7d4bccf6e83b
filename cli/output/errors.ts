import { BerthError } from '../../events/errors.js';

/**
 * The operator asked for something the command line cannot mean (an unknown `-c` column, a bad
 * `-o` format). It extends `BerthError` rather than bare `Error` so the base command's `catch()`
 * handles it like every other deliberate error; its code maps to exit 2, oclif's usage code.
 */
export class UsageError extends BerthError {
  /** The choices that would have been accepted, for completion and for the hint. */
  readonly valid: readonly string[];
  constructor(message: string, opts: { hint?: string; valid?: readonly string[]; cause?: unknown } = {}) {
    super('E_USAGE', message, opts);
    this.name = 'UsageError';
    this.valid = opts.valid ?? [];
  }
}
