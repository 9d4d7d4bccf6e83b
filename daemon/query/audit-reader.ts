import type { NatsConnection } from '@nats-io/transport-node';
import { ChainVerifier } from '../../events/chain-verify.js';
import type { ChainReport, StoredMessage } from '../../events/chain-verify.js';
import { NotFoundError } from '../../events/errors.js';
import { maskUrl } from '../../events/mask-url.js';
import { connectNats } from '../store/connect.js';
import type { StoreNames } from '../store/names.js';
import { storeNames } from '../store/names.js';
import { readStream } from '../store/read.js';
import { sha256 } from '../store/sha256.js';
import { streamInfoPatiently } from './stream-info.js';

/** What `audit verify` reports about the stream itself. */
export type StreamFacts = Readonly<{
  stream: string;
  /** `<prefix>.evt`: the root the chain hashes subjects under. */
  evtRoot: string;
  messages: number;
  firstSeq: number;
  lastSeq: number;
  /** The API refuses to delete single messages / to purge the stream. */
  denyDelete: boolean;
  denyPurge: boolean;
}>;

/** Reads the event stream raw, message by message, for the chain verifier (no parsing, no fold). */
export class AuditReader {
  readonly names: StoreNames;
  private readonly nc: NatsConnection;

  private readonly url: string;

  private constructor(nc: NatsConnection, names: StoreNames, url: string) {
    this.nc = nc;
    this.url = maskUrl(url);
    this.names = names;
  }

  /** Connects like every command does; an unreachable NATS is a `DaemonUnreachableError` (exit 3). */
  static async open(url: string, prefix: string, opts: Parameters<typeof connectNats>[2] = {}): Promise<AuditReader> {
    return new AuditReader(await connectNats(url, 'berth-audit', opts), storeNames(prefix), url);
  }

  async facts(): Promise<StreamFacts> {
    const info = await streamInfoPatiently(this.nc, this.url, this.names.stream, (cause) => new NotFoundError(`No berth event log on this NATS server (stream '${this.names.stream}' does not exist).`, {
      hint: "Check --prefix and --nats (the daemon's), or start 'berth daemon' first.", cause,
    }), { names: this.names, root: this.names.evtRoot });
    return {
      stream: this.names.stream, evtRoot: this.names.evtRoot, messages: info.state.messages,
      firstSeq: info.state.first_seq, lastSeq: info.state.last_seq,
      denyDelete: info.config.deny_delete === true, denyPurge: info.config.deny_purge === true,
    };
  }

  /** Every message that existed when the read started, in stream order. */
  async read(onMessage: (m: StoredMessage) => void): Promise<void> {
    await readStream(this.nc, { stream: this.names.stream, filter: `${this.names.evtRoot}.>` }, (m) => {
      onMessage({ seq: m.seq, subject: m.subject, data: m.data, msgId: m.headers?.get('Nats-Msg-Id') || undefined });
    });
  }

  /**
   * Recomputes every writer's chain over the whole stream (see `ChainVerifier`). `onProgress` is
   * called after each message with how many were read and how many the stream held at the start.
   */
  async verify(onProgress?: (read: number, total: number) => void): Promise<{ facts: StreamFacts; report: ChainReport }> {
    const facts = await this.facts();
    const v = new ChainVerifier({ evtRoot: facts.evtRoot, sha256, firstSeq: facts.firstSeq });
    let read = 0;
    await this.read((m) => {
      v.add(m);
      read += 1;
      onProgress?.(read, facts.messages);
    });
    return { facts, report: v.report() };
  }

  async close(): Promise<void> {
    await this.nc.close();
  }
}
