// Probe (fresh process, NODE_ENV=production): the console of `berth top` (mode `berth`: the real
// App, tables and keymap) or a bare Ink list of the same rows (mode `bare`, the baseline), drawn by
// Ink to a fake 200×50 terminal over the real LiveQueryClient on NATS. Prints `READY` once the
// model is on screen, then measures for SECONDS: frame time = from the store publishing a change to
// Ink writing the frame, and the CPU this process used. Ends with one JSON line.
import { EventEmitter } from 'node:events';
import { Box, render, Text } from 'ink';
import { createElement, useSyncExternalStore } from 'react';
import type { ReactNode } from 'react';
import { consoleTables, safe } from '../../cli/console/tables.js';
import { LiveQueryClient } from '../../daemon/query/live-query.js';
import type { QueryClient } from '../../events/read-model.js';
import { App } from '../../views/app.js';
import { DEFAULT_KEYMAP } from '../../views/keymap.js';
import { QueryClientProvider } from '../../views/query-context.js';

const [mode, prefix, url, rowsText, secondsText] = process.argv.slice(2);
if ((mode !== 'berth' && mode !== 'bare') || prefix === undefined || url === undefined) throw new Error('usage: console.ts berth|bare PREFIX URL ROWS SECONDS');
const want = Number(rowsText);
const seconds = Number(secondsText);
const SIZE = { columns: 200, rows: 50 };

let pending: number | null = null;
let pendingCpu = 0;
const cpuNow = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const frameCpu: number[] = [];
let measuring = false;
const frames: number[] = [];
let publishes = 0;
let writes = 0;

class Terminal extends EventEmitter {
  readonly isTTY = true;
  readonly columns = SIZE.columns;
  readonly rows = SIZE.rows;
  write = (): boolean => {
    writes += 1;
    if (pending !== null) {
      const started = pending;
      const startedCpu = pendingCpu;
      pending = null;
      // The frame's writes all happen in one synchronous render: its end is after the last of them.
      setImmediate(() => {
        if (!measuring) return;
        frames.push(lastWrite - started);
        frameCpu.push(cpuNow() - startedCpu);
      });
    }
    lastWrite = performance.now();
    return true;
  };
}
let lastWrite = 0;

class Keyboard extends EventEmitter {
  readonly isTTY = true;
  setEncoding(): void {}
  setRawMode(): void {}
  resume(): void {}
  pause(): void {}
  ref(): void {}
  unref(): void {}
  read(): null {
    return null;
  }
}

const live = LiveQueryClient.start({ url, prefix });
/** The client as the console sees it, with the moment each change is published noted first. */
const client: QueryClient = {
  subscribe: (l) => live.subscribe(() => {
    publishes += 1;
    // The newest publish starts the next frame (one that changed nothing on screen wrote nothing).
    pending = performance.now();
    pendingCpu = cpuNow();
    l();
  }),
  getSnapshot: live.getSnapshot,
  history: live.history.bind(live), modelAt: live.modelAt.bind(live), act: live.act.bind(live), close: live.close.bind(live),
};

/** The baseline: the same rows as plain lines, no columns, sorting, filters or key handling. */
const Bare = (): ReactNode => {
  const s = useSyncExternalStore(client.subscribe, client.getSnapshot);
  const lines: string[] = [];
  if (s.status === 'live' || s.status === 'stale') {
    for (const c of s.model.containers.values()) {
      const x = c as { containerId: string; name: string; state: string; image: string };
      lines.push(`${x.containerId.slice(0, 12)}  ${x.name.padEnd(24)} ${x.state.padEnd(10)} ${x.image}`);
      if (lines.length >= SIZE.rows - 2) break;
    }
  }
  return createElement(Box, { flexDirection: 'column' }, createElement(Text, null, `${s.status} ${s.status === 'live' ? s.model.containers.size : 0} containers`), ...lines.map((l, i) => createElement(Text, { key: i }, l)));
};

const tree = mode === 'berth'
  ? createElement(QueryClientProvider, { client, children: createElement(App, { tables: consoleTables(), keymap: DEFAULT_KEYMAP, readOnly: true, initialView: 'containers', safe, size: SIZE }) })
  : createElement(Bare);
const app = render(tree, { stdout: new Terminal() as unknown as NodeJS.WriteStream, stdin: new Keyboard() as unknown as NodeJS.ReadStream, stderr: new Terminal() as unknown as NodeJS.WriteStream, exitOnCtrlC: false, patchConsole: false, alternateScreen: true, maxFps: 30 });

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
measuring = true;
publishes = 0;
writes = 0;
const cpu0 = process.cpuUsage();
const seq0 = modelSeq();
const t0 = performance.now();
await new Promise((r) => setTimeout(r, seconds * 1000));
measuring = false;
const cpu = process.cpuUsage(cpu0);
const wall = performance.now() - t0;
const seen = modelSeq() - seq0;
app.unmount();
await live.close();
process.stdout.write(JSON.stringify({ mode, rows: rows(), frames, frameCpu, seen, publishes, writes, cpuPct: ((cpu.user + cpu.system) / 1000 / wall) * 100, wallMs: wall }) + '\n');
process.exit(0);
