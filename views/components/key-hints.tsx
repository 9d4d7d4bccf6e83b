import { Text } from 'ink';
import { memo } from 'react';
import { theme } from '../theme.js';

type KeyHintsProps = Readonly<{ hints: readonly (readonly [string, string])[]; width: number }>;

const HintsLine = ({ hints, width }: KeyHintsProps) => {
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

const sameHints = (a: KeyHintsProps, b: KeyHintsProps): boolean =>
  a.width === b.width && a.hints.length === b.hints.length && a.hints.every(([k, l], i) => k === b.hints[i]?.[0] && l === b.hints[i]?.[1]);

/** The footer: `<key> label` pairs from the keymap, as many as fit the width (drawn again only when they changed). */
export const KeyHints = memo(HintsLine, sameHints);
