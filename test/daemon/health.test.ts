import test from 'ava';
import { Health } from '../../daemon/health.js';

const probe = (over: Partial<{ nats: 'connected' | 'disconnected' | 'closed'; live: boolean; seq: number; stream: number | Error }> = {}) => {
  const state = { nats: 'connected' as 'connected' | 'disconnected' | 'closed', live: true, seq: 10, stream: 10 as number | Error, now: 0, ...over };
  const h = new Health({
    nats: () => state.nats, live: () => state.live, processedSeq: () => state.seq, now: () => state.now,
    streamSeq: async () => {
      if (state.stream instanceof Error) throw state.stream;
      return state.stream;
    },
  }, 30_000);
  return { h, state };
};

test('healthy: NATS connected and the projector live and caught up', async (t) => {
  const { h } = probe();
  t.like(await h.check(), { status: 'ok', nats: 'connected', projector: 'live', seq: 10, streamSeq: 10, lag: 0 });
});

test('unavailable with the reason: NATS down, replaying, JetStream silent, or shutting down', async (t) => {
  t.like(await probe({ nats: 'disconnected' }).h.check(), { status: 'unavailable', reason: 'NATS is disconnected' });
  t.like(await probe({ live: false, seq: 3 }).h.check(), { status: 'unavailable', projector: 'replaying', reason: 'the projector is replaying the stream (at seq 3)' });
  t.like(await probe({ stream: new Error('timeout') }).h.check(), { status: 'unavailable', reason: 'JetStream did not answer: timeout' });
  const { h } = probe();
  h.markStopping();
  t.like(await h.check(), { status: 'unavailable', projector: 'stopping' });
});

test('a projector behind the stream is healthy while it makes progress, and stalled after 30 s without any', async (t) => {
  const { h, state } = probe({ seq: 10, stream: 500 });
  t.like(await h.check(), { status: 'ok', lag: 490 });
  state.now = 20_000;
  state.seq = 200; // working through the burst
  t.like(await h.check(), { status: 'ok', lag: 300 });
  state.now = 49_000;
  t.like(await h.check(), { status: 'ok' }, '29 s without progress is still within the allowance');
  state.now = 50_000;
  t.like(await h.check(), { status: 'unavailable', projector: 'stalled', reason: 'the projector is 300 event(s) behind the stream and made no progress for 30s' });
  state.seq = 500;
  t.like(await h.check(), { status: 'ok', lag: 0 });
});

test('a quiet stream is not a stalled projector', async (t) => {
  const { h, state } = probe();
  state.now = 3_600_000;
  t.like(await h.check(), { status: 'ok', lag: 0 });
  state.stream = 11;
  state.now += 1000;
  t.like(await h.check(), { status: 'ok', lag: 1 }, 'one new event a second after an idle hour');
});
