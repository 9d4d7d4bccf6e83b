import { maskUrl } from '../../events/mask-url.js';
import type { Column } from '../output/columns.js';
import type { BerthContext } from './context.js';

/** A context as `berth context list/show` print it: every secret masked, nothing needed to connect. */
export type ContextRow = Readonly<{
  name: string;
  current: boolean;
  nats: readonly string[];
  prefix: string | null;
  /** Where the NATS credentials come from, in words (never the secret). */
  credentials: string;
  tls: string;
  engines: readonly string[];
  cloud: string | null;
}>;

/** In words, where a context's credentials come from. */
export const credentialsOf = (c: BerthContext): string => {
  const parts: string[] = [];
  if (c.user !== undefined) parts.push(`user ${c.user}`);
  if (c.password !== undefined) parts.push('password stored in the contexts file');
  if (c.passwordEnv !== undefined) parts.push(`password from $${c.passwordEnv}`);
  if (c.token !== undefined) parts.push('token stored in the contexts file');
  if (c.tokenEnv !== undefined) parts.push(`token from $${c.tokenEnv}`);
  if (c.nkeyFile !== undefined) parts.push(`nkey seed ${c.nkeyFile}`);
  if (c.credsFile !== undefined) parts.push(`creds ${c.credsFile}`);
  if (parts.length === 0 && (c.nats ?? []).some((u) => u.includes('@'))) parts.push('in the URL (stored)');
  return parts.length === 0 ? 'none' : parts.join(', ');
};

const tlsOf = (c: BerthContext): string => {
  const parts: string[] = [];
  if (c.tlsCa !== undefined) parts.push(`CA ${c.tlsCa}`);
  if (c.tlsCert !== undefined) parts.push(`client cert ${c.tlsCert}`);
  if (c.tlsKey !== undefined) parts.push(`key ${c.tlsKey}`);
  if (parts.length === 0 && (c.nats ?? []).some((u) => u.startsWith('tls://'))) parts.push('required (system CAs)');
  return parts.length === 0 ? 'off' : parts.join(', ');
};

export const contextRow = (name: string, c: BerthContext, current: string | null): ContextRow => ({
  name,
  current: name === current,
  nats: (c.nats ?? []).map(maskUrl),
  prefix: c.prefix ?? null,
  credentials: credentialsOf(c),
  tls: tlsOf(c),
  engines: c.engines ?? [],
  cloud: c.cloud ?? null,
});

export const contextColumns: readonly Column<ContextRow>[] = [
  { id: 'current', header: ' ', get: (r) => (r.current ? '*' : '') },
  { id: 'name', header: 'Name', get: (r) => r.name },
  { id: 'nats', header: 'NATS', get: (r) => (r.nats.length === 0 ? '(default)' : r.nats.join(',')), width: 48 },
  { id: 'prefix', header: 'Prefix', get: (r) => r.prefix ?? '(default)' },
  { id: 'credentials', header: 'Credentials', get: (r) => r.credentials, width: 40 },
  { id: 'tls', header: 'TLS', get: (r) => r.tls, width: 30 },
  { id: 'engines', header: 'Engines', get: (r) => r.engines.join(','), width: 40 },
  { id: 'cloud', header: 'Cloud', get: (r) => r.cloud ?? '' },
];
