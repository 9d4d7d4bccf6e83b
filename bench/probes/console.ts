// Probe (fresh process, NODE_ENV=production): the console of `berth top` (mode `berth`: the real
// App, tables and keymap) or a bare Ink list of the same rows (mode `bare`, the baseline), drawn by
// Ink to a fake 200×50 terminal over the real LiveQueryClient on NATS. Prints `READY` once the
// model is on screen, then measures for SECONDS: frame time = from the store publishing a change to
// Ink writing the frame, and the CPU this process used. Ends with one JSON line.
import { LiveQueryClient } from '../../daemon/query/live-query.js';
import type { QueryClient } from '../../events/read-model.js';
import { FrameMeter } from './console-frames.js';

const [mode, prefix, url, rowsText, secondsText] = process.argv.slice(2);
if ((mode !== 'berth' && mode !== 'bare') || prefix === undefined || url === undefined) throw new Error('usage: console.ts berth|bare PREFIX URL ROWS SECONDS');
const want = Number(rowsText);
const seconds = Number(secondsText);
const meter = new FrameMeter();
let publishes = 0;

const live = LiveQueryClient.start({ url, prefix });
/** The client as the console sees it, with the moment each change is published noted first. */
const client: QueryClient = {
  subscribe: (l) => live.subscribe(() => {
    publishes += 1;
    meter.mark();
    l();
  }),
  getSnapshot: live.getSnapshot,
  history: live.history.bind(live), modelAt: live.modelAt.bind(live), act: live.act.bind(live), close: live.close.bind(live),
};

const app = meter.render(mode, client);

const rows = (): number => {
  const s = live.getSnapshot();
  return s.status === 'live' || s.status === 'stale' ? s.model.containers.size : 0;
};
const modelSeq = (): number => {
  const s = live.getSnapshot();
  return s.status === 'live' || s.status === 'stale' ? (s.model.meta?.seq ?? 0) : 0;
};
for (const end = Date.now() + 300_000; rows() < want; await new Promise((r) => setTimeout(r, 100))) {
  if (Date.now() > end) throw new Error(`the console never showed ${want} rows (has ${rows()})`);
}
process.stdout.write(`READY ${rows()}\n`);
await new Promise((r) => setTimeout(r, 1000));
meter.measuring = true;
publishes = 0;
meter.writes = 0;
const cpu0 = process.cpuUsage();
const seq0 = modelSeq();
const t0 = performance.now();
await new Promise((r) => setTimeout(r, seconds * 1000));
meter.measuring = false;
const cpu = process.cpuUsage(cpu0);
const wall = performance.now() - t0;
const seen = modelSeq() - seq0;
app.unmount();
await live.close();
process.stdout.write(JSON.stringify({ mode, rows: rows(), frames: meter.frames, frameCpu: meter.frameCpu, seen, publishes, writes: meter.writes, cpuPct: ((cpu.user + cpu.system) / 1000 / wall) * 100, wallMs: wall }) + '\n');
process.exit(0);
