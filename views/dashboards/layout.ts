import blessed from 'blessed';
import contrib from 'blessed-contrib';

/** blessed-contrib's stacked bar, as it really is (its bundled types describe another shape). */
export type StackedBars = Readonly<{ setData: (d: { barCategory: string[]; stackedCategory: string[]; data: number[][] }) => void }>;

/** The event-rate chart's title, with what it does not cover when it says so. */
export const rateLabel = (note?: string): string => ` Events per minute by source (observed${note === undefined ? '' : `; ${note}`}) `;

/** The dashboard's widgets, placed on a 12x12 grid. */
export type DashWidgets = Readonly<{
  screen: blessed.Widgets.Screen;
  rate: contrib.Widgets.LineElement;
  containers: contrib.Widgets.BarElement;
  vms: contrib.Widgets.BarElement;
  hosts: StackedBars;
  log: contrib.Widgets.LogElement;
  status: blessed.Widgets.BoxElement;
}>;

/**
 * A wall-screen layout: the event rate on top, states and per-host load in the middle, the latest
 * events and the daemon's status at the bottom. Tags stay off everywhere: names are data, and a
 * `{red-fg}` in a container name must print as text. On the process's terminal unless `io` gives streams (tests).
 */
export const layout = (io: Readonly<Pick<blessed.Widgets.IScreenOptions, 'input' | 'output'>> = {}): DashWidgets => {
  const screen = blessed.screen({ smartCSR: true, title: 'berth dash', fullUnicode: true, forceUnicode: true, autoPadding: true, ...io });
  const grid = new contrib.grid({ rows: 12, cols: 12, screen });
  const rate = grid.set(0, 0, 4, 12, contrib.line, { label: rateLabel(), showLegend: true, legend: { width: 12 }, wholeNumbersOnly: true, xLabelPadding: 3, xPadding: 3, style: { line: 'cyan', text: 'white', baseline: 'white' } });
  const containers = grid.set(4, 0, 4, 3, contrib.bar, { label: ' Containers by state ', barWidth: 6, barSpacing: 3, xOffset: 1, maxHeight: 9 });
  const vms = grid.set(4, 3, 4, 3, contrib.bar, { label: ' VMs by state ', barWidth: 6, barSpacing: 3, xOffset: 1, maxHeight: 9 });
  // The bundled types of stackedBar are wrong (options and data): place it untyped.
  const place = grid.set.bind(grid) as unknown as (r: number, c: number, rs: number, cs: number, widget: unknown, opts: object) => unknown;
  const hosts = place(4, 6, 4, 6, contrib.stackedBar, { label: ' Per host: running containers / VMs ', barWidth: 6, barSpacing: 4, xOffset: 1, barBgColor: ['green', 'magenta'] }) as StackedBars;
  const log = grid.set(8, 0, 4, 8, contrib.log, { label: ' Latest events ', tags: false, bufferLength: 200 });
  const status = grid.set(8, 8, 4, 4, blessed.box, { label: ' Daemon ', tags: false, wrap: true, padding: { left: 1, right: 1 } });
  return { screen, rate, containers, vms, hosts, log, status };
};

/** The least a chart needs to be drawn on a canvas of its own (blessed-contrib's line chart takes 12 columns and 8 dots of it for axes). */
const MIN_CHART = { width: 8, height: 3 } as const;

/** What `refitOnResize` uses of the widgets: the screen's resize event, and each chart's size and 'attach'. */
export type Refittable = Readonly<{
  screen: Readonly<{ on: (event: 'resize', listener: () => void) => unknown }>;
  charts: readonly Readonly<{ width: number; height: number; emit: (event: 'attach') => unknown }>[];
}>;

/**
 * After the terminal is resized: the charts draw on a canvas sized when they were attached, so
 * each is sized again (what blessed-contrib does on 'attach') before `redraw` gives them their data
 * again; left alone they drew at the old size over the new layout (garbled panels). A chart the
 * resize left too small for a canvas (a terminal a few cells wide) keeps the one it had: sized
 * again it had a negative one, and blessed-contrib threw inside the resize handler.
 */
export const refitOnResize = (w: Refittable, redraw: () => void): void => {
  w.screen.on('resize', () => {
    for (const chart of w.charts) if (chart.width >= MIN_CHART.width && chart.height >= MIN_CHART.height) chart.emit('attach');
    redraw();
  });
};

/** The dashboard's charts, as `refitOnResize` takes them. */
export const refittable = (w: DashWidgets): Refittable => ({
  screen: w.screen,
  charts: [w.rate, w.containers, w.vms, w.hosts] as unknown as Refittable['charts'],
});
