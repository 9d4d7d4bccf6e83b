import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExecutionContext } from 'ava';

/**
 * A fresh folder `<tmpdir>/<name>-XXXXXX`, removed when the test ends. Teardowns run last
 * registered first: call this before starting anything that uses the folder, so that it is
 * stopped before the folder goes.
 */
export const tempDir = (t: Pick<ExecutionContext, 'teardown'>, name: string): string => {
  const dir = mkdtempSync(join(tmpdir(), `${name}-`));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
};
