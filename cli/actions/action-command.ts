import { randomUUID } from 'node:crypto';
import { ENV_CLOUD } from '../../events/action.js';
import type { ActionOptions, ActionVerb } from '../../events/action.js';
import { ConfigError } from '../../events/errors.js';
import { ActionClient, DEFAULT_NATS_URL } from '../../daemon/main.js';
import type { ActionRequestBody } from '../../daemon/main.js';
import { BaseCommand } from '../base-command.js';
import { consoleConfigFile, readConsoleConfig } from '../console/config.js';
import type { ConnectionFlagValues } from '../context/resolve.js';
import { UsageError } from '../output/errors.js';
import { safeText } from '../output/sanitize.js';
import { confirm } from './confirm.js';
import { outcomeOf } from './outcome.js';
import { requester } from './requester.js';
import { containerTarget, vmTarget } from './target.js';
import type { Resolved } from './target.js';
import { question, responderText, targetText, verbOf } from './words.js';

/** The flags of every action command (see `actionFlags`), as parsed. */
export type ActFlags = ConnectionFlagValues & Readonly<{ yes: boolean; 'dry-run': boolean; reason?: string | undefined; 'read-only': boolean; timeout: number; cloud?: string | undefined }>;

/** One action as a command asks for it. */
export type ActRequest = Readonly<{ kind: 'container' | 'vm'; action: ActionVerb; ref: string; flags: ActFlags; options: ActionOptions }>;

const MAX_REASON = 1000;

/**
 * Base of `berth container ...` and `berth vm ...`: resolves the target in the model, asks for
 * confirmation, sends the request to the daemon responsible for the target's engine or cloud, and
 * reports what it answered. Never calls Docker or Nova itself.
 */
export abstract class ActionCommand extends BaseCommand {
  private actionClient: ActionClient | undefined;

  protected async act(req: ActRequest): Promise<unknown> {
    const { flags } = req;
    await refuseIfReadOnly(flags['read-only']);
    checkReason(flags.reason);
    const conn = await this.connection(flags);
    const view = await (await this.modelClient(flags)).load([req.kind]);
    const r: Resolved = req.kind === 'container' ? containerTarget(view, req.ref) : vmTarget(view, req.ref, flags.cloud ?? conn.cloud ?? ENV_CLOUD);
    this.actionClient = await ActionClient.open(conn.url ?? DEFAULT_NATS_URL, conn.prefix, { auth: conn.auth });
    const subject = this.actionClient.subject(r.responder, req.action);
    const body: ActionRequestBody = { requestId: randomUUID(), target: r.target, by: requester(), reason: flags.reason ?? null, options: req.options };
    if (flags['dry-run']) return this.dryRun(req.action, r, subject, body);
    if (!flags.yes && !(await this.confirmed(req.action, r))) {
      process.stderr.write('Not confirmed: nothing was sent.\n');
      return { confirmed: false, action: req.action, target: r.target };
    }
    const reply = await this.actionClient.send(r.responder, req.action, body, flags.timeout * 1000);
    const done = outcomeOf(reply, req.action, r);
    if (!this.jsonEnabled()) process.stdout.write(done.line + '\n');
    return { ...reply, action: req.action, target: r.target, responder: r.responder, subject };
  }

  /** What would be sent, and where; nothing is. */
  private dryRun(action: ActionVerb, r: Resolved, subject: string, body: ActionRequestBody): unknown {
    if (!this.jsonEnabled()) {
      const why = body.reason === null ? '' : `, reason '${safeText(body.reason)}'`;
      process.stdout.write(`Would ${verbOf(action)} ${targetText(r.target, r.responder)}: a request on ${safeText(subject)} to the daemon for ${responderText(r.responder)}${why}. Nothing was sent or recorded (--dry-run).\n`);
    }
    return { dryRun: true, action, subject, target: r.target, responder: r.responder, reason: body.reason, options: body.options };
  }

  /** Asks on the terminal; without one (a script, a pipe) refuses rather than guess. */
  private async confirmed(action: ActionVerb, r: Resolved): Promise<boolean> {
    if (process.stdin.isTTY !== true) {
      throw new UsageError(`Refusing to ${verbOf(action)} ${targetText(r.target, r.responder)} without confirmation: stdin is not a terminal.`, {
        hint: 'Pass --yes to confirm, or --dry-run to see what would be done.',
      });
    }
    return confirm(question(action, r.target, r.responder), process.stdin, process.stderr);
  }

  protected override async finally(err: Error | undefined): Promise<unknown> {
    await this.actionClient?.close().catch(() => undefined);
    return super.finally(err);
  }
}

/** `--reason` is recorded whole, up to a limit the daemon also checks. */
export const checkReason = (reason: string | undefined): void => {
  if (reason !== undefined && reason.length > MAX_REASON) throw new UsageError(`--reason is ${reason.length} characters long; at most ${MAX_REASON} are recorded.`);
};

/** `--read-only`, `BERTH_READ_ONLY=1` or `"readOnly": true` in console.json: no action at all (exit 2). */
const refuseIfReadOnly = async (flag: boolean): Promise<void> => {
  const named = process.env['BERTH_CONSOLE_CONFIG'];
  const file = named ?? consoleConfigFile();
  const why = flag ? '--read-only (or BERTH_READ_ONLY) is set' : (await readConsoleConfig(named)).readOnly ? `"readOnly" is true in ${file}` : undefined;
  if (why === undefined) return;
  throw new ConfigError(`Actions are off: ${why}. Nothing was sent.`, { hint: 'Run without --read-only (unset BERTH_READ_ONLY, or set "readOnly": false) to act.' });
};
