import test from 'ava';
import { StallWatch } from '../../../daemon/store/stall-watch.js';

/** A watch on a fake clock; `more` answers what the test says, `stalls` counts the calls of onStall. */
const watch = (more: boolean | (() => Promise<boolean>) = true) => {
  const s = { now: 0, stalls: 0, asked: 0 };
  const w = new StallWatch({
    quietMs: 10_000,
    now: () => s.now,
    more: async () => {
      s.asked += 1;
      return typeof more === 'function' ? more() : more;
    },
    onStall: () => { s.stalls += 1; },
  });
  return { w, s };
};

test('quiet for the whole window with more in the stream: stuck, once until reset', async (t) => {
  const { w, s } = watch();
  s.now = 9_999;
  await w.tick();
  t.is(s.stalls, 0, 'not quiet long enough');
  t.is(s.asked, 0, 'the stream is not asked before the window has passed');
  s.now = 10_000;
  await w.tick();
  t.is(s.stalls, 1);
  s.now = 60_000;
  await w.tick();
  t.is(s.stalls, 1, 'one call per stuck consumer');
  w.reset();
  s.now = 69_999;
  await w.tick();
  t.is(s.stalls, 1, 'the new consumer gets a whole window');
  s.now = 70_000;
  await w.tick();
  t.is(s.stalls, 2);
});

test('nothing more in the stream: quiet is not stuck (a following reader waits for live events)', async (t) => {
  const { w, s } = watch(false);
  s.now = 1_000_000;
  await w.tick();
  await w.tick();
  t.is(s.asked, 2);
  t.is(s.stalls, 0);
});

test('the stream cannot be asked (a node down, no leader yet): not called stuck', async (t) => {
  const { w, s } = watch(() => Promise.reject(new Error('no responders')));
  s.now = 20_000;
  await w.tick();
  t.is(s.asked, 1);
  t.is(s.stalls, 0);
});

test('a message in hand, however slow, is not a lost consumer; handling it starts the window again', async (t) => {
  const { w, s } = watch();
  w.handling();
  s.now = 50_000;
  await w.tick();
  t.is(s.stalls, 0, 'busy');
  t.is(s.asked, 0);
  w.handled();
  s.now = 59_999;
  await w.tick();
  t.is(s.stalls, 0, 'progress at 50 s: quiet only since then');
  s.now = 60_000;
  await w.tick();
  t.is(s.stalls, 1);
});

test('a message that comes while the stream is being asked cancels the call', async (t) => {
  let answer: (v: boolean) => void = () => undefined;
  const { w, s } = watch(() => new Promise<boolean>((r) => { answer = r; }));
  s.now = 10_000;
  const look = w.tick();
  w.handling(); // the consumer delivered after all
  answer(true);
  await look;
  t.is(s.asked, 1);
  t.is(s.stalls, 0);
});

test('stopped while the stream is being asked: nothing is called afterwards', async (t) => {
  let answer: (v: boolean) => void = () => undefined;
  const { w, s } = watch(() => new Promise<boolean>((r) => { answer = r; }));
  s.now = 10_000;
  const look = w.tick();
  w.stop();
  answer(true);
  await look;
  t.is(s.stalls, 0);
  await w.tick();
  t.is(s.asked, 1, 'a stopped watch does not look');
});

test('start looks on its own timer and stop ends it (real timer, a short period)', async (t) => {
  const s = { asked: 0 };
  let resolveAsked: () => void = () => undefined;
  const asked = new Promise<void>((r) => { resolveAsked = r; });
  const keepAlive = setTimeout(() => undefined, 30_000); // the watch's own timer does not hold the process
  const w = new StallWatch({
    quietMs: 0, everyMs: 5, more: async () => { s.asked += 1; if (s.asked === 3) resolveAsked(); return false; }, onStall: () => t.fail('nothing more: never stuck'),
  }).start();
  await asked;
  w.stop();
  clearTimeout(keepAlive);
  const seen = s.asked;
  await w.tick();
  t.is(s.asked, seen, 'stopped: no more looks');
});
