import { EventEmitter } from 'node:events';
import test from 'ava';
import { refitOnResize } from '../../views/dashboards/layout.js';

/** A chart that counts how often it is attached (given a canvas of its size). */
const chart = (width: number, height: number) => ({ width, height, attached: 0, emit(event: 'attach') { if (event === 'attach') this.attached += 1; } });

test('a resize gives every chart a canvas of its new size, then the data again; one too small keeps its canvas', (t) => {
  const screen = new EventEmitter();
  const charts = [chart(80, 10), chart(20, 8), chart(7, 8), chart(20, 2)];
  let redraws = 0;
  refitOnResize({ screen, charts }, () => { redraws += 1; });
  t.deepEqual(charts.map((c) => c.attached), [0, 0, 0, 0], 'nothing before a resize');
  screen.emit('resize');
  t.deepEqual(charts.map((c) => c.attached), [1, 1, 0, 0]);
  t.is(redraws, 1);
  screen.emit('resize');
  t.deepEqual(charts.map((c) => c.attached), [2, 2, 0, 0]);
  t.is(redraws, 2);
});
