import test from 'ava';
import { headers } from '@nats-io/transport-node';
import type { Msg, MsgCallback, NatsConnection, PublishOptions, Subscription, SubscriptionOptions } from '@nats-io/transport-node';
import { ackOf, AckedPublisher, PublishError } from '../../../daemon/store/acked-publish.js';

const enc = new TextEncoder();
const reply = (data: string, code?: number): Pick<Msg, 'data' | 'headers'> => {
  const h = code === undefined ? undefined : headers(code, 'No Responders');
  return { data: enc.encode(data), headers: h };
};

test('ackOf reads JetStream acks, duplicates included, and refuses error answers, no responders and non-acks', (t) => {
  t.deepEqual(ackOf(reply('{"stream":"S","seq":7}'), 'a.b'), { stream: 'S', seq: 7, duplicate: false });
  t.deepEqual(ackOf(reply('{"stream":"S","seq":7,"duplicate":true,"domain":"hub"}'), 'a.b'), { stream: 'S', seq: 7, duplicate: true, domain: 'hub' });
  const refused = ackOf(reply('{"error":{"code":503,"err_code":10077,"description":"maximum messages exceeded"}}'), 'a.b');
  t.true(refused instanceof PublishError);
  t.like(refused, { code: 'E_PUBLISH_REFUSED' });
  t.regex((refused as Error).message, /maximum messages exceeded \(10077\)/);
  t.like(ackOf(reply('', 503), 'a.b'), { code: 'E_PUBLISH_NO_RESPONDERS' });
  t.like(ackOf(reply('not json'), 'a.b'), { code: 'E_PUBLISH_FAILED' });
  t.like(ackOf(reply('{"stream":"","seq":1}'), 'a.b'), { code: 'E_PUBLISH_FAILED' });
  t.like(ackOf(reply('{"stream":"S"}'), 'a.b'), { code: 'E_PUBLISH_FAILED' });
});

/** A connection that records publishes and lets the test answer them on the reply subscription. */
class FakeNc {
  published: { subject: string; reply: string; msgId: string | undefined }[] = [];
  callback: MsgCallback<Msg> | undefined;
  subscriptions = 0;
  subscribe(_subject: string, opts: SubscriptionOptions): Subscription {
    this.subscriptions += 1;
    this.callback = opts.callback;
    const sub = { closed: false, isClosed: () => sub.closed, unsubscribe: () => undefined };
    this.closeSub = (err: Error) => {
      sub.closed = true;
      void opts.callback?.(err as never, {} as Msg);
    };
    return sub as unknown as Subscription;
  }

  /** The server ends the subscription with an error (nats.js closes it and tells the callback). */
  closeSub: (err: Error) => void = () => undefined;

  publish(subject: string, _body: string, opts: PublishOptions): void {
    if (subject === 'bad subject') throw new Error('bad subject');
    this.published.push({ subject, reply: opts.reply ?? '', msgId: opts.headers?.get('Nats-Msg-Id') });
  }

  answer(i: number, data: string): void {
    const p = this.published[i];
    if (p === undefined) throw new Error(`no publish ${i}`);
    void this.callback?.(null, { subject: p.reply, data: enc.encode(data), headers: undefined } as unknown as Msg);
  }
}

test('each publish is answered by its own reply, in any order, with its Nats-Msg-Id sent, on one subscription', async (t) => {
  const nc = new FakeNc();
  const pub = new AckedPublisher(nc as unknown as NatsConnection);
  t.teardown(() => pub.close());
  const a = pub.publish('s.a', 'A', 'id-a');
  const b = pub.publish('s.b', 'B', 'id-b');
  t.is(nc.subscriptions, 1);
  t.deepEqual(nc.published.map((p) => p.msgId), ['id-a', 'id-b']);
  t.not(nc.published[0]?.reply, nc.published[1]?.reply);
  nc.answer(1, '{"stream":"S","seq":2}');
  nc.answer(0, '{"stream":"S","seq":1,"duplicate":true}');
  // A second answer to the same reply (or one nobody waits for) changes nothing.
  nc.answer(0, '{"stream":"S","seq":99}');
  t.like(await a, { seq: 1, duplicate: true });
  t.like(await b, { seq: 2, duplicate: false });
  t.is(pub.pending, 0);
});

test('a publish left unanswered past its timeout is rejected, the newer ones are kept; a failed publish call rejects at once', async (t) => {
  const nc = new FakeNc();
  const pub = new AckedPublisher(nc as unknown as NatsConnection, 50);
  t.teardown(() => pub.close());
  const old = pub.publish('s.a', 'A', 'id-a');
  pub.sweep(Date.now() + 10);
  t.is(pub.pending, 1, 'not overdue yet');
  await new Promise((r) => setTimeout(r, 20));
  const young = pub.publish('s.b', 'B', 'id-b');
  // 40 ms on: past the first one's deadline (50 ms after it), not the second's.
  pub.sweep(Date.now() + 40);
  const err = await t.throwsAsync(old);
  t.like(err, { code: 'E_PUBLISH_TIMEOUT' });
  t.is(pub.pending, 1);
  nc.answer(1, '{"stream":"S","seq":5}');
  t.like(await young, { seq: 5 });
  await t.throwsAsync(pub.publish('bad subject', 'x', 'id-x'), { message: 'bad subject' });
  t.is(pub.pending, 0);
});

test('the sweep timer rejects an unanswered publish by itself, and close rejects what still waits', async (t) => {
  const nc = new FakeNc();
  const pub = new AckedPublisher(nc as unknown as NatsConnection, 30);
  // The sweep timer is unref'd (a daemon's connection keeps the process up): hold the test's open meanwhile.
  const hold = setTimeout(() => undefined, 5000);
  t.teardown(() => clearTimeout(hold));
  await t.throwsAsync(pub.publish('s.a', 'A', 'id-a'), { message: /no answer from JetStream within 30 ms/ });
  const waiting = pub.publish('s.b', 'B', 'id-b');
  pub.close();
  await t.throwsAsync(waiting, { message: /closed/ });
});

test('a failed reply subscription fails what waits, and the next publish subscribes again', async (t) => {
  const nc = new FakeNc();
  const pub = new AckedPublisher(nc as unknown as NatsConnection);
  t.teardown(() => pub.close());
  const p = pub.publish('s.a', 'A', 'id-a');
  nc.closeSub(new Error('Permissions Violation for Subscription'));
  await t.throwsAsync(p, { message: /reply subscription failed: Permissions Violation/ });
  const q = pub.publish('s.b', 'B', 'id-b');
  t.is(nc.subscriptions, 2);
  nc.answer(1, '{"stream":"S","seq":3}');
  t.like(await q, { seq: 3 });
});
