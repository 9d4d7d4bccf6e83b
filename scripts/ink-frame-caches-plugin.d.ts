// Types of ink-frame-caches-plugin.js for the tests that import it.
import type { Plugin } from 'esbuild';

export declare const INK_CACHES_LINE: string;
export declare const INK_CACHES_PATCHED: string;
export declare const patchInkOutput: (source: string, cachesModule: string) => string;
export declare const inkFrameCachesPlugin: (cachesModule: string) => Plugin;
