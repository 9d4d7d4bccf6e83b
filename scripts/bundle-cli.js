// Bundles each command (dist/cli/commands/**) with the berth code and the libraries it imports
// into one file, sharing chunks between commands (dist/cli/chunks/): a cold `berth ps` then reads
// a handful of files instead of about a hundred modules, which is most of what a read command costs
// after Node and oclif start (issue 9: measured here, `berth ps` cold: 460 -> 370 ms CPU). Run
// after tsc and the manifest (which must see the commands as tsc wrote them). Left out of the bundles: the console and the
// dashboard libraries (loaded only by `top`/`dash`; blessed reads files beside itself), and what
// berth loads lazily with createRequire (pino, yaml).
//
// oclif itself is bundled once, apart (dist/cli/oclif.cjs): bin/run.js and every command import
// that one file, so there is one oclif in the process. Loading @oclif/core from node_modules is
// about 110 modules (140 ms CPU cold); the one file about 65 ms. Left outside it: typescript
// (oclif requires it only for a TypeScript plugin, and it is 9 MB) and debug (cli/debug-mask.ts
// masks secrets in the `debug` instance oclif loads); the file's own requires resolve from
// @oclif/core's folder, as oclif's would.
import { createHash } from 'node:crypto';
import { build, transform } from 'esbuild';
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { dirname, join, relative, sep } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const commands = join(root, 'dist/cli/commands');
const oclifOut = join(root, 'dist/cli/oclif.cjs');
// oclif sorts the commands with localeCompare when it loads a plugin, which builds ICU's collator in
// every oclif command, the daemon included (about 2.9 MB resident, for 34 ids). The bundle sorts
// them by code unit instead, and the build fails unless that gives this CLI's commands (the
// manifest scripts/manifest.js just wrote) in the same order as localeCompare.
const SORT_FROM = '.sort((a, b) => a.id.localeCompare(b.id));';
const SORT_TO = '.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));';
const ids = Object.keys(JSON.parse(readFileSync(join(root, 'oclif.manifest.json'), 'utf8')).commands);
const byLocale = [...ids].sort((a, b) => a.localeCompare(b)).join(' ');
const byUnit = [...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).join(' ');
if (byLocale !== byUnit) throw new Error(`command ids sort differently by code unit than by localeCompare:\n${byUnit}\n${byLocale}\n(remove oclifSort from scripts/bundle-cli.js)`);
/**
 * An esbuild plugin that makes exact edits to files of packages as they are bundled (`edits`:
 * [from, to] pairs per file pattern); the build fails when a file no longer has a `from`.
 */
