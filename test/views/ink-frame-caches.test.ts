// Ink's output.js with its caches shared across frames (scripts/ink-frame-caches-plugin.js, as the
// console bundle has it) draws the same frames as Ink's own, keeps what the last frame worked out and
// nothing older; the rewrite refuses an output.js it does not recognise; the built bundle has it.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import test from 'ava';
import { build } from 'esbuild';
import { INK_CACHES_LINE, inkFrameCachesPlugin, patchInkOutput } from '../../scripts/ink-frame-caches-plugin.js';
import { ROOT } from '../support/daemon-harness.js';

const OUTPUT_JS = join(ROOT, 'node_modules', 'ink', 'build', 'output.js');

type Cell = Readonly<{ value: string }>;
type Caches = Readonly<{ styledChars: Map<string, Cell[]>; widths: Map<string, number> }>;
type Clip = Readonly<{ x1?: number; x2?: number; y1?: number; y2?: number }>;
type Output = {
  readonly caches: Caches;
  write(x: number, y: number, text: string, options: { transformers: ((line: string, index: number) => string)[] }): void;
  clip(clip: Clip): void;
  unclip(): void;
  get(): { output: string; height: number };
};
type OutputClass = new (size: { width: number; height: number }) => Output;

/** Ink's output.js as the console bundle has it: bundled by esbuild with the plugin, loaded from a temp file. */
const patchedOutput = async (dir: string): Promise<OutputClass> => {
  const r = await build({
    entryPoints: [OUTPUT_JS], bundle: true, format: 'esm', platform: 'node', write: false, logLevel: 'silent',
    plugins: [inkFrameCachesPlugin(join(ROOT, 'views', 'ink-frame-caches.ts'))],
  });
  const file = join(dir, 'output.mjs');
  await writeFile(file, (r.outputFiles[0] as { text: string }).text);
  return ((await import(pathToFileURL(file).href)) as { default: OutputClass }).default;
};
const inkOutput = async (): Promise<OutputClass> => ((await import(pathToFileURL(OUTPUT_JS).href)) as { default: OutputClass }).default;

const RED = (s: string): string => `\x1b[31m${s}\x1b[39m`;
const bold = (line: string): string => `\x1b[1m${line}\x1b[22m`;
const HEADER = `${RED('● live')} · lag 12ms · 漢字 hôte 🚀`;

/** Frame `k` of a list: a header, rows of which one changes per frame, a clipped wide line, a styled multi-line note. */
const drawFrame = (Output: OutputClass, k: number): Output => {
  const o = new Output({ width: 30, height: 9 });
  o.write(0, 0, HEADER, { transformers: [] });
  for (let row = 0; row < 5; row++) {
    const state = row === k % 5 ? RED(`exited ${k}`) : 'running';
    o.write(0, row + 1, `web-${row}  ${state}`, { transformers: row === 2 ? [bold] : [] });
  }
  // A clip whose right edge falls inside a wide character (Ink blanks it), then one that hides a line.
  o.clip({ x1: 0, x2: 9 + (k % 2), y1: 6, y2: 7 });
  o.write(2, 6, '名前名前名前', { transformers: [] });
  o.unclip();
  o.clip({ x1: 0, x2: 30, y1: 7, y2: 7 });
  o.write(0, 7, 'never shown', { transformers: [] });
  o.unclip();
  o.write(12, 7, `${RED('a\nb')} ${k % 3}`, { transformers: [] });
  // An overlapping write over the middle of a wide character.
  o.write(23, 0, 'X', { transformers: [] });
  return o;
};

