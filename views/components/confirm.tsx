import { Box, Text } from 'ink';
import type { PendingAction } from '../state/console-state.js';
import { theme } from '../theme.js';

const VERB: Readonly<Record<string, string>> = { start: 'Start', stop: 'Stop', restart: 'Restart' };

/** The question an action asks before it runs, naming every target (up to what fits). */
export const confirmQuestion = (p: PendingAction): string => {
  const verb = VERB[p.action] ?? p.action;
  if (p.targets.length === 1) return `${verb} ${p.targets[0]?.label ?? ''}?`;
  return `${verb} ${p.targets.length} targets: ${p.targets.map((t) => t.label).join(', ')}?`;
};

/** The confirmation: the question, then what y and n do. */
export const Confirm = ({ pending }: Readonly<{ pending: PendingAction }>) => (
  <Box flexDirection="column" height={2}>
    <Text wrap="truncate-end" bold color={theme.error}>{confirmQuestion(pending)}</Text>
    <Text wrap="truncate-end">{`y: yes, ${pending.action}   n / esc: no`}</Text>
  </Box>
);
