import { execFile, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { listening } from '../../daemon/store/embedded.js';

const exec = promisify(execFile);
export const NATS_SERVER = '/usr/sbin/nats-server';

/** A TCP port nothing listens on right now. */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a !== null ? a.port : 0));
    });
  });

export type OwnNats = Readonly<{ port: number; pid: number; dir: string; log: () => string; stop: () => Promise<void> }>;

/**
 * Starts a nats-server of the test's own (JetStream on, data in a temp folder) with `extra`
 * appended to its config, on a free port of 127.0.0.1. The config is a file, so the test can
 * require credentials or TLS.
 */
export const startOwnNats = async (extra: string): Promise<OwnNats> => {
  const dir = mkdtempSync(join(tmpdir(), 'berth-nats-'));
  const port = await freePort();
  mkdirSync(join(dir, 'js'));
  const conf = join(dir, 'server.conf');
  writeFileSync(conf, `listen: 127.0.0.1:${port}\njetstream { store_dir: "${join(dir, 'js')}" }\n${extra}\n`);
  const child: ChildProcess = spawn(NATS_SERVER, ['-c', conf], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout?.on('data', (b: Buffer) => { log += b.toString(); });
  child.stderr?.on('data', (b: Buffer) => { log += b.toString(); });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  for (let i = 0; i < 100 && !(await listening('127.0.0.1', port)); i++) {
    if (child.exitCode !== null) throw new Error(`nats-server exited ${child.exitCode}: ${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    port, pid: child.pid as number, dir, log: () => log,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGCONT');
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
};

export type Pki = Readonly<{ ca: string; serverCert: string; serverKey: string; clientCert: string; clientKey: string; otherCa: string }>;

const openssl = async (...args: string[]): Promise<void> => {
  await exec('openssl', args);
};

/** A CA, a server certificate for 127.0.0.1 (only: no 'localhost', which nats.js would otherwise check an IP against), a client certificate, and an unrelated CA, made with openssl in `dir`. */
export const makePki = async (dir: string): Promise<Pki> => {
  const p = (f: string): string => join(dir, f);
  const ca = async (name: string): Promise<void> => {
    await openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', `/CN=${name}`, '-keyout', p(`${name}.key`), '-out', p(`${name}.pem`));
  };
  const leaf = async (name: string, ext: string): Promise<void> => {
    await openssl('req', '-newkey', 'rsa:2048', '-nodes', '-subj', `/CN=${name}`, '-keyout', p(`${name}.key`), '-out', p(`${name}.csr`));
    writeFileSync(p(`${name}.ext`), ext);
    await openssl('x509', '-req', '-in', p(`${name}.csr`), '-CA', p('test-ca.pem'), '-CAkey', p('test-ca.key'), '-CAcreateserial', '-days', '2', '-extfile', p(`${name}.ext`), '-out', p(`${name}.pem`));
  };
  await ca('test-ca');
  await ca('other-ca');
  await leaf('server', 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
  await leaf('client', 'extendedKeyUsage=clientAuth\n');
  return { ca: p('test-ca.pem'), serverCert: p('server.pem'), serverKey: p('server.key'), clientCert: p('client.pem'), clientKey: p('client.key'), otherCa: p('other-ca.pem') };
};
