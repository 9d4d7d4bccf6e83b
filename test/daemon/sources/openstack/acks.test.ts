import test from 'ava';
import type { ConsumeMessage } from 'amqplib';
import { AckBatcher } from '../../../../daemon/sources/openstack/acks.js';

/** A channel that records acks the way RabbitMQ applies them: `multiple` acks every outstanding tag up to it; an unknown tag is a channel error. */
const fakeChannel = (tags: number) => {
  const outstanding = new Set(Array.from({ length: tags }, (_, i) => i + 1));
  const frames: string[] = [];
  const ch = {
    ack: (m: ConsumeMessage, multiple = false) => {
      const tag = m.fields.deliveryTag;
      if (!outstanding.has(tag)) throw new Error(`PRECONDITION_FAILED - unknown delivery tag ${tag}`);
      frames.push(`${tag}${multiple ? '+' : ''}`);
      for (const t of [...outstanding]) if (t === tag || (multiple && t < tag)) outstanding.delete(t);
    },
  };
  const msgs = Array.from({ length: tags }, (_, i) => ({ fields: { deliveryTag: i + 1 } }) as unknown as ConsumeMessage);
  return { ch, frames, outstanding, msgs };
};

const turn = (): Promise<void> => new Promise((r) => setImmediate(r));

test('deliveries settled in any order are acked with one multiple ack per settled run from the oldest', async (t) => {
  const f = fakeChannel(6);
  const a = new AckBatcher(f.ch);
  const ds = f.msgs.map((m) => a.delivered(m));
  for (const i of [2, 0, 1]) a.settle(ds[i]!);
  a.settle(ds[4]!);
  await turn();
  t.deepEqual(f.frames, ['3+'], 'one frame for 1-3; 5 waits for 4');
  t.deepEqual([...f.outstanding], [4, 5, 6]);
  a.settle(ds[3]!);
  a.settle(ds[5]!);
  await turn();
  t.deepEqual(f.frames, ['3+', '6+']);
  t.is(f.outstanding.size, 0);
  a.close();
});

test('deliveries settled behind a slow one are acked one by one after the lag, and the slow one later without touching them again', async (t) => {
  const f = fakeChannel(4);
  const a = new AckBatcher(f.ch, 20);
  const ds = f.msgs.map((m) => a.delivered(m));
  a.settle(ds[1]!);
  a.settle(ds[2]!);
  await turn();
  t.deepEqual(f.frames, []);
  await new Promise((r) => setTimeout(r, 60));
  t.deepEqual(f.frames, ['2', '3']);
  a.settle(ds[0]!);
  await turn();
  t.deepEqual(f.frames, ['2', '3', '1+']);
  t.deepEqual([...f.outstanding], [4]);
  a.settle(ds[3]!);
  await turn();
  t.deepEqual(f.frames, ['2', '3', '1+', '4+']);
  a.close();
});

test('a delivery left unacked is never covered by a multiple ack: the channel acks one at a time from then on', async (t) => {
  const f = fakeChannel(5);
  const a = new AckBatcher(f.ch);
  const ds = f.msgs.map((m) => a.delivered(m));
  a.settle(ds[0]!);
  a.settle(ds[2]!);
  a.leave(ds[1]!);
  t.deepEqual(f.frames, ['1', '3'], 'what had settled is acked alone at once');
  a.settle(ds[4]!);
  a.settle(ds[3]!);
  await turn();
  t.deepEqual(f.frames, ['1', '3', '5', '4']);
  t.deepEqual([...f.outstanding], [2], 'the left one stays for the broker to redeliver');
  a.close();
});

test('flush sends what settled at once (a stop before closing the channel), and an ack on a closed channel is dropped', (t) => {
  const f = fakeChannel(2);
  const a = new AckBatcher(f.ch);
  const ds = f.msgs.map((m) => a.delivered(m));
  a.settle(ds[0]!);
  a.settle(ds[1]!);
  a.flush();
  t.deepEqual(f.frames, ['2+']);
  const closed = new AckBatcher({ ack: () => { throw new Error('Channel closed'); } });
  closed.settle(closed.delivered(f.msgs[0]!));
  t.notThrows(() => closed.flush());
  a.close();
});

test('while a slow delivery stays open, those settled behind it after the first lag are acked at once, and acked ones are not kept', async (t) => {
  const f = fakeChannel(600);
  const a = new AckBatcher(f.ch, 20);
  const ds = f.msgs.map((m) => a.delivered(m));
  for (let i = 1; i < 300; i++) a.settle(ds[i]!);
  await turn();
  t.is(f.frames.length, 0, 'within the lag nothing behind the open head is acked');
  await new Promise((r) => setTimeout(r, 60));
  t.is(f.frames.length, 299, 'after the lag each is acked alone');
  t.is(a.held, 301, 'the open head and the 300 not yet settled');
  // The head is still open: the next window is acked as it settles, not a lag later.
  for (let i = 300; i < 599; i++) a.settle(ds[i]!);
  await turn();
  t.is(f.frames.length, 598);
  t.is(a.held, 2, 'only the open ones are kept');
  a.settle(ds[0]!);
  await turn();
  t.is(f.frames.at(-1), '1+');
  t.deepEqual([...f.outstanding], [600]);
  // A new head that settles in time is batched again.
  a.settle(ds[599]!);
  await turn();
  t.is(f.frames.at(-1), '600+');
  t.is(f.outstanding.size, 0);
  a.close();
});

test('after close, a settle from a handler still in flight acks nothing and arms no timer', async (t) => {
  const f = fakeChannel(3);
  const a = new AckBatcher(f.ch, 10);
  const ds = f.msgs.map((m) => a.delivered(m));
  a.settle(ds[1]!);
  await turn();
  a.close();
  a.settle(ds[2]!);
  a.settle(ds[0]!);
  await new Promise((r) => setTimeout(r, 40));
  t.deepEqual(f.frames, [], 'the broker redelivers what this channel did not ack');
  t.is(a.frames, 0);
});
