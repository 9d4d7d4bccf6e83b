import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import type { StoreNames } from './store/names.js';

/**
 * Presence: a running daemon answers requests on `<prefix>.presence`, so a console can tell
 * "the daemon is down" (no responders) from "nothing is happening" (an answer, no events).
 * Every daemon on a prefix answers; the first reply wins.
 */
export const presenceSubject = (names: StoreNames): string => `${names.prefix}.presence`;

/** What a daemon says about itself: its pid and the stream sequence its model reflects. */
export type PresenceReply = Readonly<{ pid: number; seq: number }>;

export const servePresence = (nc: NatsConnection, names: StoreNames, info: () => PresenceReply): Subscription =>
  nc.subscribe(presenceSubject(names), {
    callback: (err, m) => {
      if (err === null) m.respond(JSON.stringify(info()));
    },
  });

/** True when some daemon on this prefix answered within `timeoutMs`. */
export const daemonAnswers = async (nc: NatsConnection, names: StoreNames, timeoutMs = 1500): Promise<boolean> => {
  try {
    await nc.request(presenceSubject(names), '', { timeout: timeoutMs });
    return true;
  } catch {
    // NoRespondersError (nobody subscribed) or a timeout: either way no daemon is serving.
    return false;
  }
};
