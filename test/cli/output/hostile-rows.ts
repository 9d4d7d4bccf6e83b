import type { Column } from '../../../cli/output/columns.js';

export type Box = {
  id: string;
  name: string;
  state: string;
  ports: number[];
  labels: Record<string, string>;
  note: string | null;
};

/** Names a malicious image or tenant could choose, each aimed at the operator's terminal. */
export const hostileNames = [
  '\u001b]0;pwned\u0007evil', // OSC 0: retitles the window
  '\u001b[2J', // CSI: clears the screen
  'a\u009bb', // raw C1 CSI, honoured by some terminals
  '\u202egnp.exe', // RLO: displays as "exe.png"
  'line1\nline2', // would split one row into two
  'tab\there\u007f\u2066iso\u2069', // tab, DEL, bidi isolate
] as const;

/** Every control, DEL, C1 and bidi character except the '\n' that separates output lines. */
export const RAW_UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;

const boxOf = (name: string, i: number): Box => ({
  id: `c${i}`,
  name,
  state: i % 2 === 0 ? 'running' : 'exited',
  ports: i % 3 === 0 ? [] : [80, 443],
  labels: i === 1 ? { 'com.\u001b[31mevil': 'x\u009b', app: 'web' } : { app: 'web' },
  note: i === 2 ? null : `note ${i}`,
});

export const hostileBoxes: Box[] = hostileNames.map(boxOf);

export const boxColumns: Column<Box>[] = [
  { id: 'id', header: 'ID', get: (b) => b.id },
  { id: 'name', header: 'Name', get: (b) => b.name },
  { id: 'state', header: 'State', get: (b) => b.state },
  { id: 'ports', header: 'Ports', get: (b) => b.ports },
  { id: 'labels', header: 'Labels', get: (b) => b.labels },
  { id: 'note', header: 'Note', get: (b) => b.note },
];
