// What `npm run bench` runs and how big: the full run issue 9 describes, or `--quick`.

export const SECTIONS = ['ingest', 'fold', 'at', 'memory', 'tui', 'cli', 'vms'] as const;
export type Section = (typeof SECTIONS)[number];

export type Sizes = Readonly<{
  /** OpenStack notifications published into RabbitMQ. */
  notifications: number;
  /** Containers created and started in the Docker burst. */
  burstContainers: number;
  /** Events in the replay stream, and the projector's snapshot interval while it is written. */
  streamEvents: number;
  snapshotEvery: number;
  /** Created (not started) containers for `berth ps` against `docker ps`. */
  psContainers: number;
  /** Servers in the OpenStack lab for `berth vms` against `openstack server list`. */
  servers: number;
  /** Console: rows, events per second while measuring, and for how long. */
  tuiRows: number;
  tuiRate: number;
  tuiSeconds: number;
  /** Cold runs of each CLI command (the median is reported). */
  cliRuns: number;
}>;

export const FULL: Sizes = {
  notifications: 20_000, burstContainers: 100, streamEvents: 1_000_000, snapshotEvery: 10_000,
  psContainers: 500, servers: 100, tuiRows: 10_000, tuiRate: 1000, tuiSeconds: 20, cliRuns: 10,
};

export const QUICK: Sizes = {
  notifications: 2_000, burstContainers: 30, streamEvents: 100_000, snapshotEvery: 1_000,
  psContainers: 100, servers: 10, tuiRows: 10_000, tuiRate: 1000, tuiSeconds: 8, cliRuns: 5,
};

export type BenchArgs = Readonly<{
  quick: boolean;
  /** Where `--json` writes the figures (bench/results.json), or null. */
  json: string | null;
  sections: readonly Section[];
  /** Leave the bench-vm-<n> servers for the next run. */
  keepServers: boolean;
  /** Leave the replay stream (prefix b-bench-log) for the next run, which then reuses it. */
  keepStream: boolean;
  sizes: Sizes;
}>;

const USAGE = `usage: npm run bench -- [--quick] [--json [FILE]] [--only SECTION,...] [--skip SECTION,...] [--keep-servers] [--keep-stream]
sections: ${SECTIONS.join(', ')}`;

const sectionList = (text: string | undefined, flag: string): Section[] => {
  const words = (text ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const bad = words.filter((w) => !(SECTIONS as readonly string[]).includes(w));
  if (words.length === 0 || bad.length > 0) throw new Error(`${flag} takes sections from: ${SECTIONS.join(', ')} (got '${text ?? ''}').\n${USAGE}`);
  return words as Section[];
};

/** Reads the bench's arguments; throws with the usage on anything it does not know. */
export const parseBenchArgs = (argv: readonly string[], defaultJson: string): BenchArgs => {
  let quick = false;
  let json: string | null = null;
  let only: Section[] | null = null;
  let skip: Section[] = [];
  let keepServers = false;
  let keepStream = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    const next = argv[i + 1];
    if (a === '--quick') quick = true;
    else if (a === '--json') {
      if (next !== undefined && !next.startsWith('--')) {
        json = next;
        i++;
      } else json = defaultJson;
    } else if (a === '--only') {
      only = sectionList(next, '--only');
      i++;
    } else if (a === '--skip') {
      skip = sectionList(next, '--skip');
      i++;
    } else if (a === '--keep-servers') keepServers = true;
    else if (a === '--keep-stream') keepStream = true;
    else if (a === '--help' || a === '-h') throw new Error(USAGE);
    else throw new Error(`unknown argument '${a}'.\n${USAGE}`);
  }
  const sections = (only ?? [...SECTIONS]).filter((s) => !skip.includes(s));
  return { quick, json, sections, keepServers, keepStream, sizes: quick ? QUICK : FULL };
};
