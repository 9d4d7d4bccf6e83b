// CPU of one frame of `berth top`, measured without timers or NATS so it holds still on a busy
// machine: the real App over a LiveStore of ROWS synthetic containers, Ink drawing every commit at
// once (no frame throttle) to a fake 200×50 terminal. Each of FRAMES steps changes RATE/10
// containers (HIT of them on screen, so every step draws), publishes the store and waits for the
// frame; prints the CPU per step (p50, p95, mean) and, with TIMING=1, the parts. Profile with
// node --cpu-prof --import tsx this file.
//   usage: console-cpu.ts [ROWS] [FRAMES] [berth|bare] [HIT]
import { PerformanceObserver } from 'node:perf_hooks';
import { LiveStore } from '../../daemon/query/live-store.js';
import type { Container } from '../../events/container.js';
import type { QueryClient } from '../../events/read-model.js';
import { cpuNow, FrameMeter, sourceTime, syntheticContainers } from './console-frames.js';

const [rowsText = '10000', framesText = '300', mode = 'berth', hitText = '2'] = process.argv.slice(2);
const ROWS = Number(rowsText);
const FRAMES = Number(framesText);
const HIT = Number(hitText);
const PER_STEP = 100;

const store = new LiveStore('offline', { coalesceMs: 1e9 });
const { byId, onScreen } = syntheticContainers(store, ROWS);

const parts: Record<string, number> = {};
const timed = (label: string, f: () => void): void => {
  const t = cpuNow();
  f();
  parts[label] = (parts[label] ?? 0) + cpuNow() - t;
};
const fail = (): never => { throw new Error('offline'); };
let inReact = 0;
const client: QueryClient = {
  subscribe: (l) => store.subscribe(() => { const t = cpuNow(); l(); inReact += cpuNow() - t; }),
  getSnapshot: store.getSnapshot, history: fail, modelAt: fail, act: fail, close: async () => undefined,
};
let renders = 0;
const meter = new FrameMeter();
const app = meter.render(mode === 'bare' ? 'bare' : 'berth', client, { maxFps: 100_000, onRender: () => { renders += 1; } });

let sent = 0;
let hits = 0;
const step = (): void => {
  for (let j = 0; j < PER_STEP; j++, sent++) {
    const i = j < HIT ? (onScreen[hits++ % onScreen.length] as number) : Math.floor(Math.random() * ROWS);
    const old = byId[i] as Container;
    const c = { ...old, state: old.state === 'running' ? 'exited' : 'running', updatedAt: sourceTime(Date.now()), seq: old.seq + 1 } as Container;
    byId[i] = c;
    store.put('containers', c.containerId, c);
  }
  store.setMeta({ seq: ROWS + sent, events: ROWS + sent, unrecognized: 0 });
};
const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 2));
const steps: number[] = [];
const run = async (n: number, keep: boolean): Promise<void> => {
  for (let k = 0; k < n; k++) {
    const t = cpuNow();
    timed('changes', step);
    timed('publish (store + React until Ink)', () => store.flush());
    await tick();
    if (keep) steps.push(cpuNow() - t);
  }
};
await run(Math.min(100, FRAMES), false);
for (const k of Object.keys(parts)) delete parts[k];
inReact = 0;
const r0 = renders;
// Pauses for garbage collection while measuring (wall time of the collector, most of it on this thread).
let gcMs = 0;
const gc = new PerformanceObserver((list) => { for (const e of list.getEntries()) gcMs += e.duration; });
gc.observe({ entryTypes: ['gc'] });
const cpu0 = cpuNow();
await run(FRAMES, true);
const total = cpuNow() - cpu0;
gc.disconnect();
app.unmount();
const pct = (xs: number[], q: number): number => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor((q / 100) * s.length))] ?? NaN; };
process.stdout.write(`${mode}: ${FRAMES} steps, ${renders - r0} Ink renders; CPU per step p50 ${pct(steps, 50).toFixed(2)} p95 ${pct(steps, 95).toFixed(2)} mean ${(total / FRAMES).toFixed(2)} ms; GC ${(gcMs / FRAMES).toFixed(2)} ms/step\n`);
if (process.env['TIMING'] !== undefined) {
  for (const [k, v] of Object.entries(parts)) process.stdout.write(`  ${k}: ${(v / FRAMES).toFixed(2)} ms/step\n`);
  process.stdout.write(`  of which listeners (React): ${(inReact / FRAMES).toFixed(2)} ms/step\n`);
}
process.exit(0);
