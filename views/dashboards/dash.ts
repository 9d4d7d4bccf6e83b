import type { QueryClient } from '../../events/read-model.js';
import type { DashData } from './dash-data.js';
import { dashData, newLogLines } from './dash-data.js';
import type { DashWidgets } from './layout.js';
import { layout, rateLabel, refitOnResize, refittable } from './layout.js';

const COLOURS: Readonly<Record<string, string>> = { docker: 'cyan', openstack: 'magenta', berth: 'yellow' };

const draw = (w: DashWidgets, d: DashData): void => {
  const rate = d.rate;
  if (rate !== null) {
    w.rate.setLabel(rateLabel(rate.partial ? `the newest ${d.tailSize} events reach back ${rate.labels.length} min` : undefined));
    w.rate.setData(rate.series.map((s) => ({ title: s.source, x: [...rate.labels], y: [...s.counts], style: { line: COLOURS[s.source] ?? 'white' } })));
  }
  if (d.containers !== null) w.containers.setData({ titles: [...d.containers.titles], data: [...d.containers.data] });
  if (d.vms !== null) w.vms.setData({ titles: [...d.vms.titles], data: [...d.vms.data] });
  if (d.hosts !== null) w.hosts.setData({ barCategory: [...d.hosts.hosts], stackedCategory: ['containers', 'VMs'], data: d.hosts.data.map((x) => [...x]) });
  w.status.setContent([d.status, '', ...d.problem, '', d.counts, '', 'q quits'].join('\n'));
};

/**
 * `berth dash`: blessed-contrib widgets redrawn on every (coalesced) change and once a second (the
 * time axis moves), until q, Esc or Ctrl-C. The terminal is given back on every way out.
 */
export const runDash = async (client: QueryClient, safe: (s: string) => string, now: () => number = Date.now): Promise<void> => {
  const w = layout();
  let lastSeq = 0;
  const redraw = (): void => {
    const s = client.getSnapshot();
    draw(w, dashData(s, now(), safe));
    if (s.status === 'live' || s.status === 'stale') {
      const fresh = newLogLines(s.tail, lastSeq, safe);
      for (const l of fresh.lines.slice(-200)) w.log.log(l);
      lastSeq = fresh.lastSeq;
    }
    w.screen.render();
  };
  const restore = (): void => w.screen.destroy();
  process.once('exit', restore);
  refitOnResize(refittable(w), redraw);
  const off = client.subscribe(redraw);
  const tick = setInterval(redraw, 1000);
  redraw();
  await new Promise<void>((resolve) => w.screen.key(['q', 'C-c', 'escape'], () => resolve()));
  off();
  clearInterval(tick);
  process.removeListener('exit', restore);
  w.screen.destroy();
};
