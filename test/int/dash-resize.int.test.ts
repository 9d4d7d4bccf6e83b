import { PassThrough } from 'node:stream';
import test from 'ava';
import { layout, refitOnResize, refittable } from '../../views/dashboards/layout.js';

type Sized = { width: number; height: number; canvasSize: { width: number; height: number } };

/** The dashboard's widgets on a fake terminal (120x40 unless given) that can be resized. */
const dashOn = (columns = 120, rows = 40) => {
  const output = Object.assign(new PassThrough(), { columns, rows, isTTY: true });
  output.resume();
  const input = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => input });
  return { w: layout({ input, output }), output };
};

test.serial('after a resize every chart is drawn on a canvas of its new size, and the data is given again', async (t) => {
  const { w, output } = dashOn();
  t.teardown(() => w.screen.destroy());
  let redraws = 0;
  refitOnResize(refittable(w), () => { redraws += 1; });
  const charts = [w.rate, w.containers, w.vms, w.hosts] as unknown as Sized[];
  const before = charts.map((c) => c.canvasSize.width);
  output.columns = 80;
  output.rows = 24;
  output.emit('resize');
  await new Promise((r) => setTimeout(r, 50));
  t.is(redraws, 1);
  // What a dashboard started on an 80x24 terminal has.
  const fresh = dashOn(80, 24);
  t.teardown(() => fresh.w.screen.destroy());
  const want = [fresh.w.rate, fresh.w.containers, fresh.w.vms, fresh.w.hosts] as unknown as Sized[];
  charts.forEach((c, i) => {
    t.deepEqual(c.canvasSize, want[i]?.canvasSize, `chart ${i}`);
    t.true(c.canvasSize.width < (before[i] ?? 0), `chart ${i} narrowed`);
  });
});

test.serial('a resize to a terminal a few cells wide or high does not throw, and the dashboard draws again after it', async (t) => {
  const { w, output } = dashOn();
  t.teardown(() => w.screen.destroy());
  let redraws = 0;
  refitOnResize(refittable(w), () => {
    redraws += 1;
    w.screen.render();
  });
  for (const [columns, rows] of [[6, 4], [3, 2], [120, 40]] as const) {
    output.columns = columns;
    output.rows = rows;
    t.notThrows(() => output.emit('resize'), `${columns}x${rows}`);
    await new Promise((r) => setTimeout(r, 30));
  }
  t.is(redraws, 3);
  t.is((w.rate as unknown as Sized).canvasSize.width, (w.rate as unknown as Sized).width * 2 - 12, 'back at full size, the line chart has its canvas again');
});
