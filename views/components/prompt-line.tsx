import { Text } from 'ink';
import { theme } from '../theme.js';

export type PromptLineProps = Readonly<{
  /** `:` or `/`. */
  sigil: string;
  /** What was typed (already safe). */
  input: string;
  /** The rest of a completion, shown dim after the cursor. */
  suggestion: string;
  error: string | null;
}>;

/** The `:` command or `/` filter being typed, with a completion and the last error. */
export const PromptLine = (p: PromptLineProps) => (
  <Text wrap="truncate-end">
    <Text bold color={theme.accent}>{p.sigil}</Text>
    {p.input}
    <Text inverse> </Text>
    <Text color={theme.dim}>{p.suggestion}</Text>
    {p.error === null ? '' : <Text color={theme.error}>{`  ${p.error}`}</Text>}
  </Text>
);

/** A one-line message (an action's outcome, a refusal). */
export const FlashLine = ({ text, error }: Readonly<{ text: string; error: boolean }>) => (
  <Text wrap="truncate-end" color={error ? theme.error : theme.flash}>{text}</Text>
);
