import { Box, Text } from 'ink';
import type { DetailLine } from './detail-lines.js';
import { theme } from '../theme.js';

const colour = (s: DetailLine['style']): Readonly<{ color?: string; bold?: boolean }> => {
  switch (s) {
    case 'title': return { bold: true, color: theme.accent };
    case 'section': return { bold: true };
    case 'dim': return { color: theme.dim };
    case 'warn': return { color: theme.stale };
    case 'plain': return {};
  }
};

/** Lines of text scrolled to `scroll`, cut to the box: the detail and help screens. */
export const TextScreen = ({ lines, scroll, width, height }: Readonly<{ lines: readonly DetailLine[]; scroll: number; width: number; height: number }>) => {
  const start = Math.min(scroll, Math.max(0, lines.length - height));
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      {lines.slice(start, start + height).map((l, i) => (
        <Text key={start + i} wrap="truncate-end" {...colour(l.style)}>{l.text === '' ? ' ' : l.text}</Text>
      ))}
    </Box>
  );
};
