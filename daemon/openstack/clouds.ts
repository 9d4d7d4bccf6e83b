import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ENV_CLOUD } from '../../events/action.js';
import { ConfigError } from '../../events/errors.js';
import { authFromEnv, authFromYaml, type CloudAuth } from './cloud-auth.js';

export type { CloudAuth } from './cloud-auth.js';

/** Everything berth needs to talk to one cloud: who it is, where Keystone is, and how to trust its TLS. */
export type CloudConfig = Readonly<{
  /** The cloud's name in clouds.yaml, or `envvars` when it came from `OS_*` variables. */
  name: string;
  auth: CloudAuth;
  /** Endpoints of this region only (`region_name` / `OS_REGION_NAME`); any region when unset. */
  regionName: string | undefined;
  /** Catalog interface used by default: `public` unless `interface` / `OS_INTERFACE` says otherwise. */
  interface: string;
  /** CA bundle file to verify the cloud's TLS with (`cacert` / `OS_CACERT` / `--os-cacert`). */
  cacert: string | undefined;
  /** Client certificate and key files (`cert`/`key`, `OS_CERT`/`OS_KEY`). */
  cert: string | undefined;
  key: string | undefined;
  /** Skip TLS verification (`verify: false`, `insecure: true`, `OS_INSECURE`, `--insecure`). */
  insecure: boolean;
  /** Where the settings came from (a file path, or `OS_* variables`): for messages. */
  origin: string;
}>;

export type ResolveOptions = Readonly<{
  /** `--os-cloud`; beats `OS_CLOUD`. */
  cloud?: string | undefined;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  home?: string;
  /** Overrides the standard search list (tests). */
  files?: readonly string[];
  /** `--os-cacert` / `--insecure` from the command line: beat the file and the variables. */
  cacert?: string | undefined;
  insecure?: boolean | undefined;
}>;

/**
 * The files the openstack CLI (openstacksdk) reads, first match wins: `OS_CLIENT_CONFIG_FILE`,
 * then `./clouds.yaml`, `~/.config/openstack/clouds.yaml`, `/etc/openstack/clouds.yaml`.
 */
export const cloudsYamlCandidates = (env: NodeJS.ProcessEnv, cwd: string, home: string): string[] => [
  ...(env['OS_CLIENT_CONFIG_FILE'] ? [env['OS_CLIENT_CONFIG_FILE']] : []),
  join(cwd, 'clouds.yaml'),
  join(home, '.config', 'openstack', 'clouds.yaml'),
  '/etc/openstack/clouds.yaml',
];

type Yaml = Record<string, unknown>;
const isObj = (v: unknown): v is Yaml => typeof v === 'object' && v !== null && !Array.isArray(v);

const readYaml = (path: string): Yaml | undefined => {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const doc = parseYaml(text) as unknown;
    return isObj(doc) ? doc : {};
  } catch (cause) {
    throw new ConfigError(`'${path}' is not valid YAML.`, { hint: 'Fix the file, or point OS_CLIENT_CONFIG_FILE elsewhere.', cause });
  }
};

/** secure.yaml sits beside clouds.yaml and carries the passwords; openstacksdk merges it in. */
const deepMerge = (a: Yaml, b: Yaml): Yaml => {
  const out: Yaml = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = isObj(v) && isObj(out[k]) ? deepMerge(out[k], v) : v;
  return out;
};

const findCloud = (name: string, files: readonly string[]): { cloud: Yaml; origin: string } | undefined => {
  for (const file of files) {
    const doc = readYaml(file);
    const clouds = doc?.['clouds'];
    if (!isObj(clouds)) continue;
    const entry = clouds[name];
    if (!isObj(entry)) continue;
    const secure = readYaml(file.replace(/clouds\.yaml$/, 'secure.yaml'));
    const secureEntry = isObj(secure?.['clouds']) ? (secure['clouds'] as Yaml)[name] : undefined;
    return { cloud: isObj(secureEntry) ? deepMerge(entry, secureEntry) : entry, origin: file };
  }
  return undefined;
};

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const truthy = (v: string | undefined): boolean => v !== undefined && /^(1|true|yes|on)$/i.test(v);

const fromYaml = (name: string, cloud: Yaml, origin: string, env: NodeJS.ProcessEnv): CloudConfig => {
  const verify = cloud['verify'];
  return {
    name,
    auth: authFromYaml(cloud, `cloud '${name}' in '${origin}'`),
    regionName: str(cloud['region_name']) ?? env['OS_REGION_NAME'],
    interface: str(cloud['interface']) ?? str(cloud['endpoint_type']) ?? 'public',
    cacert: str(cloud['cacert']) ?? env['OS_CACERT'],
    cert: str(cloud['cert']) ?? env['OS_CERT'],
    key: str(cloud['key']) ?? env['OS_KEY'],
    insecure: verify === false || cloud['insecure'] === true || truthy(env['OS_INSECURE']),
    origin,
  };
};

const fromEnv = (env: NodeJS.ProcessEnv): CloudConfig => ({
  name: ENV_CLOUD,
  auth: authFromEnv(env),
  regionName: env['OS_REGION_NAME'],
  interface: (env['OS_INTERFACE'] ?? env['OS_ENDPOINT_TYPE'] ?? 'public').replace(/URL$/, ''),
  cacert: env['OS_CACERT'],
  cert: env['OS_CERT'],
  key: env['OS_KEY'],
  insecure: truthy(env['OS_INSECURE']),
  origin: 'OS_* variables',
});

/**
 * The cloud to use, the way the openstack CLI picks it: `--os-cloud`, else `OS_CLOUD` (both looked
 * up in clouds.yaml, merged with secure.yaml), else the `OS_*` variables (`OS_AUTH_URL` and the
 * rest). Command-line TLS options beat both. Throws ConfigError naming what is missing (never a secret).
 */
export const resolveCloud = (opts: ResolveOptions = {}): CloudConfig => {
  const env = opts.env ?? process.env;
  const name = opts.cloud ?? str(env['OS_CLOUD']);
  let base: CloudConfig;
  if (name !== undefined) {
    const files = opts.files ?? cloudsYamlCandidates(env, opts.cwd ?? process.cwd(), opts.home ?? homedir());
    const found = findCloud(name, files);
    if (found === undefined) {
      throw new ConfigError(`Cloud '${name}' is not in any clouds.yaml (looked in ${files.map((f) => `'${f}'`).join(', ')}).`, {
        hint: 'Add it to one of those files, set OS_CLIENT_CONFIG_FILE, or pass --os-cloud with a name that exists.',
      });
    }
    base = fromYaml(name, found.cloud, found.origin, env);
  } else if (str(env['OS_AUTH_URL']) !== undefined) {
    base = fromEnv(env);
  } else {
    throw new ConfigError('No OpenStack cloud is configured: neither --os-cloud, OS_CLOUD nor OS_AUTH_URL is set.', {
      hint: 'Pass --os-cloud NAME (a cloud in clouds.yaml), or source an openrc file that sets the OS_* variables.',
    });
  }
  return {
    ...base,
    cacert: opts.cacert ?? base.cacert,
    insecure: opts.insecure === true || base.insecure,
  };
};
