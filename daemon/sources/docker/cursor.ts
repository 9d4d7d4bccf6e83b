import type { Recorded } from '../../../events/envelope.js';
import type { OpsEvent } from '../../../events/ops-event.js';
import type { CanonicalTime } from '../../../events/time.js';

const RECENT = 4096;

/**
 * Where a Docker source resumes after a restart: the newest event time stored for its host and
 * the ids of the last events stored. The engine replays at most 256 past events, so remembering
 * 4096 ids is enough to skip every replayed event that is already in the stream, including ones
 * that arrived out of time order.
 */
export class DockerCursor {
  lastAt: CanonicalTime | null = null;
  private readonly recent = new Set<string>();
  readonly host: string;

  constructor(host: string) {
    this.host = host;
  }

  /** Feeds every stored event; only this host's /events lines (`dk-` ids) count. */
  observe(e: Recorded<OpsEvent> | OpsEvent): void {
    if (e.source.kind !== 'docker' || e.source.host !== this.host || !e.id.startsWith('dk-')) return;
    this.remember(e.id, e.at);
  }

  remember(id: string, at: CanonicalTime): void {
    if (this.lastAt === null || at > this.lastAt) this.lastAt = at;
    this.recent.delete(id);
    this.recent.add(id);
    if (this.recent.size > RECENT) this.recent.delete(this.recent.values().next().value as string);
  }

  /** A newest stored time known otherwise (a snapshot's): used when later than what was observed. */
  resumeAt(at: CanonicalTime | undefined): void {
    if (at !== undefined && (this.lastAt === null || at > this.lastAt)) this.lastAt = at;
  }

  seen(id: string): boolean {
    return this.recent.has(id);
  }

  /** The `since` to ask the engine for: five minutes before the newest stored event (ids skip repeats). */
  since(): string | undefined {
    if (this.lastAt === null) return undefined;
    const secs = Math.floor(Date.parse(this.lastAt.slice(0, 19) + 'Z') / 1000) - 300;
    return `${secs}.${this.lastAt.slice(20, 29)}`;
  }
}
