import { Box, Text } from 'ink';
import { memo } from 'react';
import { theme } from '../theme.js';

export type HeaderProps = Readonly<{
  title: string;
  /** `12/340`: rows shown after the filter, of all rows. */
  counts: string;
  /** Filter, sort and marks, as text (already safe). */
  detail: string;
  status: string;
  statusColour: string;
  width: number;
}>;

const HeaderLine = (p: HeaderProps) => (
  <Box width={p.width} height={1}>
    <Box flexGrow={1} flexShrink={1} overflow="hidden">
      <Text wrap="truncate-end">
        <Text bold color={theme.accent}>berth</Text>
        {' · '}
        <Text bold>{p.title}</Text>
        {` ${p.counts}`}
        {p.detail === '' ? '' : <Text color={theme.dim}>{` · ${p.detail}`}</Text>}
      </Text>
    </Box>
    <Box flexShrink={0} marginLeft={1}>
      <Text color={p.statusColour} wrap="truncate-end">{p.status}</Text>
    </Box>
  </Box>
);

/** The top line: view, counts, filter/sort, and the connection status on the right (drawn again only when one of them changed). */
export const Header = memo(HeaderLine);
