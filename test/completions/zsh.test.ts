import test from 'ava';
import { hasShell, runShell, sandbox } from './shell-env.js';
import type { Sandbox } from './shell-env.js';

// zsh's completion functions (_describe, compadd, _files) need a live line editor; here they are
// replaced by stubs that print what they were given, `words`/CURRENT are set as compsys sets
// them, and the script's own function does the rest.
const DRIVER = `_describe() { local arr=$4; print -r -- "\${(@)\${(P)arr}%%:*}"; }
compadd() { [[ $1 == -- ]] && shift; print -r -- "$*"; }
_files() { print -r -- '<files>'; }
_message() { print -r -- '<any>'; }
compset() { :; }
compdef() { :; }
source $1
words=(\${(z)2})
[[ $2 == *' ' ]] && words+=('')
CURRENT=\${#words}
_berth`;

const complete = async (sb: Sandbox, line: string): Promise<string> => (await runShell(sb, ['zsh', '-f', '-c', DRIVER, 'zsh', sb.script('zsh'), line])).trim();

const withZsh = (await hasShell('zsh')) ? test.serial : test.skip;

withZsh('zsh completes commands, subcommands, flags, fixed values, files, and live values from the cache', async (t) => {
  t.timeout(180_000); // starts the CLI many times; a loaded machine makes each start slow
  const sb = await sandbox(t);
  t.regex(await complete(sb, 'berth '), /^audit|clusters completion containers context daemon/);
  t.is(await complete(sb, 'berth context '), 'add list ls remove rm show use');
  t.regex(await complete(sb, 'berth hosts -'), /--output -o --column -c --no-headers/);
  t.is(await complete(sb, 'berth hosts -o '), 'table json yaml csv value');
  t.is(await complete(sb, 'berth ps --output=y'), 'table json yaml csv value', 'compadd filters by the prefix itself');
  t.is(await complete(sb, 'berth ps --nats-ca '), '<files>');
  t.is(await complete(sb, 'berth get container '), 'aaaaaaaaaaaa bbbbbbbbbbbb cccccccccccc web-1 worker-2');
  t.is(await complete(sb, 'berth ps --host '), 'compute-1 docker-a');
  t.deepEqual(sb.calls(), []);
  t.is(await complete(sb, 'berth context use '), 'down lab');
});