test('Ink output with frame-shared caches draws the same frames as Ink; a frame reuses the last frame\'s work and keeps nothing older', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'berth-ink-caches-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const [Patched, Ink] = [await patchedOutput(dir), await inkOutput()];
  const patchedFrames: Output[] = [];
  for (let k = 0; k < 8; k++) {
    const p = drawFrame(Patched, k);
    const ink = drawFrame(Ink, k);
    const want = ink.get().output;
    t.is(p.get().output, want, `frame ${k}`);
    t.true(want.includes('漢 X') && want.includes('名前') && want.includes('\x1b[31m'), 'the frames have wide and styled text');
    patchedFrames.push(p);
  }
  const [, , sixth, seventh] = patchedFrames.slice(-4) as [Output, Output, Output, Output];
  // The header is the same every frame: the same cell objects, carried from frame to frame.
  t.is(seventh.caches.styledChars.get(HEADER), sixth.caches.styledChars.get(HEADER));
  // A row state shown in frame 5 only (k % 5 === 0 at k = 5) is gone two frames later.
  t.is(seventh.caches.styledChars.get(`web-0  ${RED('exited 5')}`), undefined);
  t.not(patchedFrames[5]?.caches.styledChars.get(`web-0  ${RED('exited 5')}`), undefined);
});

test('Ink\'s own output.js makes new caches per Output (what the patch is for)', async (t) => {
  const Ink = await inkOutput();
  const a = drawFrame(Ink, 1);
  a.get();
  const b = drawFrame(Ink, 2);
  b.get();
  const ca = a.caches.styledChars.get(HEADER);
  t.not(ca, undefined);
  t.not(b.caches.styledChars.get(HEADER), ca);
});

test('the rewrite refuses an output.js without the caches line, or with it twice, and a build that never bundles output.js', async (t) => {
  const source = await readFile(OUTPUT_JS, 'utf8');
  t.true(patchInkOutput(source, '/x/caches.js').includes('__berthShareAcrossFrames(new OutputCaches())'));
  t.throws(() => patchInkOutput(source.replace(INK_CACHES_LINE, 'caches = new Caches();'), '/x.js'), { message: /expected "caches = new OutputCaches\(\);" once, found it 0 times/ });
  t.throws(() => patchInkOutput(`${source}\n${INK_CACHES_LINE}`, '/x.js'), { message: /found it 2 times/ });
  await t.throwsAsync(build({ stdin: { contents: 'export const a = 1;' }, bundle: true, write: false, logLevel: 'silent', plugins: [inkFrameCachesPlugin('/x.js')] }), { message: /output\.js was bundled 0 times/ });
});

/** The text of `entry` in dist/console and of every file it imports, statically or not. */
const loaded = async (dir: string, entry: string, seen = new Map<string, string>()): Promise<Map<string, string>> => {
  if (seen.has(entry)) return seen;
  const text = await readFile(join(dir, entry), 'utf8');
  seen.set(entry, text);
  for (const [, file] of text.matchAll(/(?:from|import\()\s*"\.\/([\w-]+\.mjs)"/g)) await loaded(dir, file as string, seen);
  return seen;
};

test('the built console bundle (npm run build) that berth top and the probes load shares Ink\'s caches across frames', async (t) => {
  const dir = join(ROOT, 'dist', 'console');
  for (const entry of ['run-console.mjs', 'console-probe.mjs']) {
    const texts = [...(await loaded(dir, entry).catch(() => new Map<string, string>())).values()];
    t.true(texts.length > 1, `no console bundle ${entry} with its chunks in ${dir}: run npm run build`);
    const ink = texts.filter((s) => s.includes('var OutputCaches'));
    t.is(ink.length, 1, `Ink's output.js is in one file ${entry} loads`);
    const chunk = ink[0] ?? '';
    // (t.true rather than t.regex: a failure would print the whole megabyte chunk.)
    t.true(/caches = shareAcrossFrames\d*\(new OutputCaches\d*\(\)\);/.test(chunk), `${entry}: Ink's caches are made by shareAcrossFrames`);
    t.false(/caches = new OutputCaches\d*\(\);/.test(chunk), `${entry}: no unshared caches left`);
    t.true(/FrameMap\d* = class extends Map/.test(chunk), `${entry}: views/ink-frame-caches.ts is bundled`);
  }
});
