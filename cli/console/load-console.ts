import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { runConsole as RunConsole } from '../../views/run-console.js';

const mtime = (url: URL): number | null => {
  try {
    return statSync(fileURLToPath(url)).mtimeMs;
  } catch {
    return null;
  }
};

/**
 * NO_COLOR (no-color.org: set and not empty) turns the console's colours off, as FORCE_COLOR=0
 * does: chalk, which Ink draws with, reads only FORCE_COLOR, once, when it loads. A FORCE_COLOR
 * the operator set wins.
 */
export const honourNoColor = (env: NodeJS.ProcessEnv): void => {
  if ((env['NO_COLOR'] ?? '') !== '' && env['FORCE_COLOR'] === undefined) env['FORCE_COLOR'] = '0';
};

/**
 * The console's entry: the esbuild bundle (dist/console/run-console.mjs, about 0.5 s less CPU
 * than ~300 separate modules) when it exists and is not older than the compiled views, else the
 * views themselves. Ink and React load here, never in another command; React runs in production.
 */
export const loadConsole = async (): Promise<typeof RunConsole> => {
  process.env['NODE_ENV'] ??= 'production';
  honourNoColor(process.env);
  const bundle = new URL('../../console/run-console.mjs', import.meta.url);
  const views = new URL('../../views/app.js', import.meta.url);
  const b = mtime(bundle);
  const v = mtime(views);
  if (b !== null && v !== null && b >= v) return ((await import(bundle.href)) as { runConsole: typeof RunConsole }).runConsole;
  return (await import('../../views/run-console.js')).runConsole;
};
