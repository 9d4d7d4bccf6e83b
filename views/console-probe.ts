// What the console benchmarks (bench/probes/console*.ts) draw with, bundled beside `berth top`'s
// entry (scripts/bundle-console.js, dist/console/console-probe.mjs): the App and the very Ink and
// React of the bundle (the same chunk as run-console.mjs), so the probes measure what ships, and the
// bare-list baseline runs on the same Ink. The tables come from the CLI side, as in `berth top`.
export { Box, render, Text } from 'ink';
export { createElement, useSyncExternalStore } from 'react';
export { App } from './app.js';
export { DEFAULT_KEYMAP } from './keymap.js';
export { QueryClientProvider } from './query-context.js';
export { RowList } from './row-list.js';
