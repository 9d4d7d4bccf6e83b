import { Box, Text } from 'ink';
import { cell, cellsWide } from '../format/fit.js';
import type { Keymap } from '../keymap.js';
import type { PendingAction } from '../state/console-state.js';
import { theme } from '../theme.js';

const VERB: Readonly<Record<string, string>> = { start: 'Start', stop: 'Stop', restart: 'Restart' };

/** Most lines the question takes (the y/n line comes after them). */
export const MAX_QUESTION_LINES = 6;

const verbOf = (p: PendingAction): string => VERB[p.action] ?? p.action;

/** The question an action asks before it runs, naming every target, as one line. */
export const confirmQuestion = (p: PendingAction): string => {
  const verb = verbOf(p);
  if (p.targets.length === 1) return `${verb} ${p.targets[0]?.label ?? ''}?`;
  return `${verb} ${p.targets.length} targets: ${p.targets.map((t) => t.label).join(', ')}?`;
};

/**
 * The question in lines of at most `width` cells, at most `maxLines` of them: one line when it fits;
 * else, for several targets, the count on the first line and the targets after it, whole labels
 * on each line (one too long for a line cut with '…'), and when they do not all fit, the last line
 * says how many more there are. One long target is cut on its line. Nothing that will be acted
 * on goes unmentioned: what is not named is counted.
 */
export const confirmLines = (p: PendingAction, width: number, maxLines: number = MAX_QUESTION_LINES): string[] => {
  const one = confirmQuestion(p);
  const w = Math.max(10, width);
  if (cellsWide(one) <= w || p.targets.length <= 1) return [one];
  const n = p.targets.length;
  const header = `${verbOf(p)} ${n} targets:`;
  const pieces = p.targets.map((t, i) => {
    const piece = `${t.label}${i === n - 1 ? '?' : ','}`;
    return cellsWide(piece) <= w ? piece : cell(piece, w).trimEnd();
  });
  const packed = pack(pieces, w);
  if (packed.length + 1 <= maxLines) return [header, ...packed.map((l) => l.text)];
  // Too many: the lines that fit before the last, then on the last as many more as fit beside the
  // count of the rest (on one line only, the count of targets begins it).
  const kept = packed.slice(0, Math.max(0, maxLines - 2));
  let named = kept.reduce((a, l) => a + l.count, 0);
  let last = maxLines < 2 ? header : '';
  while (named < n && cellsWide(joined(joined(last, pieces[named] ?? ''), `… and ${n - named - 1} more?`)) <= w) {
    last = joined(last, pieces[named] ?? '');
    named += 1;
  }
  if (maxLines < 2) return [last === header ? `${verbOf(p)} ${n} targets?` : joined(last, `… and ${n - named} more?`)];
  return [header, ...kept.map((l) => l.text), joined(last, `… and ${n - named} more?`)];
};

const joined = (line: string, piece: string): string => (line === '' ? piece : `${line} ${piece}`);

/** Whole pieces on each line of at most `w` cells (each piece fits one), and how many each line holds. */
const pack = (pieces: readonly string[], w: number): { text: string; count: number }[] => {
  const lines: { text: string; count: number }[] = [];
  for (const piece of pieces) {
    const cur = lines[lines.length - 1];
    if (cur !== undefined && cellsWide(joined(cur.text, piece)) <= w) {
      cur.text = joined(cur.text, piece);
      cur.count += 1;
    } else lines.push({ text: piece, count: 1 });
  }
  return lines;
};

/** Lines the confirmation takes: the question's, and what y and n do. */
export const confirmHeight = (p: PendingAction, width: number, rows: number): number => confirmLines(p, width, questionLinesFor(rows)).length + 1;

/** On a short terminal the question keeps to fewer lines, so the list stays in view. */
const questionLinesFor = (rows: number): number => Math.max(1, Math.min(MAX_QUESTION_LINES, rows - 8));

/** What answers the question, with the keys the keymap binds (a rebound `confirm.confirm` shows its key, not y). */
export const answerLine = (p: PendingAction, keymap: Keymap): string => {
  const keys = (action: string): string => keymap.filter((b) => b.scope === 'confirm' && b.action === action).flatMap((b) => b.keys).join(' / ');
  return `${keys('confirm')}: yes, ${p.action}   ${keys('cancel')}: no`;
};

/** The confirmation: the question, then what answers it. */
export const Confirm = ({ pending, width, rows, keymap }: Readonly<{ pending: PendingAction; width: number; rows: number; keymap: Keymap }>) => {
  const lines = confirmLines(pending, width, questionLinesFor(rows));
  return (
    <Box flexDirection="column" height={lines.length + 1}>
      {lines.map((l, i) => <Text key={i} wrap="truncate-end" bold color={theme.error}>{l}</Text>)}
      <Text wrap="truncate-end">{answerLine(pending, keymap)}</Text>
    </Box>
  );
};