function sourceEdits(name, list) {
  return {
    name,
    setup(b) {
      for (const { file, edits } of list) {
        b.onLoad({ filter: file }, (args) => {
          let contents = readFileSync(args.path, 'utf8');
          for (const [from, to] of edits) {
            if (!contents.includes(from)) throw new Error(`${args.path}: '${from}' not found; has the package changed?`);
            contents = contents.replace(from, to);
          }
          return { contents, loader: 'js' };
        });
      }
    },
  };
}
const oclifSort = sourceEdits('oclif-command-sort', [{ file: /[\\/]@oclif[\\/]core[\\/]lib[\\/]config[\\/]plugin\.js$/, edits: [[SORT_FROM, SORT_TO]] }]);
await build({
  entryPoints: [createRequire(import.meta.url).resolve('@oclif/core')],
  outfile: oclifOut,
  plugins: [oclifSort],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  external: ['typescript', 'ts-node', 'tsx', 'debug'],
  banner: { js: "require = require('node:module').createRequire(require.resolve('@oclif/core'));" },
  logLevel: 'warning',
});
// The NATS client's protocol parser reads every byte of each message's subject line through a
// switch whose cases are property reads (`exports.State.MSG_ARG`, `exports.cc.NL`): before V8
// optimises it, a cold process pays those reads per byte (500 KV entries: tens of ms). The bundle
// gets the same file with each of those constants written as its number. Checked, not guessed:
// the values come from the module itself, and the build fails if the file no longer has them.
const natsParser = {
  name: 'nats-parser-constants',
  setup(b) {
    b.onLoad({ filter: /[\\/]@nats-io[\\/]nats-core[\\/]lib[\\/]parser\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const values = createRequire(args.path)(args.path);
      let folded = 0;
      const contents = source.replace(/\bexports\.(State|cc|Kind)\.([A-Za-z_]+)\b(?!\s*=[^=])/g, (all, table, key) => {
        const v = values[table]?.[key];
        if (typeof v !== 'number') throw new Error(`${args.path}: ${all} is not a number`);
        folded += 1;
        return String(v);
      });
      if (folded < 100) throw new Error(`${args.path}: only ${folded} protocol constants found; has the NATS parser changed?`);
      return { contents, loader: 'js' };
    });
  },
};
// Modules the NATS client loads on start-up that a plain nats:// connection never uses: node:tls
// (about 20 ms of a cold start here), node:dns (a host name, not an IP address) and the nkeys
// library with tweetnacl (nkey and .creds authentication). Each becomes a getter that loads it on
// first use; the build fails if the client's source no longer has the lines this rewrites.
const LAZY = [
  { file: /[\\/]@nats-io[\\/]transport-node[\\/]lib[\\/]node_transport\.js$/, edits: [
    // `instanceof TLSSocket` asks before any TLS socket exists: no socket is one while tls is not loaded.
    ['const node_tls_1 = require("node:tls");', 'let __tls; const node_tls_1 = { get connect() { return (__tls ??= require("node:tls")).connect; }, get TLSSocket() { return __tls === undefined ? class NotLoaded {} : __tls.TLSSocket; } };'],
    ['const node_dns_1 = __importDefault(require("node:dns"));', 'let __dns; const node_dns_1 = { get default() { return (__dns ??= require("node:dns")); } };'],
  ] },
  { file: /[\\/]@nats-io[\\/]nats-core[\\/]lib[\\/]nkeys\.js$/, edits: [
    ['exports.nkeys = __importStar(require("@nats-io/nkeys"));', 'let __nkeys; Object.defineProperty(exports, "nkeys", { enumerable: true, get: () => (__nkeys ??= __importStar(require("@nats-io/nkeys"))) });'],
  ] },
  // The client's inbox prefix (a NUID) starts with 12 random bytes from globalThis.crypto, which
  // loads Node's whole crypto module (about 8 ms of a cold read command, which uses nothing else
  // of it): read them from the kernel's generator (/dev/urandom), which seeds crypto's too, and
  // fall back to crypto where there is none (Windows) or the read fails.
  { file: /[\\/]@nats-io[\\/]nuid[\\/]lib[\\/]nuid\.js$/, edits: [
    ['function fillRandom(a) {\n', 'function fillRandom(a) {\n    if (process.platform !== "win32") { try { const fs = require("node:fs"); const fd = fs.openSync("/dev/urandom", "r"); try { if (fs.readSync(fd, a, 0, a.length, null) === a.length) return; } finally { fs.closeSync(fd); } } catch {} }\n'],
  ] },
  // The one non-ASCII character of the fast bundle's code (see asciiOnly below), escaped at its source.
  { file: /[\\/]@nats-io[\\/]jetstream[\\/]lib[\\/]jsclient\.js$/, edits: [
    ['/(\\d+(?:\\.\\d+)?)(ns|us|\u00b5s|ms|s|m|h)/g', '/(\\d+(?:\\.\\d+)?)(ns|us|\\u00b5s|ms|s|m|h)/g'],
  ] },
];
const lazyRequires = sourceEdits('lazy-requires', LAZY);
// The fast entry of the read commands (cli/fast/main.ts): vms, ps and hosts with '@oclif/core'
// replaced by cli/fast/oclif-lite.ts, so that bin/run.js runs them without loading oclif. One
// CommonJS file (dist/cli/fast.cjs; what the commands import lazily, the KV client for --watch and
// the log reader for --at, is inside but evaluated only when imported), because bin/run.js compiles
// it itself with a V8 code cache made after a run (see loadFast there): Node's own compile cache is
// made when a module is compiled, so it holds the top level only, and every function a command
// then calls (most of the NATS client) was compiled again in every process. Its name for itself
// (import.meta.url in the sources) is its file's URL. Beside it, dist/cli/fast.cjs.sha256 names
// the build, so that a code cache is never used with another build's file. Built before the
// commands' bundles below overwrite the transpiled files it starts from.
const FAST_EXTERNAL = ['blessed', 'blessed-contrib', 'ink', 'react', 'react/*', 'pino', 'yaml', 'react-devtools-core'];
const lite = join(root, 'dist/cli/fast/oclif-lite.js');
const fastOut = join(root, 'dist/cli/fast.cjs');
rmSync(join(root, 'dist/cli/fast-run'), { recursive: true, force: true });
const fast = await build({
  entryPoints: [join(root, 'dist/cli/fast/main.js')],
  outfile: fastOut,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  external: FAST_EXTERNAL,
  define: { 'import.meta.url': '__berthFileUrl' },
  // import() becomes require(): bin/run.js compiles the file as a vm.Script, where an import()
  // needs vm's import callback, still experimental in Node 22 (a warning on stderr when used).
  supported: { 'dynamic-import': false },
  banner: { js: 'const __berthFileUrl = require("node:url").pathToFileURL(__filename).href;' },
  metafile: true,
  plugins: [natsParser, lazyRequires, { name: 'oclif-lite', setup: (b) => b.onResolve({ filter: /^@oclif\/core$/ }, () => ({ path: lite })) }],
  logLevel: 'warning',
});
// V8 keeps a script's source as one byte per character when every character is Latin-1, else
// as UTF-16 (twice the bytes to hash and scan): the 430 KB chunk of the NATS client took about
// 3.5 ms more to load for a few em dashes in comments. esbuild's default charset ('ascii')
// escapes strings and names, not comments nor regular expressions: what is left in the fast
// entry's files is written as \uXXXX here (the one regular expression is escaped at its source
// above), and checked: esbuild's print of each file without its comments must not change (it
// would where an escape is not the same text: a regular expression, a template's raw string).
const asciiOnly = async (files) => {
  const print = async (code) => (await transform(code, { minifyWhitespace: true, legalComments: 'none', charset: 'ascii', logLevel: 'warning' })).code;
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    if (!/[^\x00-\x7f]/.test(text)) continue;
    const escaped = text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    if (await print(escaped) !== await print(text)) throw new Error(`${file}: a non-ASCII character outside comments and strings; escape it at its source (LAZY)`);
    writeFileSync(file, escaped);
  }
};
await asciiOnly([fastOut]);
const fastInputs = Object.keys(fast.metafile.inputs);
if (fastInputs.some((f) => f.includes('@oclif/'))) throw new Error('dist/cli/fast.cjs would load oclif: ' + fastInputs.filter((f) => f.includes('@oclif/')).join(', '));
const fastText = readFileSync(fastOut, 'utf8');
if (/[^\w$.]import\(/.test(fastText)) throw new Error('dist/cli/fast.cjs still has an import(): bin/run.js runs it without an import callback');
writeFileSync(`${fastOut}.sha256`, createHash('sha256').update(fastText).digest('hex') + '\n');
const entries = readdirSync(commands, { recursive: true }).filter((f) => f.endsWith('.js')).map((f) => join(commands, f));
rmSync(join(root, 'dist/cli/chunks'), { recursive: true, force: true });
const result = await build({
  entryPoints: entries,
  outbase: commands,
  outdir: commands,
  allowOverwrite: true,
  chunkNames: '../chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  external: ['@oclif/core', '@oclif/plugin-help', 'blessed', 'blessed-contrib', 'ink', 'react', 'react/*', 'pino', 'yaml', 'react-devtools-core'],
  // CommonJS packages inside (the NATS client's dependencies) call require.
  banner: { js: "import { createRequire as __berthRequire } from 'node:module'; const require = __berthRequire(import.meta.url);" },
  metafile: true,
  plugins: [natsParser, lazyRequires],
  logLevel: 'warning',
});
// Every import of @oclif/core in the output becomes a require of the bundled one (a path relative
// to each file; `require` is the banner's). Required, not imported: importing a CommonJS file from
// ESM makes Node scan its whole text for export names first (more than the bundling saved).
let rewired = 0;
for (const out of Object.keys(result.metafile.outputs).filter((f) => f.endsWith('.js'))) {
  const file = join(root, out);
  const text = readFileSync(file, 'utf8');
  if (!text.includes('"@oclif/core"')) continue;
  let rel = relative(dirname(file), oclifOut).split(sep).join('/');
  if (!rel.startsWith('.')) rel = `./${rel}`;
  const rewritten = text.replace(/^import \{([^}]*)\} from "@oclif\/core";$/gm, (_, names) => `const {${names.replace(/ as /g, ': ')}} = require(${JSON.stringify(rel)});`);
  if (rewritten.includes('"@oclif/core"')) throw new Error(`${out}: an import of @oclif/core this script does not rewrite`);
  writeFileSync(file, rewritten);
  rewired += 1;
}
process.stdout.write(`bundled the fast read entry (dist/cli/fast.cjs, ${Math.round(fast.metafile.outputs['dist/cli/fast.cjs'].bytes / 1024)} KB), ${entries.length} commands (${relative(root, commands)}, shared chunks in dist/cli/chunks) and oclif (${relative(root, oclifOut)}, imported by ${rewired} of them)\n`);
