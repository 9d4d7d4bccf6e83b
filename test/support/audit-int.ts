// Helpers of test/int/audit-verify.int.test.ts: a sealing writer process, raw reads and message-by-message copies of a stream.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { jetstream } from '@nats-io/jetstream';
import { connect, headers } from '@nats-io/transport-node';
import type { MsgHdrs } from '@nats-io/transport-node';
import type { ChainSealed } from '../../events/chain-event.js';
import type { ChainReport } from '../../events/chain-verify.js';
import { ensureStore } from '../../daemon/store/ensure.js';
import { storeNames } from '../../daemon/store/names.js';
import { readStream } from '../../daemon/store/read.js';
import { berth, NATS_URL, ROOT } from './daemon-harness.js';

export type Raw = { subject: string; data: Uint8Array; headers: MsgHdrs | undefined; seq: number };
export type Verdict = { code: number; stdout: string; stderr: string; report: ChainReport & { stream: { denyDelete: boolean; denyPurge: boolean } } };

export const chainPrefix = (): string => `tchain${randomBytes(3).toString('hex')}`;
export const dec = new TextDecoder();

export const verify = async (prefix: string): Promise<Verdict> => {
  const r = await berth(['audit', 'verify', '--json', '--prefix', prefix, '--nats', NATS_URL]);
  return { ...r, report: JSON.parse(r.stdout) as Verdict['report'] };
};

/** Runs test/support/chain-writer.ts: the real Appender sealing as `writer`, printing its acked prefix. */
export const runWriter = (prefix: string, writer: string, from: number, to: number, killWhen?: (acked: number, seals: number) => boolean) => {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/chain-writer.ts', prefix, writer, String(from), String(to), NATS_URL], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const state = { acked: from, seals: 0, err: '', killed: false };
  child.stdout.on('data', (d: Buffer) => {
    for (const m of d.toString().matchAll(/acked (\d+) seals (\d+)/g)) {
      state.acked = Number(m[1]);
      state.seals = Number(m[2]);
    }
    if (!state.killed && killWhen?.(state.acked, state.seals) === true) {
      state.killed = true;
      child.kill('SIGKILL');
    }
  });
  child.stderr.on('data', (d: Buffer) => { state.err += d.toString(); });
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return { state, exited };
};

export const readRaw = async (prefix: string): Promise<Raw[]> => {
  const nc = await connect({ servers: NATS_URL });
  const out: Raw[] = [];
  try {
    const names = storeNames(prefix);
    await readStream(nc, { stream: names.stream, filter: `${names.evtRoot}.>` }, (m) => {
      out.push({ subject: m.subject, data: m.data, headers: m.headers, seq: m.seq });
    });
  } finally {
    await nc.close();
  }
  return out;
};

/** Copies messages into another prefix's stream one by one: same subjects (under the new prefix), bodies and headers. */
export const copyInto = async (from: string, to: string, msgs: readonly Raw[]): Promise<void> => {
  const nc = await connect({ servers: NATS_URL });
  try {
    const names = storeNames(to);
    await ensureStore(nc, names);
    const js = jetstream(nc);
    const root = storeNames(from).evtRoot.length;
    // Published in order on one connection, many in flight: JetStream stores them in that order.
    for (let i = 0; i < msgs.length; i += 500) {
      await Promise.all(msgs.slice(i, i + 500).map((m) => {
        const h = headers();
        for (const k of m.headers?.keys() ?? []) for (const v of m.headers?.values(k) ?? []) h.append(k, v);
        return js.publish(`${names.evtRoot}${m.subject.slice(root)}`, m.data, { headers: h });
      }));
    }
  } finally {
    await nc.close();
  }
};

export const sealsOf = (msgs: readonly Raw[]): ChainSealed[] =>
  msgs.filter((m) => m.subject.includes('.evt.chain.')).map((m) => JSON.parse(dec.decode(m.data)) as ChainSealed);
