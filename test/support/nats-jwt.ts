import { createAccount, createOperator, createUser } from '@nats-io/nkeys';
import type { KeyPair } from '@nats-io/nkeys';

const b64url = (b: Uint8Array | string): string => Buffer.from(b).toString('base64url');
const text = (b: Uint8Array): string => new TextDecoder().decode(b);

/** A NATS JWT (header, claims, ed25519 signature by the issuer's nkey), as nsc writes them. */
const jwt = (signer: KeyPair, sub: string, name: string, nats: Record<string, unknown>): string => {
  const header = b64url(JSON.stringify({ typ: 'JWT', alg: 'ed25519-nkey' }));
  const claims = b64url(JSON.stringify({ jti: `${name}${Date.now()}`, iat: Math.floor(Date.now() / 1000), iss: signer.getPublicKey(), name, sub, nats: { ...nats, version: 2 } }));
  return `${header}.${claims}.${b64url(signer.sign(new TextEncoder().encode(`${header}.${claims}`)))}`;
};

const UNLIMITED = { subs: -1, data: -1, payload: -1, imports: -1, exports: -1, wildcards: true, conn: -1, leaf: -1, mem_storage: -1, disk_storage: -1, streams: -1, consumer: -1 };

/** The server side (operator mode with a memory resolver) and a user's `.creds` file contents; `stranger` is a .creds of an account the server does not know. */
export const operatorSetup = (): { serverConfig: string; creds: string; stranger: string } => {
  const op = createOperator();
  const opPub = op.getPublicKey();
  const account = (limits: Record<string, unknown> = UNLIMITED): { kp: KeyPair; pub: string; jwt: string } => {
    const kp = createAccount();
    const pub = kp.getPublicKey();
    return { kp, pub, jwt: jwt(op, pub, 'acc', { type: 'account', limits, default_permissions: { pub: {}, sub: {} } }) };
  };
  const userCreds = (acc: KeyPair): string => {
    const u = createUser();
    const token = jwt(acc, u.getPublicKey(), 'user', { type: 'user', pub: {}, sub: {}, subs: -1, data: -1, payload: -1 });
    return `-----BEGIN NATS USER JWT-----\n${token}\n------END NATS USER JWT------\n\n-----BEGIN USER NKEY SEED-----\n${text(u.getSeed())}\n------END USER NKEY SEED------\n`;
  };
  const known = account();
  const other = account();
  // JetStream in operator mode needs a system account.
  const sys = account({ subs: -1, data: -1, payload: -1, imports: -1, exports: -1, wildcards: true, conn: -1, leaf: -1 });
  return {
    serverConfig: `operator: ${jwt(op, opPub, 'op', { type: 'operator' })}\nsystem_account: ${sys.pub}\nresolver: MEMORY\nresolver_preload: {\n  ${known.pub}: ${known.jwt}\n  ${sys.pub}: ${sys.jwt}\n}\n`,
    creds: userCreds(known.kp),
    stranger: userCreds(other.kp),
  };
};
