// What both console probes share (console.ts over NATS, console-offline.ts over a LiveStore): a fake
// 200×50 terminal that times frames, a keyboard that sends nothing, the baseline (a bare Ink list of
// the same rows) and the real App, each drawn by Ink. Frame time = from the store publishing a change
// (`mark`, called by the client's subscribe) to Ink writing the frame, with the CPU used meanwhile.
// App, Ink and React come from the console bundle `berth top` runs (dist/console/, `npm run build`),
// so both modes measure the Ink that ships (with its caches shared across frames); the tables come
// from the CLI side, as in `berth top`.
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { RenderOptions } from 'ink';
import type { ReactNode } from 'react';
import { consoleTables, safe } from '../../cli/console/tables.js';
import type { LiveStore } from '../../daemon/query/live-store.js';
import type { Container } from '../../events/container.js';
import type { QueryClient } from '../../events/read-model.js';
import { containerFromInspect } from '../../events/translate/docker-inspect.js';
import type * as ConsoleProbe from '../../views/console-probe.js';
import { consoleBundle } from './console-bundle.js';

const ROOT = join(import.meta.dirname, '..', '..');

const { App, Box, createElement, DEFAULT_KEYMAP, QueryClientProvider, render, RowList, Text, useSyncExternalStore } = (await import(pathToFileURL(consoleBundle()).href)) as typeof ConsoleProbe;
/** The bundle's row list (console-offline.ts times its `rows`). */
export { RowList };

export const SIZE = { columns: 200, rows: 50 };

/** A source time `ms` after the epoch, in the nanosecond form the daemon writes. */
export const sourceTime = (ms: number): string => new Date(ms).toISOString().replace('Z', '000000Z');

/**
 * The offline probes' model: `rows` synthetic containers (a real inspect from the corpus, re-keyed)
 * put into `store`, which is then ready; `byId` in put order, `onScreen` the indexes of the 40 rows
 * first in the list's order (by name), which a change must touch to draw a frame.
 */
export const syntheticContainers = (store: LiveStore, rows: number): { byId: Container[]; onScreen: number[] } => {
  const base = containerFromInspect(JSON.parse(readFileSync(join(ROOT, '..', 'shared', 'corpus', 'docker', 'snapshot', 'container-inspect-ev-ports.json'), 'utf8')));
  if (base === null) throw new Error('no inspect');
  const idOf = (i: number): string => `${'b'.repeat(40)}${i.toString(16).padStart(24, '0')}`;
  const byId: Container[] = [];
  for (let i = 0; i < rows; i++) {
    const c = { ...base, containerId: idOf(i), name: `tui-${i}`, state: 'running', labels: { ...base.labels, app: `svc${i % 50}` }, host: 'bench-tui', updatedAt: sourceTime(Date.now()), seq: i + 1, lastSignal: null } as Container;
    byId.push(c);
    store.put('containers', c.containerId, c);
  }
  store.setMeta({ seq: rows, events: rows, unrecognized: 0 });
  store.ready();
  const onScreen = byId.map((c, i) => [c.name, i] as const).sort((a, b) => a[0].localeCompare(b[0])).slice(0, 40).map(([, i]) => i);
  return { byId, onScreen };
};

export const cpuNow = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Frames drawn while `measuring`: wall and CPU from the newest publish to the frame's last write. */
export class FrameMeter {
  measuring = false;
  readonly frames: number[] = [];
  readonly frameCpu: number[] = [];
  /** Terminal writes (a frame is one or more). */
  writes = 0;
  /** The last write that looked like a whole frame (DUMP in the offline probe). */
  lastFrame = '';
  private pending: number | null = null;
  private pendingCpu = 0;
  private lastWrite = 0;

  /** The store published a change: the newest publish starts the next frame (one that changed nothing on screen writes nothing). */
  mark(): void {
    this.pending = performance.now();
    this.pendingCpu = cpuNow();
  }

  private write(chunk: string): boolean {
    this.writes += 1;
    if (chunk.length > 500) this.lastFrame = chunk;
    if (this.pending !== null) {
      const started = this.pending;
      const startedCpu = this.pendingCpu;
      this.pending = null;
      // The frame's writes all happen in one synchronous render: its end is after the last of them.
      setImmediate(() => {
        if (!this.measuring) return;
        this.frames.push(this.lastWrite - started);
        this.frameCpu.push(cpuNow() - startedCpu);
      });
    }
    this.lastWrite = performance.now();
    return true;
  }

  /** Draws `mode` (the real App, or the bare list) over `client` into this meter's terminal. */
  render(mode: 'berth' | 'bare', client: QueryClient, options: Partial<RenderOptions> = {}): ReturnType<typeof render> {
    const tree = mode === 'bare' ? createElement(bareList(client))
      : createElement(QueryClientProvider, { client, children: createElement(App, { tables: consoleTables(), keymap: DEFAULT_KEYMAP, readOnly: true, initialView: 'containers', safe, size: SIZE }) });
    const terminal = (): NodeJS.WriteStream => Object.assign(new EventEmitter(), {
      isTTY: true, columns: SIZE.columns, rows: SIZE.rows, write: (chunk: string) => this.write(String(chunk)),
    }) as unknown as NodeJS.WriteStream;
    return render(tree, { stdout: terminal(), stdin: new Keyboard() as unknown as NodeJS.ReadStream, stderr: terminal(), exitOnCtrlC: false, patchConsole: false, alternateScreen: true, maxFps: 30, ...options });
  }
}

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

/** The baseline: the same rows as plain lines, no columns, sorting, filters or key handling. */
const bareList = (client: QueryClient) => (): ReactNode => {
  const s = useSyncExternalStore(client.subscribe, client.getSnapshot);
  const lines: string[] = [];
  if (s.status === 'live' || s.status === 'stale') {
    for (const c of s.model.containers.values()) {
      lines.push(`${c.containerId.slice(0, 12)}  ${c.name.padEnd(24)} ${c.state.padEnd(10)} ${c.image}`);
      if (lines.length >= SIZE.rows - 2) break;
    }
  }
  return createElement(Box, { flexDirection: 'column' }, createElement(Text, null, `${s.status} ${s.status === 'live' ? s.model.containers.size : 0} containers`), ...lines.map((l, i) => createElement(Text, { key: i }, l)));
};
