import type { Recorded } from '../../events/envelope.js';
import type { OpsEvent } from '../../events/ops-event.js';
import type { ModelView, ReadModelState } from '../../events/read-model.js';
import { summarizeEvent } from '../../events/describe.js';
import { msOf } from '../format/time.js';
import { statusOf } from '../status.js';

/** Events per bucket for one source kind (docker, openstack, berth), oldest bucket first. */
export type RateSeries = Readonly<{ source: string; counts: readonly number[] }>;
/** `partial`: the tail does not reach back over the whole window, so only the minutes it covers are given. */
export type EventRate = Readonly<{ labels: readonly string[]; series: readonly RateSeries[]; partial: boolean }>;

const SOURCES = ['docker', 'openstack', 'berth'] as const;

/**
 * Events seen per `bucketMs` for each source over the last `buckets` buckets, by when berth saw
 * them (`observedAt`): the ingest rate. It counts what the tail holds (the newest events). When
 * the log has events older than the tail's oldest (its sequence is past 1) and that one was seen
 * inside the window, the minutes before it (and its own, partly covered) are left out rather
 * than drawn as quiet ones: a storm larger than the tail used to show as a rate that started from
 * nothing a few minutes ago. At least the last two buckets are kept.
 */
export const eventRate = (tail: readonly Recorded<OpsEvent>[], nowMs: number, bucketMs = 60_000, buckets = 15): EventRate => {
  const start = nowMs - buckets * bucketMs;
  const oldest = tail[0];
  const coveredFrom = oldest !== undefined && oldest.seq > 1 ? msOf(oldest.observedAt) : Number.NEGATIVE_INFINITY;
  const first = coveredFrom <= start ? 0 : Math.min(buckets - 2, Math.floor((coveredFrom - start) / bucketMs) + 1);
  const counts = new Map<string, number[]>(SOURCES.map((s) => [s, Array.from({ length: buckets }, () => 0)]));
  for (const e of tail) {
    const i = Math.floor((msOf(e.observedAt) - start) / bucketMs);
    const row = counts.get(e.source.kind);
    if (row !== undefined && i >= 0 && i < buckets) row[i] = (row[i] ?? 0) + 1;
  }
  const labels = Array.from({ length: buckets }, (_, i) => (i === buckets - 1 ? 'now' : `-${Math.round(((buckets - 1 - i) * bucketMs) / 60_000)}m`)).slice(first);
  return { labels, series: SOURCES.map((s) => ({ source: s, counts: (counts.get(s) ?? []).slice(first) })), partial: first > 0 };
};

/** `{titles, data}` for a bar chart: how many are in each state, most common first. */
export type Bars = Readonly<{ titles: readonly string[]; data: readonly number[] }>;

const byState = (states: Iterable<string>, max: number): Bars => {
  const n = new Map<string, number>();
  for (const s of states) n.set(s, (n.get(s) ?? 0) + 1);
  const top = [...n].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, max);
  return { titles: top.map(([s]) => s), data: top.map(([, c]) => c) };
};

export const containerStates = (m: ModelView, max = 6): Bars => byState([...m.containers.values()].map((c) => c.state), max);
export const vmStates = (m: ModelView, max = 6): Bars => byState([...m.vms.values()].map((v) => v.state), max);

/** Per host: running containers and VMs (stacked), the busiest `max` hosts. */
export type HostLoad = Readonly<{ hosts: readonly string[]; data: readonly (readonly [number, number])[] }>;

export const hostLoad = (m: ModelView, safe: (s: string) => string, max = 8): HostLoad => {
  const load = new Map<string, [number, number]>();
  const at = (h: string): [number, number] => load.get(h) ?? (load.set(h, [0, 0]).get(h) as [number, number]);
  for (const h of m.hosts.keys()) at(h);
  for (const c of m.containers.values()) if (c.state === 'running') at(c.host)[0] += 1;
  for (const v of m.vms.values()) if (v.host) at(v.host)[1] += 1;
  const top = [...load].sort((a, b) => b[1][0] + b[1][1] - (a[1][0] + a[1][1]) || a[0].localeCompare(b[0])).slice(0, max);
  return { hosts: top.map(([h]) => safe(h)), data: top.map(([, d]) => d) };
};

/** Log lines for the events after `afterSeq` (newest last), and the sequence to continue from. */
export const newLogLines = (tail: readonly Recorded<OpsEvent>[], afterSeq: number, safe: (s: string) => string): { lines: string[]; lastSeq: number } => {
  const fresh = tail.filter((e) => e.seq > afterSeq);
  return { lines: fresh.map((e) => `${e.at.slice(11, 19)} ${safe(summarizeEvent(e))}`), lastSeq: fresh.at(-1)?.seq ?? afterSeq };
};

/** Everything the dashboard draws, from one snapshot. Null parts mean "nothing to show yet". */
export type DashData = Readonly<{
  status: string;
  /** What is wrong and what to do (empty when live). */
  problem: readonly string[];
  rate: EventRate | null;
  containers: Bars | null;
  vms: Bars | null;
  hosts: HostLoad | null;
  /** Model counts for the status box. */
  counts: string;
  /** How many events the tail holds (the rate chart counts those). */
  tailSize: number;
}>;

/** The dashboard's data mapping: pure, so it is tested without blessed. */
export const dashData = (s: ReadModelState, nowMs: number, safe: (x: string) => string): DashData => {
  const st = statusOf(s, null, nowMs, safe);
  if (s.status === 'connecting' || s.status === 'failed') {
    const problem = s.status === 'failed' ? [safe(s.problem.message), safe(s.problem.hint)] : [`Connecting to ${safe(s.target)}…`];
    return { status: st.text, problem, rate: null, containers: null, vms: null, hosts: null, counts: '', tailSize: 0 };
  }
  const m = s.model;
  return {
    status: st.text,
    problem: st.banner,
    rate: eventRate(s.tail, nowMs),
    containers: containerStates(m),
    vms: vmStates(m),
    hosts: hostLoad(m, safe),
    counts: `${m.hosts.size} hosts · ${m.containers.size} containers · ${m.vms.size} VMs · ${m.clusters.size} clusters · seq ${m.meta?.seq ?? '?'}`,
    tailSize: s.tail.length,
  };
};
