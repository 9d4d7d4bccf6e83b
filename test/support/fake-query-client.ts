import type { Recorded } from '../../events/envelope.js';
import { applyEvent, fold, initialInventory } from '../../events/inventory.js';
import type { OpsEvent } from '../../events/ops-event.js';
import type { ActionOutcome, ActionRequest, EntityRef, PastModel, QueryClient, ReadModelState, ReadProblem } from '../../events/read-model.js';
import type { CanonicalTime } from '../../events/time.js';
import { actOver, MAPS } from '../../daemon/query/client.js';
import type { ConsoleActor, SendAction } from '../../daemon/query/client.js';
import { LiveStore, modelOf } from '../../daemon/query/live-store.js';

/**
 * The console's QueryClient in memory, on the real fold: events pushed in are folded by
 * `applyEvent` and published through the same store (and snapshot shape) the NATS client uses.
 * Publishing is explicit (`push` publishes at its end), so a test decides what one render covers.
 */
export class FakeQueryClient implements QueryClient {
  readonly store: LiveStore;
  readonly log: Recorded<OpsEvent>[] = [];
  readonly requests: ActionRequest[] = [];
  /** What `act` answers when there is no `actor`. */
  actOutcome: ActionOutcome = { ok: false, message: 'FakeQueryClient: no actor and no outcome set: nothing was sent.' };
  /**
   * With an actor (the CLI's real one, say), `act` runs it as the NATS client does (`actOver`),
   * over the model on screen, sending with `send` (a test's fake daemon) instead of NATS.
   */
  actor: ConsoleActor | undefined;
  send: SendAction = () => Promise.reject(new Error('FakeQueryClient has no daemon to send to'));
  historyCalls = 0;
  private readonly inv = initialInventory();
  private seq = 0;

  /** Events the live tail keeps (and the past one reads back), as the NATS client's `tailSize`. */
  private readonly tailSize: number;

  constructor(opts: Readonly<{ connecting?: boolean; tailSize?: number }> = {}) {
    this.tailSize = opts.tailSize ?? 2000;
    // A clock whose timers never fire: `push` publishes itself, so frames are deterministic.
    this.store = new LiveStore("NATS at 'nats://fake:4222' (prefix 'test')", { tailSize: this.tailSize, clock: { now: () => 0, setTimer: () => 1, clearTimer: () => undefined } });
    if (!opts.connecting) this.store.ready();
  }

  /** A client already live with these events folded. */
  static with(...events: OpsEvent[]): FakeQueryClient {
    const c = new FakeQueryClient();
    c.push(...events);
    return c;
  }

  readonly subscribe = (l: () => void): (() => void) => this.store.subscribe(l);
  readonly getSnapshot = (): ReadModelState => this.store.getSnapshot();

  /** Folds and publishes events (each gets the next stream sequence unless it has one). */
  push(...events: OpsEvent[]): void {
    const recorded = events.map((e) => ({ ...e, seq: (e as Partial<Recorded<OpsEvent>>).seq ?? ++this.seq }) as Recorded<OpsEvent>);
    for (const e of recorded) {
      this.log.push(e);
      for (const c of applyEvent(this.inv, e)) this.store.put(MAPS[c.kind], c.id, c.value);
    }
    const k = this.inv.counters;
    this.store.setMeta({ seq: k.lastSeq, events: k.events, unrecognized: k.unrecognized });
    this.store.pushEvents(recorded);
    this.store.ready();
  }

  /** Something is wrong (a model already shown turns stale; none yet: failed). */
  fail(problem: ReadProblem, retryInMs: number | null = null): void {
    this.store.setProblem(problem, retryInMs);
  }

  setLag(lagMs: number | null, behind: number): void {
    this.store.setLag(lagMs, behind);
    this.store.flush();
  }

  history(entity: EntityRef, limit: number, _signal?: AbortSignal, until?: CanonicalTime): Promise<readonly Recorded<OpsEvent>[]> {
    this.historyCalls += 1;
    return Promise.resolve(this.log.filter((e) => e.subject.kind === entity.kind && e.subject.id === entity.id && (until === undefined || e.at <= until)).slice(-limit));
  }

  /** As the NATS client: the fold of the events up to `at`, and those of the last `tailSize` positions up to its newest. */
  modelAt(at: CanonicalTime): Promise<PastModel> {
    const inv = fold(this.log.filter((e) => e.at <= at));
    const k = inv.counters;
    const tail = this.log.filter((e) => e.seq <= k.lastSeq && e.seq > k.lastSeq - this.tailSize && e.at <= at);
    return Promise.resolve({ at, model: modelOf(inv, { seq: k.lastSeq, events: k.events, unrecognized: k.unrecognized }), tail });
  }

  act(request: ActionRequest): Promise<ActionOutcome> {
    this.requests.push(request);
    if (this.actor === undefined) return Promise.resolve(this.actOutcome);
    return actOver(request, { actor: this.actor, state: this.getSnapshot(), sender: () => this.send });
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
