import { useStdout } from 'ink';
import { useEffect, useState } from 'react';

export type Size = Readonly<{ columns: number; rows: number }>;

const sizeOf = (s: NodeJS.WritableStream, fallback: Size): Size => {
  const tty = s as Partial<Pick<NodeJS.WriteStream, 'columns' | 'rows'>>;
  return { columns: tty.columns || fallback.columns, rows: tty.rows || fallback.rows };
};

const FALLBACK: Size = { columns: 80, rows: 24 };

/**
 * The terminal's size, following resizes (80x24 when the stream has none). `fixed` pins it (tests).
 */
export const useTerminalSize = (fixed?: Size): Size => {
  const { stdout } = useStdout();
  const [size, setSize] = useState(() => sizeOf(stdout, FALLBACK));
  useEffect(() => {
    const onResize = (): void => setSize(sizeOf(stdout, FALLBACK));
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout]);
  return fixed ?? size;
};
