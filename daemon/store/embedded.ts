import { spawn } from 'node:child_process';
import { accessSync, constants, mkdirSync, openSync } from 'node:fs';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { ConfigError } from '../../events/errors.js';

/** True when something accepts TCP connections on host:port within `ms`. */
export const listening = (host: string, port: number, ms = 500): Promise<boolean> =>
  new Promise((resolve) => {
    const s = createConnection({ host, port });
    const done = (ok: boolean) => {
      s.destroy();
      resolve(ok);
    };
    s.setTimeout(ms, () => done(false));
    s.once('connect', () => done(true));
    s.once('error', () => done(false));
  });

const findBinary = (): string | undefined => {
  const dirs = [...(process.env['PATH'] ?? '').split(':'), '/usr/sbin', '/usr/local/sbin', '/usr/local/bin', '/usr/bin'];
  for (const d of dirs) {
    if (d === '') continue;
    const p = join(d, 'nats-server');
    try {
      accessSync(p, constants.X_OK);
      return p;
    } catch {
      // not here
    }
  }
  return undefined;
};

/**
 * Starts a local `nats-server -js` on 127.0.0.1:4222 with its data under berth's state
 * directory: the zero-configuration default for one machine. It outlives the daemon on
 * purpose (it holds the event log; the next daemon finds it running).
 */
export const startEmbeddedNats = async (stateDir: string): Promise<{ url: string; dataDir: string; logFile: string }> => {
  const bin = findBinary();
  if (!bin) {
    throw new ConfigError('No NATS server answers on 127.0.0.1:4222 and no nats-server binary is installed.', {
      hint: "Install one (Debian/Ubuntu: 'apt-get install nats-server'), or point berth at a NATS server with JetStream: --nats URL or BERTH_NATS_URL.",
    });
  }
  const dataDir = join(stateDir, 'nats');
  mkdirSync(dataDir, { recursive: true });
  const logFile = join(stateDir, 'nats-server.log');
  const out = openSync(logFile, 'a');
  const child = spawn(bin, ['-a', '127.0.0.1', '-p', '4222', '-js', '-sd', dataDir], { detached: true, stdio: ['ignore', out, out] });
  child.unref();
  for (let i = 0; i < 100; i++) {
    if (await listening('127.0.0.1', 4222)) return { url: 'nats://127.0.0.1:4222', dataDir, logFile };
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new ConfigError(`nats-server did not start (see ${logFile}).`, { hint: 'Fix what the log says, or run a NATS server yourself and pass --nats URL.' });
};
