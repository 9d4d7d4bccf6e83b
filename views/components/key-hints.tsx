import { Text } from 'ink';
import { theme } from '../theme.js';

/** The footer: `<key> label` pairs from the keymap, as many as fit the width. */
export const KeyHints = ({ hints, width }: Readonly<{ hints: readonly (readonly [string, string])[]; width: number }>) => {
  const parts: string[] = [];
  let used = 0;
  for (const [key, label] of hints) {
    const part = `<${key}> ${label}`;
    if (used + part.length + 2 > width) break;
    parts.push(part);
    used += part.length + 2;
  }
  return <Text wrap="truncate-end" color={theme.dim}>{parts.join('  ')}</Text>;
};
