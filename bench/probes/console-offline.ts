// Offline profile of `berth top`'s frame cost (no NATS, no daemon): the real App over a LiveStore
// holding ROWS synthetic containers (a real inspect, re-keyed), RATE state changes a second pushed
// in batches every 100 ms (as bench/tui.ts feeds the daemon), drawn by Ink to a fake 200×50 terminal.
// Prints frame CPU/wall p50/p95 over SECONDS. For profiling: node --cpu-prof --import tsx this file.
//   usage: console-offline.ts [ROWS] [RATE] [SECONDS] [berth|bare]   (DUMP=1: print the last frame's last lines;
//   HIT=n: n of each batch's changes land on rows on screen, so every batch draws a frame)
import { LiveStore } from '../../daemon/query/live-store.js';
import type { Container } from '../../events/container.js';
import type { QueryClient } from '../../events/read-model.js';
import { cpuNow, FrameMeter, RowList, sourceTime, syntheticContainers } from './console-frames.js';

const [rowsText = '10000', rateText = '1000', secondsText = '10', mode = 'berth'] = process.argv.slice(2);
const ROWS = Number(rowsText);
const RATE = Number(rateText);
const SECONDS = Number(secondsText);

const meter = new FrameMeter();
const store = new LiveStore('offline');
// TIMING=1: CPU of the store's publish (copying changed maps) and of the row list's update, per call.
const timed: Record<string, number[]> = {};
const time = (obj: object, name: string, label: string): void => {
  const o = obj as Record<string, (...a: unknown[]) => unknown>;
  const f = o[name] as (...a: unknown[]) => unknown;
  o[name] = function (this: unknown, ...a: unknown[]) { const t = cpuNow(); const r = f.apply(this, a); if (meter.measuring) (timed[label] ??= []).push(cpuNow() - t); return r; };
};
if (process.env['TIMING'] !== undefined) {
  time(store, 'build', 'store publish');
  time(RowList.prototype, 'rows', 'row list');
}
const { byId, onScreen } = syntheticContainers(store, ROWS);

const inkTimes: number[] = [];
const fail = (): never => { throw new Error('offline'); };
const client: QueryClient = {
  subscribe: (l) => store.subscribe(() => { meter.mark(); l(); }),
  getSnapshot: store.getSnapshot, history: fail, modelAt: fail, act: fail, close: async () => undefined,
};
const app = meter.render(mode === 'bare' ? 'bare' : 'berth', client, { onRender: ({ renderTime }) => { if (meter.measuring) inkTimes.push(renderTime); } });

const HIT = Number(process.env['HIT'] ?? 0);
let sent = 0;
const feed = setInterval(() => {
  for (let j = 0; j < RATE / 10; j++, sent++) {
    const i = j < HIT ? (onScreen[Math.floor(Math.random() * onScreen.length)] as number) : Math.floor(Math.random() * ROWS);
    const old = byId[i] as Container;
    const c = { ...old, state: sent % 2 === 0 ? 'exited' : 'running', updatedAt: sourceTime(Date.now()), seq: old.seq + 1 } as Container;
    byId[i] = c;
    store.put('containers', c.containerId, c);
  }
  store.setMeta({ seq: ROWS + sent, events: ROWS + sent, unrecognized: 0 });
}, 100);
await new Promise((r) => setTimeout(r, 1000));
meter.measuring = true;
const cpu0 = process.cpuUsage();
const t0 = performance.now();
await new Promise((r) => setTimeout(r, SECONDS * 1000));
meter.measuring = false;
const cpu = process.cpuUsage(cpu0);
const wall = performance.now() - t0;
clearInterval(feed);
app.unmount();
const { frames, frameCpu, lastFrame } = meter;
const pct = (xs: number[], q: number): number => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor((q / 100) * s.length))] ?? NaN; };
process.stdout.write(`${mode}: ${frames.length} frames; wall p50 ${pct(frames, 50).toFixed(1)} p95 ${pct(frames, 95).toFixed(1)} ms; cpu/frame p50 ${pct(frameCpu, 50).toFixed(1)} p95 ${pct(frameCpu, 95).toFixed(1)} ms; Ink render (all ${inkTimes.length}) p50 ${pct(inkTimes, 50).toFixed(1)} p95 ${pct(inkTimes, 95).toFixed(1)} ms; CPU ${(((cpu.user + cpu.system) / 1000 / wall) * 100).toFixed(1)} %\n`);
for (const [k, v] of Object.entries(timed)) process.stdout.write(`${k}: ${v.length} calls, CPU p50 ${pct(v, 50).toFixed(2)} p95 ${pct(v, 95).toFixed(2)} ms\n`);
if (process.env['DUMP'] !== undefined) process.stdout.write(JSON.stringify(lastFrame.split('\n').slice(-4), null, 1) + '\n');
process.exit(0);
