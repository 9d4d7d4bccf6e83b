import { Box, Text } from 'ink';
import type { Row } from '../rows.js';
import type { DetailLine } from './detail-lines.js';
import { ListScreen } from './list-screen.js';
import { TextScreen } from './text-screen.js';
import type { ConsoleState } from '../state/console-state.js';
import { viewState } from '../state/console-state.js';
import type { AnyTable } from '../tables.js';

export type BodyProps = Readonly<{
  state: ConsoleState;
  table: AnyTable;
  rows: readonly Row[];
  /** Lines to show instead of any screen (connecting, failed, loading the past). */
  message: readonly string[] | null;
  help: readonly DetailLine[];
  detail: readonly DetailLine[] | null;
  width: number;
  height: number;
}>;

/** The middle of the console: a message, the help, an entity's detail, or the list. */
export const Body = ({ state, table, rows, message, help, detail, width, height }: BodyProps) => {
  const v = viewState(state);
  let inner;
  if (message !== null) inner = message.map((m, i) => <Text key={i} wrap="truncate-end">{m}</Text>);
  else if (state.mode === 'help') inner = <TextScreen lines={help} scroll={state.helpScroll} width={width} height={height} />;
  else if ((state.mode === 'detail' || state.under === 'detail') && detail !== null) inner = <TextScreen lines={detail} scroll={state.detail?.scroll ?? 0} width={width} height={height} />;
  else inner = <ListScreen table={table} rows={rows} view={v} filtered={v.filter !== ''} width={width} height={height} />;
  return <Box height={height} flexDirection="column" overflowY="hidden">{inner}</Box>;
};
