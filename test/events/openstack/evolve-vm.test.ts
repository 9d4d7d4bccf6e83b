import test from 'ava';
import { plainTimes } from '../../../events/fact-times.js';
import { evolveVm, notNewer } from '../../../events/openstack-slices.js';
import type { Vm, VmEvent, VmFacts } from '../../../events/vm.js';

// evolveVm as it was written before its sticky facts were spelled out one by one: the reference.
const STICKY = ['name', 'host', 'node', 'powerState', 'flavor', 'projectId', 'userId', 'availabilityZone', 'imageId', 'addresses', 'createdAt', 'launchedAt'] as const;
const said = (v: unknown): boolean => v !== null && v !== '' && !(Array.isArray(v) && v.length === 0);
const referenceEvolveVm = (prev: Vm | undefined, e: VmEvent & { seq?: number }): Vm | null => {
  if (e.type === 'VmDeleted') return null;
  if (prev && prev.family === 'versioned' && e.data.family === 'legacy') return prev;
  const switching = prev !== undefined && prev.family === 'legacy' && e.data.family === 'versioned';
  const base = switching ? undefined : prev;
  const stamp = `${e.at}|${e.id}`;
  const newest = !base || !notNewer(e.at, e.id, base.updatedAt, base.lastEventId);
  const f = e.data.vm;
  const factTimes: Record<string, string> = { ...plainTimes(base?.factTimes) };
  const facts: Record<string, unknown> = {};
  let changed = newest;
  for (const k of STICKY) {
    const old = base?.[k] ?? null;
    if (said(f[k]) && stamp > (factTimes[k] ?? '')) {
      facts[k] = f[k];
      factTimes[k] = stamp;
      changed = true;
    } else facts[k] = k === 'name' ? (old ?? '') : k === 'addresses' ? (old ?? []) : old;
  }
  if (!changed || !prev && !newest) return prev ?? null;
  const head = newest || !base
    ? { vmId: f.vmId, state: f.state, taskState: f.taskState, family: e.data.family, lastEventType: e.data.eventType, fault: e.data.fault, updatedAt: e.at, lastEventId: e.id, seq: e.seq ?? prev?.seq ?? 0 }
    : { vmId: base.vmId, state: base.state, taskState: base.taskState, family: base.family, lastEventType: base.lastEventType, fault: base.fault, updatedAt: base.updatedAt, lastEventId: base.lastEventId, seq: base.seq };
  return { ...head, ...(facts as Omit<VmFacts, 'vmId' | 'state' | 'taskState'>), factTimes, ...(prev?.api === undefined ? {} : { api: prev.api }) };
};

/** A small deterministic generator, so that a failure can be replayed. */
const random = (seed: number): (() => number) => () => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed / 2 ** 31;
};

test('evolveVm gives what its reference gives, key order included, over random sequences of VM events', (t) => {
  const rnd = random(7);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const times = ['2026-01-01T00:00:00.000000000Z', '2026-01-01T00:00:01.000000000Z', '2026-01-01T00:00:02.000000000Z'];
  const value = (k: string): unknown => pick([null, '', undefined, `${k}-a`, `${k}-b`]);
  const event = (i: number): VmEvent & { seq?: number } => {
    const vm: Record<string, unknown> = { vmId: 'v1', state: pick(['active', 'stopped']), taskState: pick([null, 'deleting']) };
    for (const k of STICKY) {
      if (rnd() < 0.1) continue; // a payload that leaves the key out
      vm[k] = k === 'addresses' ? pick([[], [{ address: '10.0.0.1', network: 'n', mac: '', portId: null }]]) : value(k);
    }
    const e = { id: `e${pick([1, 2, 3, i])}`, at: pick(times), observedAt: times[0], source: { kind: 'openstack', host: 'h' }, subject: { kind: 'vm', id: 'v1' }, type: pick(['VmCreated', 'VmStateChanged', 'VmResized']), v: 1, data: { vm, family: pick(['legacy', 'versioned']), eventType: `t${i}`, fault: pick([null, 'boom']) } };
    return (rnd() < 0.8 ? { ...e, seq: i } : e) as unknown as VmEvent & { seq?: number };
  };
  let changes = 0;
  for (let run = 0; run < 400; run++) {
    let a: Vm | undefined;
    let b: Vm | undefined;
    for (let i = 1; i <= 12; i++) {
      const e = event(i);
      const na = evolveVm(a, e) ?? undefined;
      const nb = referenceEvolveVm(b, e) ?? undefined;
      t.deepEqual(na, nb);
      t.deepEqual(Object.keys(na ?? {}), Object.keys(nb ?? {}));
      t.deepEqual(Object.keys(na?.factTimes ?? {}), Object.keys(nb?.factTimes ?? {}));
      if ((na === a) !== (nb === b)) t.fail('one kept the VM, the other made a new one');
      if (na !== a) changes += 1;
      // What only the Nova API says rides along.
      a = na && rnd() < 0.1 ? { ...na, api: { status: 'ACTIVE' } as unknown as NonNullable<Vm['api']> } : na;
      b = a === na ? nb : nb && { ...nb, api: a?.api };
    }
  }
  t.true(changes > 1000);
});
