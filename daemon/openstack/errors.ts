import { BerthError, DaemonUnreachableError } from '../../events/errors.js';
import { maskSecrets } from '../../events/mask-url.js';

/** The cloud's API could not be reached at all (refused, DNS, TLS, timeout). */
export class OpenStackUnreachableError extends DaemonUnreachableError {
  constructor(what: string, reason: string, cause?: unknown) {
    const hint = /CERT|SSL|TLS|certificate|self.signed/i.test(reason)
      ? 'Check cacert (or --os-cacert / OS_CACERT), or set insecure for a lab cloud.'
      : 'Check that the cloud is up and the auth_url / catalog URLs are reachable from here.';
    super(`${what} did not answer (${reason}).`, { hint, cause });
    this.name = 'OpenStackUnreachableError';
  }
}

/** Keystone refused to issue a token: wrong password, unknown user or credential, bad scope. */
export class KeystoneAuthError extends BerthError {
  readonly status: number;
  constructor(message: string, status: number) {
    super('E_OPENSTACK_AUTH', message, { hint: 'Check the credentials of the cloud (clouds.yaml, secure.yaml or the OS_* variables).' });
    this.name = 'KeystoneAuthError';
    this.status = status;
  }
}

/** An OpenStack API answered with an error status. `apiMessage` is the service's own text, secrets masked. */
export class OpenStackApiError extends BerthError {
  readonly status: number;
  readonly service: string;
  readonly apiMessage: string;
  constructor(service: string, method: string, path: string, status: number, apiMessage: string) {
    super('E_OPENSTACK_API', `OpenStack ${service} answered ${String(status)} to ${method} ${path}: ${apiMessage || '(no message)'}`);
    this.name = 'OpenStackApiError';
    this.status = status;
    this.service = service;
    this.apiMessage = apiMessage;
  }
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The human message of an OpenStack error body, whichever of the shapes the services use
 * (`{"error": {"message"}}` Keystone, `{"itemNotFound": {"message"}}` Nova, `{"NeutronError": {"message"}}`,
 * `{"errors": [{"detail"}]}` Magnum/Zun, `{"title", "explanation"}` Heat/webob), masked and bounded.
 */
export const apiMessageOf = (text: string, secrets: readonly string[]): string => {
  let msg = text.trim();
  try {
    const body = JSON.parse(text) as unknown;
    if (isObj(body)) msg = pick(body) ?? msg;
  } catch {
    // Not JSON (a proxy's HTML page): the trimmed text is the best there is.
  }
  return maskSecrets(msg.slice(0, 500), secrets);
};

const pick = (body: Record<string, unknown>): string | undefined => {
  const errors = body['errors'];
  if (Array.isArray(errors) && isObj(errors[0])) {
    const e = errors[0];
    return [e['title'], e['detail']].filter((x) => typeof x === 'string' && x !== '').join(': ') || undefined;
  }
  if (typeof body['explanation'] === 'string') return body['explanation'];
  for (const v of Object.values(body)) {
    if (isObj(v) && typeof v['message'] === 'string') return v['message'];
    if (typeof v === 'string' && v !== '') return v;
  }
  return undefined;
};
