import { Box, Text } from 'ink';
import { ago, spanText, whenMs } from '../format/time.js';
import { theme } from '../theme.js';

export type ScrubberProps = Readonly<{ atMs: number; nowMs: number; stepMs: number; width: number }>;

/**
 * Where the time scrubber points: the moment, how long ago, the step, and a bar from 60 steps ago
 * to now with the position marked. Enter moves the whole view there.
 */
export const Scrubber = ({ atMs, nowMs, stepMs, width }: ScrubberProps) => {
  const span = Math.max(stepMs * 60, nowMs - atMs);
  const inner = Math.max(10, width - 16);
  const pos = Math.round(((atMs - (nowMs - span)) / span) * (inner - 1));
  const bar = Array.from({ length: inner }, (_, i) => (i === pos ? '●' : '─')).join('');
  const back = nowMs - atMs;
  return (
    <Box flexDirection="column" height={2}>
      <Text wrap="truncate-end">
        <Text bold color={theme.past}>{'time travel '}</Text>
        {`${whenMs(atMs)}  (${back < 1000 ? 'now' : `${ago(back)} ago`})  step ${spanText(stepMs)}`}
      </Text>
      <Text wrap="truncate-end" color={theme.dim}>{`-${spanText(span).padEnd(5)} ${bar} now`}</Text>
    </Box>
  );
};
