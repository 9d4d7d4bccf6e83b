// npm run bench: the Docker slice's hot paths, each beside a baseline measured in the same run.
// Prints numbers; asserts nothing (speed targets live here, never in tests).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { applyEvent, initialInventory } from '../events/inventory.js';
import type { OpsEvent } from '../events/ops-event.js';
import { translateDockerEvent } from '../events/translate/docker.js';
import { parseEventLine } from '../daemon/sources/docker/ndjson.js';
import { Appender } from '../daemon/store/append.js';
import { ensureStore } from '../daemon/store/ensure.js';
import { storeNames } from '../daemon/store/names.js';
import { createLogger } from '../daemon/log.js';

const CORPUS = join(import.meta.dirname, '..', '..', 'shared', 'corpus', 'docker');
const NATS = process.env['BERTH_NATS_URL'] ?? 'nats://127.0.0.1:4222';
const rate = (n: number, ms: number): string => `${Math.round((n / ms) * 1000).toLocaleString('en')}/s`;

const corpusLines = (): string[] =>
  readdirSync(CORPUS).filter((f) => f.endsWith('.jsonl')).flatMap((f) => readFileSync(join(CORPUS, f), 'utf8').split('\n').filter(Boolean));

/** Corpus events re-keyed onto `copies` × distinct containers, so the model grows like a real one. */
const syntheticEvents = (copies: number): OpsEvent[] => {
  const lines = corpusLines();
  const out: OpsEvent[] = [];
  for (let k = 0; k < copies; k++) {
    for (const l of lines) {
      const item = parseEventLine(l.replace(/[0-9a-f]{64}/g, (id) => id.slice(0, 56) + k.toString(16).padStart(8, '0')));
      if (item?.ok) out.push(...translateDockerEvent(`h${k % 16}`, item.event, '2026-11-23T00:00:00.000000000Z'));
    }
  }
  return out;
};

const benchFold = (): void => {
  const events = syntheticEvents(60);
  const texts = events.map((e) => JSON.stringify(e));
  for (const s of texts) applyEvent(initialInventory(), JSON.parse(s) as OpsEvent); // warm-up, so neither side pays the JIT
  let t = performance.now();
  for (const s of texts) JSON.parse(s);
  const parseMs = performance.now() - t;
  const inv = initialInventory();
  t = performance.now();
  for (const s of texts) applyEvent(inv, JSON.parse(s) as OpsEvent);
  const foldMs = performance.now() - t;
  console.log(`fold: ${texts.length.toLocaleString('en')} events → ${inv.containers.size.toLocaleString('en')} containers`);
  console.log(`  baseline JSON.parse only        ${rate(texts.length, parseMs)}`);
  console.log(`  JSON.parse + berth fold         ${rate(texts.length, foldMs)}  (${((foldMs / parseMs) * 100).toFixed(0)}% of the baseline's time)`);
};

const benchAppend = async (): Promise<void> => {
  const nc = await connect({ servers: NATS, noAsyncTraces: true });
  const names = storeNames(`bench${process.pid}`);
  const jsm = await jetstreamManager(nc);
  try {
    await ensureStore(nc, names);
    const events = syntheticEvents(20);
    const js = jetstream(nc);
    const raw = events.map((e) => JSON.stringify(e));
    let t = performance.now();
    for (let i = 0; i < raw.length; i += 1024) {
      await Promise.all(raw.slice(i, i + 1024).map((s, j) => js.publish(`${names.evtRoot}.baseline.x${(i + j) % 1000}`, s, { msgID: `base-${i + j}` })));
    }
    const baseMs = performance.now() - t;
    const appender = new Appender(nc, names, createLogger({ quiet: true }));
    t = performance.now();
    await Promise.all(events.map((e) => appender.append(e)));
    const appMs = performance.now() - t;
    console.log(`append to JetStream: ${events.length.toLocaleString('en')} events`);
    console.log(`  baseline js.publish, batches of 1024 with Nats-Msg-Id   ${rate(raw.length, baseMs)}`);
    console.log(`  berth Appender (512 in flight, dedup ids)             ${rate(events.length, appMs)}  (${((baseMs / appMs) * 100).toFixed(0)}% of the baseline's rate)`);
  } finally {
    for (const s of [names.stream, names.dlqStream, `KV_${names.bucket}`]) await jsm.streams.delete(s).catch(() => false);
    await nc.close();
  }
};

benchFold();
await benchAppend();
