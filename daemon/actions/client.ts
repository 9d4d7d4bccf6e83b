import type { NatsConnection } from '@nats-io/transport-node';
import { ENV_CLOUD } from '../../events/action.js';
import type { ActionResponder, ActionVerb } from '../../events/action.js';
import { DaemonUnreachableError, InvalidEventError } from '../../events/errors.js';
import { maskUrl } from '../../events/mask-url.js';
import { connectNats } from '../store/connect.js';
import type { NatsAuth } from '../store/connect.js';
import { storeNames } from '../store/names.js';
import type { StoreNames } from '../store/names.js';
import { actionSubject } from './protocol.js';
import type { ActionReply, ActionRequestBody } from './protocol.js';

const OUTCOMES = ['succeeded', 'failed', 'refused', 'duplicate', 'invalid'];

const what = (r: ActionResponder): string => (r.kind === 'docker' ? `engine '${r.name}'` : `cloud '${r.name}'`);

/** Nobody subscribes for that engine or cloud: no daemon follows it on this NATS and prefix. */
export class NoResponderError extends DaemonUnreachableError {
  constructor(r: ActionResponder) {
    super(`No daemon is responsible for ${what(r)}: is 'berth daemon' running with that ${r.kind === 'docker' ? 'engine' : 'cloud'} (same --nats and --prefix)?`, {
      hint: r.kind === 'docker'
        ? `Start one with 'berth daemon --engine ${r.name}=<url>', or check 'berth hosts' for the engine's name.`
        : r.name === ENV_CLOUD
          // No cloud was named (no --cloud, OS_CLOUD or context cloud): 'envvars' is the name of a daemon that takes OS_* variables, not one to set.
          ? "The cloud asked for is 'envvars' (what berth asks when no cloud is named): the daemon that takes its credentials from OS_* variables. Give --cloud <name> (or OS_CLOUD, or a context's cloud) naming the cloud the daemon runs with (its OS_CLOUD), or start a daemon with OS_AUTH_URL and the other OS_* variables set."
          : `Start one with OS_CLOUD=${r.name} (or --cloud on this command naming the cloud the daemon uses).`,
    });
    this.name = 'NoResponderError';
  }
}

/** Sends action requests to the daemon responsible for an engine or cloud (see `actionSubject`). */
export class ActionClient {
  readonly names: StoreNames;
  private readonly nc: NatsConnection;
  /** Whether `close` closes the connection (not when it is somebody else's: the console's). */
  private readonly owned: boolean;

  private constructor(nc: NatsConnection, names: StoreNames, owned: boolean) {
    this.nc = nc;
    this.names = names;
    this.owned = owned;
  }

  static async open(url: string, prefix = 'berth', opts: Readonly<{ auth?: NatsAuth | undefined }> = {}): Promise<ActionClient> {
    return new ActionClient(await connectNats(url, 'berth-cli-act', opts), storeNames(prefix), true);
  }

  /** Requests over a connection the caller already has (and keeps: `close` leaves it open). */
  static over(nc: NatsConnection, names: StoreNames): ActionClient {
    return new ActionClient(nc, names, false);
  }

  /** The subject a request for this action goes to (for `--dry-run`). */
  subject(r: ActionResponder, action: ActionVerb): string {
    return actionSubject(this.names, r, action);
  }

  /**
   * Sends one request and waits up to `timeoutMs` for the daemon's reply. No daemon for the
   * responder is a NoResponderError (at once: NATS knows there is no subscriber); no reply in time
   * is DaemonUnreachableError (the action may still be going on: its record will say).
   */
  async send(r: ActionResponder, action: ActionVerb, body: ActionRequestBody, timeoutMs: number): Promise<ActionReply> {
    let text: string;
    try {
      text = (await this.nc.request(this.subject(r, action), JSON.stringify(body), { timeout: timeoutMs })).string();
    } catch (err) {
      const e = err as Error & { isNoResponders?: () => boolean };
      if (e.name === 'NoRespondersError' || e.isNoResponders?.() === true) throw new NoResponderError(r);
      if (e.name === 'TimeoutError' || (e.cause instanceof Error && e.cause.name === 'TimeoutError')) {
        throw new DaemonUnreachableError(`The daemon for ${what(r)} did not answer within ${Math.round(timeoutMs / 1000)} s: the ${action} may still be going on.`, {
          hint: `Its outcome will be in the record: 'berth events --type ActionSucceeded --type ActionFailed --since 10m' (or a longer --timeout).`,
        });
      }
      throw new DaemonUnreachableError(`Sending the request to ${what(r)} failed: ${maskUrl(e.message)}`, { cause: err });
    }
    return parseReply(text);
  }

  async close(): Promise<void> {
    if (this.owned) await this.nc.close();
  }
}

const parseReply = (text: string): ActionReply => {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    v = undefined;
  }
  const o = v as { outcome?: unknown } | undefined;
  if (o === undefined || o === null || typeof o !== 'object' || !OUTCOMES.includes(String(o.outcome))) {
    throw new InvalidEventError(`The daemon's answer is not one this berth understands: ${text.slice(0, 200)}`, { hint: 'Check that the daemon and this command are the same berth version.' });
  }
  return o as ActionReply;
};
