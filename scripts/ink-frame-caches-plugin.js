// An esbuild plugin for the console bundle: Ink's build/output.js gets its per-Output caches shared
// with the previous frame's (views/ink-frame-caches.ts says why and how). The rewrite is one line;
// the build fails when that line is not in output.js exactly once, or when output.js was never
// bundled, so an Ink upgrade cannot silently lose it.
import { readFile } from 'node:fs/promises';

export const INK_CACHES_LINE = 'caches = new OutputCaches();';
export const INK_CACHES_PATCHED = 'caches = __berthShareAcrossFrames(new OutputCaches());';

/** Rewrites output.js's source; throws if the line is not there exactly once. */
export const patchInkOutput = (source, cachesModule) => {
  const found = source.split(INK_CACHES_LINE).length - 1;
  if (found !== 1) {
    throw new Error(`ink/build/output.js: expected "${INK_CACHES_LINE}" once, found it ${found} times. ` +
      'Ink changed: check that per-Output caches still exist and update scripts/ink-frame-caches-plugin.js and views/ink-frame-caches.ts.');
  }
  return `import { shareAcrossFrames as __berthShareAcrossFrames } from ${JSON.stringify(cachesModule)};\n` +
    source.replace(INK_CACHES_LINE, INK_CACHES_PATCHED);
};

/** `cachesModule`: the absolute path of the module exporting shareAcrossFrames (views/ink-frame-caches). */
export const inkFrameCachesPlugin = (cachesModule) => ({
  name: 'ink-frame-caches',
  setup(build) {
    let patched = 0;
    build.onStart(() => {
      patched = 0;
    });
    build.onLoad({ filter: /[\\/]node_modules[\\/]ink[\\/]build[\\/]output\.js$/ }, async (args) => {
      patched += 1;
      return { contents: patchInkOutput(await readFile(args.path, 'utf8'), cachesModule), loader: 'js' };
    });
    build.onEnd((result) => {
      if (result.errors.length > 0 || patched === 1) return undefined;
      return { errors: [{ text: `ink-frame-caches: ink/build/output.js was bundled ${patched} times (expected once): Ink changed its layout; update scripts/ink-frame-caches-plugin.js.` }] };
    });
  },
});
