import { Box, Text, useApp } from 'ink';
import { useMemo, useReducer } from 'react';
import type { CanonicalTime } from '../events/time.js';
import { BottomBar, bottomLines } from './components/bottom-bar.js';
import { Header } from './components/header.js';
import { KeyHints } from './components/key-hints.js';
import { useConsoleData } from './hooks/use-console-data.js';
import { useConsoleInput } from './hooks/use-console-input.js';
import { useDetail } from './hooks/use-detail.js';
import { useFollowCursor } from './hooks/use-follow-cursor.js';
import { useTerminalSize } from './hooks/use-terminal-size.js';
import type { Size } from './hooks/use-terminal-size.js';
import type { Keymap, Scope } from './keymap.js';
import { activeBindings, hintsFor } from './keymap.js';
import { useQueryClient } from './query-context.js';
import { Body } from './screens/body.js';
import { helpLines } from './screens/help-lines.js';
import type { ConsoleState } from './state/console-state.js';
import { consoleReducer, initialState, viewState } from './state/console-state.js';
import { messageOf, statusOf } from './status.js';
import type { AnyTable } from './tables.js';
import { windowOf } from './window.js';

export type AppProps = Readonly<{
  tables: readonly AnyTable[];
  keymap: Keymap;
  /** Hides every action (and its keys) and refuses them. */
  readOnly: boolean;
  initialView: string;
  /** Start in the past (`berth top --at 2h`). */
  initialAt?: CanonicalTime | null;
  /** Makes untrusted text terminal-safe (the cli passes its sanitiser). */
  safe: (s: string) => string;
  now?: () => number;
  /** A fixed terminal size (tests); otherwise the terminal's, following resizes. */
  size?: Size;
}>;

const SCOPES: Readonly<Record<ConsoleState['mode'], Scope>> = { list: 'list', detail: 'detail', help: 'help', command: 'prompt', filter: 'prompt', scrub: 'scrub', confirm: 'confirm' };

/** The body is the list and nothing on screen moves with the clock (the scrubber and the past do). */
const listOnScreen = (s: ConsoleState, hasData: boolean): boolean =>
  hasData && s.at === null && s.under === 'list' && (s.mode === 'list' || s.mode === 'command' || s.mode === 'filter' || s.mode === 'confirm');

const headerDetail = (s: ConsoleState, safe: (x: string) => string): string => {
  const v = viewState(s);
  return [v.filter === '' ? '' : `/${safe(v.filter)}`, v.sort === null ? '' : `sort ${v.sort.column}${v.sort.desc ? '↓' : '↑'}`, v.marks.size === 0 ? '' : `${v.marks.size} marked`].filter(Boolean).join(' · ');
};

/** `berth top`: the k9s-like console over the read model. */
export const App = (p: AppProps) => {
  const client = useQueryClient();
  const { exit } = useApp();
  const now = p.now ?? Date.now;
  const size = useTerminalSize(p.size);
  const [state, dispatch] = useReducer(consoleReducer, undefined, () => initialState(p.initialView, p.initialAt ?? null));
  const keymap = useMemo(() => activeBindings(p.keymap, p.readOnly), [p.keymap, p.readOnly]);
  const table = p.tables.find((t) => t.id === state.view) ?? (p.tables[0] as AnyTable);
  const { snap, data, past, rows, total, drawn } = useConsoleData(table, state);
  const detail = useDetail(p.tables, state, data, snap, p.safe);
  const help = useMemo(() => helpLines(p.keymap, p.readOnly), [p.keymap, p.readOnly]);
  const status = statusOf(snap, past, now(), p.safe);
  const bodyHeight = Math.max(1, size.rows - 2 - status.banner.length - bottomLines(state, size.columns, size.rows));
  drawn(listOnScreen(state, data !== null) ? { ...windowOf(viewState(state).cursor, viewState(state).offset, Math.max(1, bodyHeight - 1), rows.length), status, statusFor: (s) => statusOf(s, null, now(), p.safe) } : null);
  useFollowCursor(state.view, rows, viewState(state).cursor, Math.max(1, bodyHeight - 1), data === null, dispatch);
  useConsoleInput({ keymap, tables: p.tables, table, rows, bodyHeight, detailLines: detail?.lines.length ?? 0, helpLines: help.length, now, client, quit: () => exit() }, state, dispatch);
  if (size.rows < 5 || size.columns < 20) return <Text wrap="truncate-end">{`Terminal too small (${size.columns}x${size.rows}); berth top needs 20x5.`}</Text>;
  const message = data === null ? (past !== null ? [] : messageOf(snap, p.safe)) : null;
  const hints = hintsFor(keymap, SCOPES[state.mode]).filter(([, label]) => !['stop', 'start', 'restart'].includes(label) || table.actions.length > 0);
  return (
    <Box flexDirection="column" width={size.columns} height={size.rows} overflowY="hidden">
      <Header
        title={state.mode === 'detail' && detail !== null ? `${table.title} › ${detail.title}` : table.title}
        counts={data === null ? '' : `${rows.length}/${total}`}
        detail={headerDetail(state, p.safe)}
        status={status.text}
        statusColour={status.colour}
        width={size.columns}
      />
      {status.banner.map((b, i) => <Text key={i} wrap="truncate-end" color={status.colour}>{b}</Text>)}
      <Body state={state} table={table} rows={rows} message={message} help={help} detail={detail?.lines ?? null} width={size.columns} height={bodyHeight} />
      <BottomBar state={state} tables={p.tables} safe={p.safe} nowMs={now()} width={size.columns} rows={size.rows} keymap={keymap} />
      <Box height={1}><KeyHints hints={hints} width={size.columns} /></Box>
    </Box>
  );
};
