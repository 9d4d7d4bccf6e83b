import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { promisify } from 'node:util';

/** The lab's admin credentials and clouds.yaml (../shared/lab/openstack/README.md). */
export const OPENRC = '/var/lib/stacklab/admin-openrc.sh';
export const CLOUDS_YAML = '/var/lib/stacklab/clouds.yaml';
export const CLOUD = 'stacklab';

/** The `export K=V` lines of the openrc file as an environment (no shell involved). */
const labEnv = (): Record<string, string> => {
  if (!existsSync(OPENRC)) throw new Error(`${OPENRC} does not exist: the OpenStack lab is not up (bash /work/shared/lab/openstack/up.sh)`);
  const env: Record<string, string> = { ...(process.env as Record<string, string>), OS_COMPUTE_API_VERSION: '2.37', PYTHONWARNINGS: 'ignore' };
  for (const line of readFileSync(OPENRC, 'utf8').split('\n')) {
    const m = /^\s*export\s+([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (m) env[m[1] as string] = (m[2] as string).trim().replace(/^(['"])(.*)\1$/, '$2');
  }
  return env;
};

/** `openstack <args> -f json` as the lab's admin, parsed; fails with the command's stderr. */
export const openstack = async <T = Record<string, unknown>>(args: readonly string[]): Promise<T> => {
  try {
    const { stdout } = await promisify(execFile)('openstack', [...args, '-f', 'json'], { env: labEnv(), timeout: 180_000, maxBuffer: 16 * 1024 * 1024 });
    return JSON.parse(stdout) as T;
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    throw new Error(`openstack ${args.join(' ')}: ${(e.stderr || e.message).trim().split('\n').slice(-2).join(' | ')}`, { cause: err });
  }
};

/** `openstack <args>` for commands that print nothing (delete). */
export const openstackQuiet = async (args: readonly string[]): Promise<void> => {
  await promisify(execFile)('openstack', [...args], { env: labEnv(), timeout: 180_000 });
};
