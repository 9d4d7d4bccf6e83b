import type { ActionRequested, ActionResponder } from '../../events/action.js';
import type { OpsEvent } from '../../events/ops-event.js';
import { toEpochMs } from '../../events/time.js';
import type { CanonicalTime } from '../../events/time.js';
import { actionRecord } from './records.js';

/** How long after the start a request left without an outcome is given up on (another daemon of the same engine may still be carrying it out). */
export const ORPHAN_GRACE_MS = 120_000;

/** ORPHAN_GRACE_MS, or BERTH_ORPHAN_GRACE_MS (milliseconds; tests shorten it). */
export const orphanGraceMs = (env: NodeJS.ProcessEnv = process.env): number => {
  const v = env['BERTH_ORPHAN_GRACE_MS'];
  return v !== undefined && /^\d+$/.test(v) ? Number(v) : ORPHAN_GRACE_MS;
};

/**
 * Requests without an outcome, as the daemon's fold sees the log (replayed at the start, then
 * live). A daemon killed (-9, a crash, the host lost) between a request's `ActionRequested` and its
 * outcome left that request open for good: the requester was told to look for the outcome in the
 * record, and none ever came.
 */
export class OpenRequests {
  private readonly open = new Map<string, ActionRequested>();

  observe(e: OpsEvent): void {
    if (e.type === 'ActionRequested') this.open.set(e.data.requestId, e);
    else if (e.type === 'ActionSucceeded' || e.type === 'ActionFailed' || e.type === 'ActionRefused') this.open.delete(e.data.requestId);
  }

  /**
   * `ActionFailed` records for the requests still open that one of `responders` was asked before
   * `before` (this daemon's start): their daemon stopped before it knew the outcome. Whether the
   * engine or Nova did it is unknown, and the record says so.
   */
  lost(responders: readonly ActionResponder[], before: CanonicalTime, now: CanonicalTime): OpsEvent[] {
    const mine = new Set(responders.map((r) => `${r.kind}|${r.name}`));
    return [...this.open.values()]
      .filter((r) => mine.has(`${r.data.responder.kind}|${r.data.responder.name}`) && r.at < before)
      .map((r) => actionRecord('ActionFailed', {
        action: r.data.action, responder: r.data.responder,
        body: { requestId: r.data.requestId, target: r.data.target, by: r.data.by, reason: r.data.reason, options: r.data.options },
      }, {
        error: 'the daemon stopped (killed, crashed or its host lost) before it recorded the outcome: whether it was carried out is unknown; check the target',
        status: null, tookMs: Math.max(0, toEpochMs(now) - toEpochMs(r.at)),
      }, now));
  }
}
