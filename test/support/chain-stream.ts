import { createHash } from 'node:crypto';
import type { SealEntry } from '../../events/chain-event.js';
import type { ChainHead, Sha256 } from '../../events/chain.js';
import { chainStart, entryDigest, headAfter, makeSeal, relativeSubject } from '../../events/chain.js';
import type { StoredMessage } from '../../events/chain-verify.js';
import { encodeToken } from '../../events/ids.js';

export const sha256: Sha256 = (parts) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest('hex');
};

export type Msg = { seq: number; subject: string; data: string; msgId: string };

const AT = '2026-11-23T10:00:00.000000000Z';

/**
 * An in-memory stream that writers append records and seals to, the way the Appender does
 * (records first, then a seal over their ids and digests), for testing the verifier.
 */
export class FakeStream {
  readonly root: string;
  msgs: Msg[] = [];
  private readonly heads = new Map<string, ChainHead>();

  constructor(root = 't.evt') {
    this.root = root;
  }

  private push(subject: string, data: string, msgId: string): Msg {
    const m = { seq: this.msgs.length + 1, subject, data, msgId };
    this.msgs.push(m);
    return m;
  }

  /** Appends one container event record. */
  record(name: string): Msg {
    const rec = { id: `ev-${name}`, type: 'ContainerStarted', v: 1, at: AT, observedAt: AT, source: { kind: 'docker', host: 'h1' }, subject: { kind: 'container', id: `c-${name}` }, data: { containerId: `c-${name}` } };
    return this.push(`${this.root}.container.${encodeToken(rec.subject.id)}`, JSON.stringify(rec), rec.id);
  }

  entry(m: Msg, unordered = false): SealEntry {
    const d = entryDigest(sha256, relativeSubject(this.root, m.subject), m.data);
    return unordered ? [m.msgId, d, 'unordered'] : [m.msgId, d];
  }

  /** Appends the writer's next seal over `msgs` (in stream order) and `unordered` ones (flagged). */
  seal(writer: string, msgs: readonly Msg[], unordered: readonly Msg[] = []): Msg {
    const head = this.heads.get(writer) ?? chainStart;
    const entries = [...[...msgs].sort((a, b) => a.seq - b.seq).map((m) => this.entry(m)), ...unordered.map((m) => this.entry(m, true))];
    const rec = makeSeal(sha256, { writer, head, entries, at: AT, source: { kind: 'berth', host: 'h1' } });
    this.heads.set(writer, headAfter(rec.chain as NonNullable<typeof rec.chain>));
    return this.push(`${this.root}.chain.${encodeToken(writer)}`, JSON.stringify(rec), rec.id);
  }

  /** The messages as a copy into a fresh stream would number them (1..n), after an optional edit. */
  copy(edit: (msgs: Msg[]) => Msg[] = (m) => m, root = this.root): StoredMessage[] {
    return edit(this.msgs.map((m) => ({ ...m }))).map((m, i) => ({ ...m, seq: i + 1, subject: root + m.subject.slice(this.root.length) }));
  }
}
