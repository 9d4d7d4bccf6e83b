// One benchmark figure: berth's number beside a baseline measured in the same run, their ratio,
// and whether the goal of issue 9 is met. Pure: the unit test checks the shape of results.json.

/**
 * A goal on the ratio berth/baseline (`ratio-min`: at least, for rates; `ratio-max`: at most, for
 * times), or on berth's absolute number (`berth-max`), or none (context only).
 */
export type Goal =
  | Readonly<{ kind: 'ratio-min'; value: number; text?: string }>
  | Readonly<{ kind: 'ratio-max'; value: number; text?: string }>
  | Readonly<{ kind: 'berth-max'; value: number; text?: string }>
  | Readonly<{ kind: 'none' }>;

/** What `npm run bench -- --json` writes, one per figure (the field set issue 9 asks for). */
export type Figure = Readonly<{
  /** What is measured and the baseline's name: `ingest msg/s vs raw JetStream publish`. */
  name: string;
  unit: string;
  berth: number;
  baseline: number;
  /** berth / baseline. */
  ratio: number;
  /** The goal in words (`ratio >= 0.8`), or null when the figure is context only. */
  goal: string | null;
  /** null when there is no goal, or when a side could not be measured. */
  met: boolean | null;
}>;

export const FIGURE_KEYS = ['name', 'unit', 'berth', 'baseline', 'ratio', 'goal', 'met'] as const;

const round = (x: number, digits: number): number => {
  if (!Number.isFinite(x)) return x;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};

const goalText = (g: Goal, unit: string): string | null => {
  switch (g.kind) {
    case 'none': return null;
    case 'ratio-min': return g.text ?? `ratio >= ${g.value}`;
    case 'ratio-max': return g.text ?? `ratio <= ${g.value}`;
    case 'berth-max': return g.text ?? `berth <= ${g.value} ${unit}`;
  }
};

const isMet = (g: Goal, berth: number, ratio: number): boolean | null => {
  if (!Number.isFinite(berth)) return null;
  switch (g.kind) {
    case 'none': return null;
    case 'ratio-min': return Number.isFinite(ratio) ? ratio >= g.value : null;
    case 'ratio-max': return Number.isFinite(ratio) ? ratio <= g.value : null;
    case 'berth-max': return berth <= g.value;
  }
};

/** A figure from two measurements; NaN marks a side that could not be measured (met is then null). */
export const figure = (name: string, unit: string, berth: number, baseline: number, goal: Goal): Figure => {
  const ratio = baseline === 0 ? Number.NaN : berth / baseline;
  const digits = Math.abs(berth) >= 100 ? 0 : 2;
  return {
    name, unit,
    berth: round(berth, digits),
    baseline: round(baseline, Math.abs(baseline) >= 100 ? 0 : 2),
    ratio: round(ratio, 3),
    goal: goalText(goal, unit),
    met: isMet(goal, berth, ratio),
  };
};

const num = (x: number): string => (Number.isFinite(x) ? x.toLocaleString('en', { maximumFractionDigits: 2 }) : 'n/a');

/** A figure and what it was measured on (sizes, counts, the runs behind the numbers), printed on its line. */
export type Measured = Readonly<{ figure: Figure; note: string }>;

/** The one line a figure prints as. */
export const figureLine = (f: Figure, note = ''): string => {
  const verdict = f.met === null ? (f.goal === null ? 'context' : 'NOT MEASURED') : f.met ? 'met' : 'NOT MET';
  const goal = f.goal === null ? '' : `, goal ${f.goal}`;
  const tail = note === '' ? '' : `  (${note})`;
  return `${f.name}: berth ${num(f.berth)} ${f.unit}, baseline ${num(f.baseline)} ${f.unit}, ratio ${num(f.ratio)}${goal}: ${verdict}${tail}`;
};

/** JSON has no NaN: a side that could not be measured is written as null. */
export const resultsJson = (figures: readonly Figure[]): string =>
  JSON.stringify(figures.map((f) => ({
    name: f.name, unit: f.unit,
    berth: Number.isFinite(f.berth) ? f.berth : null,
    baseline: Number.isFinite(f.baseline) ? f.baseline : null,
    ratio: Number.isFinite(f.ratio) ? f.ratio : null,
    goal: f.goal, met: f.met,
  })), null, 2) + '\n';

/** Checks a parsed results.json; returns what is wrong with it (empty when it is well formed). */
export const resultsProblems = (x: unknown): string[] => {
  if (!Array.isArray(x)) return ['not an array'];
  const out: string[] = [];
  for (const [i, f] of (x as unknown[]).entries()) {
    if (f === null || typeof f !== 'object') {
      out.push(`[${i}] is not an object`);
      continue;
    }
    const o = f as Record<string, unknown>;
    const keys = Object.keys(o).sort().join(',');
    if (keys !== [...FIGURE_KEYS].sort().join(',')) out.push(`[${i}] has keys ${keys}`);
    if (typeof o['name'] !== 'string' || !/ vs /.test(o['name'])) out.push(`[${i}] name must name its baseline ('... vs ...')`);
    if (typeof o['unit'] !== 'string' || o['unit'] === '') out.push(`[${i}] unit must be a non-empty string`);
    for (const k of ['berth', 'baseline', 'ratio']) if (o[k] !== null && typeof o[k] !== 'number') out.push(`[${i}] ${k} must be a number or null`);
    if (o['goal'] !== null && typeof o['goal'] !== 'string') out.push(`[${i}] goal must be a string or null`);
    if (o['met'] !== null && typeof o['met'] !== 'boolean') out.push(`[${i}] met must be a boolean or null`);
  }
  return out;
};

/**
 * What a bound (the most a rate could reach here) says of a rate goal: out of reach when below it,
 * nothing when not; no verdict when a measurement behind it failed or is not one (`invalid` says
 * why), or when the bound or the goal is not a positive finite number.
 */
export const boundVerdict = (bound: number, goal: number, unit: string, invalid?: string): { valid: boolean; text: string } => {
  if (invalid !== undefined || !Number.isFinite(bound) || bound <= 0 || !Number.isFinite(goal) || goal <= 0) {
    return { valid: false, text: `no verdict on the goal: ${invalid ?? 'the bound or the goal could not be measured'}` };
  }
  const g = `${Math.round(goal).toLocaleString('en')} ${unit} (0.8 of the baseline)`;
  return bound < goal
    ? { valid: true, text: `below the ingest goal of ${g}: out of reach for such a daemon on this machine` }
    : { valid: true, text: `not below the ingest goal of ${g}: this figure does not put the goal out of reach` };
};
