import { Command } from '@oclif/core';
import { BerthError } from '../events/errors.js';
import { DEFAULT_NATS_URL, ModelClient } from '../daemon/query/client.js';
import { safeJson, safeText } from './output/sanitize.js';
import { maskUrl } from '../events/mask-url.js';
import { bindCandidateCache } from './context/completion-cache.js';
import { resolveConnection } from './context/resolve.js';
import type { Connection, ConnectionFlagValues } from './context/resolve.js';
import { readContexts } from './context/store.js';

/**
 * Exit codes: 0 ok, 1 bug, 2 usage or configuration, 3 NATS/daemon/engine unreachable, 4 not found,
 * 5 invalid data, 6 tampering found (audit verify), 7 the engine or Nova did not carry out an action.
 */
export const EXIT_CODES: Readonly<Record<string, number>> = {
  E_USAGE: 2, E_CONFIG: 2, E_UNREACHABLE: 3, E_NOT_FOUND: 4, E_INVALID_EVENT: 5, E_DOCKER_API: 3, E_TAMPERED: 6, E_ACTION_FAILED: 7,
};

/**
 * The composition root of every command: builds clients from flags, and turns berth's typed
 * errors into one clear message with a next step and a stable exit code. Anything else is a bug.
 */
export abstract class BaseCommand extends Command {
  private clients: ModelClient[] = [];

  /** Where this command connects: flag > `BERTH_*` variable > context (`--context`, else the current one) > default. */
  protected async connection(flags: ConnectionFlagValues): Promise<Connection> {
    return resolveConnection(flags, await readContexts(), process.env);
  }

  protected async modelClient(flags: ConnectionFlagValues, opts: Readonly<{ timeoutMs?: number }> = {}): Promise<ModelClient> {
    const conn = await this.connection(flags);
    const c = await ModelClient.open(conn.url ?? DEFAULT_NATS_URL, conn.prefix, { auth: conn.auth, ...opts });
    bindCandidateCache(c, conn);
    this.clients.push(c);
    return c;
  }

  /** JSON to stdout with every control and bidi character escaped (names come from untrusted engines). */
  override logJson(json: unknown): void {
    process.stdout.write(safeJson(json, 2) + '\n');
  }

  protected override async finally(err: Error | undefined): Promise<unknown> {
    await Promise.allSettled(this.clients.map((c) => c.close()));
    return super.finally(err);
  }

  protected override async catch(err: Error & { exitCode?: number }): Promise<unknown> {
    if (err instanceof BerthError) {
      const exit = EXIT_CODES[err.code] ?? 1;
      if (this.jsonEnabled()) {
        this.logJson({ error: { code: err.code, message: err.message, hint: err.hint ?? null } });
        this.exit(exit);
      }
      this.error(safeText(err.message), { code: err.code, exit, suggestions: err.hint ? [safeText(err.hint)] : [] });
    }
    // oclif's own errors (usage, exit) keep their exit codes and messages.
    // Their messages may quote what was typed ("Nonexistent flag: --amqp=amqp://user:pw@host"): credentials in URLs are masked,
    // and escapes made inert line by line (`ps -o $'\e[2J'` wiped the screen through "Expected --output=...").
    if (typeof err.exitCode === 'number' || (err as { oclif?: unknown }).oclif !== undefined) {
      // oclif dims parts of some messages itself: its colour sequences are dropped, not shown as text.
      // eslint-disable-next-line no-control-regex -- matching SGR escape sequences is the point
      err.message = maskUrl(err.message).replace(/\x1b\[[0-9;]*m/g, '').split('\n').map(safeText).join('\n');
      return super.catch(err);
    }
    if (process.env['DEBUG'] === undefined) {
      this.error(`Unexpected error: ${safeText(err.message)}`, { exit: 1, suggestions: ['This is a bug in berth; re-run with DEBUG=* for details and report it.'] });
    }
    return super.catch(err);
  }
}
