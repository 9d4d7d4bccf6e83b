import type { ReadModelState } from '../events/read-model.js';
import type { CanonicalTime } from '../events/time.js';
import { ago, lagText, msOf, whenText } from './format/time.js';
import { theme } from './theme.js';

/** How the past model is coming along when time travelling. */
export type PastStatus = Readonly<{ at: CanonicalTime; state: 'loading' | 'ready' | 'failed'; error?: string }>;

export type StatusView = Readonly<{
  /** Right end of the header. */
  text: string;
  colour: string;
  /** Lines under the header saying what is wrong or special, and what to do. */
  banner: readonly string[];
}>;

const SLOW_MS = 5000;

/**
 * What the console says about where its data comes from, for every state it can be in: connecting,
 * live (with lag), stale (NATS lost, daemon down), failed (NATS unreachable, no model), or a past
 * moment. Each problem line is followed by what to do. `safe` makes quoted text terminal-safe.
 */
export const statusOf = (snap: ReadModelState, past: PastStatus | null, nowMs: number, safe: (s: string) => string): StatusView => {
  if (past !== null) {
    const when = `${whenText(past.at)} (${ago(nowMs - msOf(past.at))} ago)`;
    if (past.state === 'loading') return { text: `⏪ ${when}`, colour: theme.past, banner: [`Loading the model as it was at ${when}: berth replays the log up to then…`] };
    if (past.state === 'failed') return { text: `⏪ ${when}`, colour: theme.failed, banner: [`The model at ${when} could not be read: ${safe(past.error ?? '')}`, 'Press L (or :live) to go back to live, or t to pick another moment.'] };
    return { text: `⏪ ${when}`, colour: theme.past, banner: [`The past: the model at ${when}, as --at shows it. L or :live goes back to live; t picks another moment.`] };
  }
  switch (snap.status) {
    case 'connecting':
      return { text: '… connecting', colour: theme.stale, banner: [] };
    case 'failed':
      return { text: `✗ ${snap.problem.code}`, colour: theme.failed, banner: [] };
    case 'stale':
      return { text: `◌ ${snap.problem.code}`, colour: theme.stale, banner: [safe(snap.problem.message), safe(snap.problem.hint)] };
    case 'live': {
      const behind = snap.behind > 0 ? ` · ${snap.behind} behind` : '';
      const slow = snap.lagMs !== null && snap.lagMs > SLOW_MS;
      return { text: `● live · lag ${lagText(snap.lagMs)}${behind}`, colour: slow ? theme.stale : theme.live, banner: slow ? [`The daemon is ${lagText(snap.lagMs)} behind the log (${snap.behind} events): the model catches up as it folds them.`] : [] };
    }
  }
};

/** The body of a screen with no model to show: what is happening and what to do. */
export const messageOf = (snap: ReadModelState, safe: (s: string) => string): readonly string[] => {
  if (snap.status === 'connecting') return [`Connecting to ${safe(snap.target)}…`];
  if (snap.status === 'failed') {
    const retry = snap.retryInMs === null ? 'berth keeps trying.' : `Trying again in ${Math.round(snap.retryInMs / 1000)}s.`;
    return [safe(snap.problem.message), safe(snap.problem.hint), retry, 'q quits.'];
  }
  return [];
};
