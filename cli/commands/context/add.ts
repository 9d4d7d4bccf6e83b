import { Args, Flags } from '@oclif/core';
import { checkPrefix } from '../../../daemon/query/client.js';
import { BaseCommand } from '../../base-command.js';
import { buildContext } from '../../context/build.js';
import { checkName } from '../../context/context.js';
import { clearDefaultCandidates } from '../../context/completion-cache.js';
import { credentialsOf } from '../../context/describe.js';
import { openContexts } from '../../context/store.js';
import { contextsFile } from '../../context/paths.js';
import { UsageError } from '../../output/errors.js';
import { safeText } from '../../output/sanitize.js';

export default class ContextAdd extends BaseCommand {
  static override args = {
    name: Args.string({ description: 'name of the new context', required: true }),
  };
  static override description = `Add a context: the NATS servers, prefix and credentials reference (and, for the daemon, Docker engines and OpenStack cloud) that commands use when it is current.

Credentials are stored as references: the name of an environment variable holding the password or token, an nkey seed file, or a .creds file. The secret itself is stored only with --store-secret. The contexts file is always readable by you only.`;
  static override examples = [
    '<%= config.bin %> context add prod --nats nats://js1:4222,nats://js2:4222 --user berth --password-env BERTH_PROD_PW --ca /etc/berth/ca.pem --use',
    '<%= config.bin %> context add lab --nats tls://lab:4222 --creds ~/.nkeys/lab.creds --prefix lab',
    '<%= config.bin %> context add edge --nats nats://edge:4222 --engine unix:///var/run/docker.sock --cloud edge-cloud',
  ];
  static override flags = {
    nats: Flags.string({ description: 'NATS server URL (repeatable, or comma-separated for a cluster)', multiple: true, multipleNonGreedy: true }),
    prefix: Flags.string({ description: 'prefix of the berth installation (default berth)' }),
    user: Flags.string({ description: 'NATS user', helpGroup: 'CREDENTIALS' }),
    'password-env': Flags.string({ description: 'NAME of the environment variable holding the NATS password', helpGroup: 'CREDENTIALS' }),
    'token-env': Flags.string({ description: 'NAME of the environment variable holding the NATS token', helpGroup: 'CREDENTIALS' }),
    nkey: Flags.string({ description: 'file holding an nkey user seed', helpGroup: 'CREDENTIALS' }),
    creds: Flags.string({ description: 'NATS .creds file', helpGroup: 'CREDENTIALS' }),
    password: Flags.string({ description: 'the password itself (needs --store-secret)', helpGroup: 'CREDENTIALS' }),
    token: Flags.string({ description: 'the token itself (needs --store-secret)', helpGroup: 'CREDENTIALS' }),
    'store-secret': Flags.boolean({ description: 'allow storing --password/--token (or credentials in a URL) in the contexts file', helpGroup: 'CREDENTIALS' }),
    ca: Flags.string({ description: "CA certificate (PEM) of the NATS server's certificate", helpGroup: 'TLS' }),
    cert: Flags.string({ description: 'client certificate (PEM)', helpGroup: 'TLS' }),
    key: Flags.string({ description: 'client key (PEM)', helpGroup: 'TLS' }),
    engine: Flags.string({ char: 'e', description: 'Docker engine the daemon follows (repeatable)', multiple: true, multipleNonGreedy: true, helpGroup: 'DAEMON' }),
    cloud: Flags.string({ description: 'OpenStack cloud (clouds.yaml entry) for the daemon', helpGroup: 'DAEMON' }),
    use: Flags.boolean({ description: 'make it the current context' }),
    force: Flags.boolean({ description: 'replace a context of the same name' }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(ContextAdd);
    const name = checkName(args.name);
    // A prefix no command could use is refused now, not at each use.
    if (flags.prefix !== undefined) checkPrefix(flags.prefix);
    const ctx = buildContext(flags);
    const db = await openContexts();
    if (db.data.contexts[name] !== undefined && !flags.force) {
      throw new UsageError(`Context '${name}' already exists.`, { hint: `Add --force to replace it, or remove it first with 'berth context rm ${name}'.` });
    }
    await db.update((d) => {
      d.contexts[name] = ctx;
      if (flags.use) d.current = name;
    });
    if (flags.use) await clearDefaultCandidates();
    const where = ctx.nats?.length ? (ctx.nats.length === 1 ? 'one NATS server' : `${ctx.nats.length} NATS servers`) : 'the default NATS';
    this.log(safeText(`Context '${name}' saved in ${contextsFile()}: ${where}, prefix ${ctx.prefix ?? 'berth'}, credentials: ${credentialsOf(ctx)}.`));
    this.log(flags.use ? `Now using '${name}'.` : `Use it with 'berth context use ${name}', or for one command with --context ${name}.`);
  }
}
