/** Base of every error berth raises on purpose: a stable `code` for scripts and a `hint` saying what to do next. */
export class BerthError extends Error {
  /** Stable machine-readable code, `E_UPPER_SNAKE`. */
  readonly code: string;
  /** One sentence telling the operator what to do next. */
  readonly hint: string | undefined;
  constructor(code: string, message: string, opts: { hint?: string; cause?: unknown } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'BerthError';
    this.code = code;
    this.hint = opts.hint;
  }
}

/** An entity or event that was asked for is not in the model or the log. */
export class NotFoundError extends BerthError {
  constructor(message: string, opts: { hint?: string; cause?: unknown } = {}) {
    super('E_NOT_FOUND', message, opts);
    this.name = 'NotFoundError';
  }
}

/** Bytes that claim to be an event but are not one berth can read. */
export class InvalidEventError extends BerthError {
  constructor(message: string, opts: { hint?: string; cause?: unknown } = {}) {
    super('E_INVALID_EVENT', message, opts);
    this.name = 'InvalidEventError';
  }
}

/** NATS, the daemon or an engine did not answer. */
export class DaemonUnreachableError extends BerthError {
  constructor(message: string, opts: { hint?: string; cause?: unknown } = {}) {
    super('E_UNREACHABLE', message, opts);
    this.name = 'DaemonUnreachableError';
  }
}

/** Configuration that cannot work (bad URL, missing file, conflicting flags). */
export class ConfigError extends BerthError {
  constructor(message: string, opts: { hint?: string; cause?: unknown } = {}) {
    super('E_CONFIG', message, opts);
    this.name = 'ConfigError';
  }
}

/** An invariant broke: a defect in berth, not in the input. */
export class BugError extends BerthError {
  constructor(message: string, opts: { hint?: string; cause?: unknown } = {}) {
    super('E_BUG', message, { hint: opts.hint ?? 'Please report this with the output of --debug.', cause: opts.cause });
    this.name = 'BugError';
  }
}
