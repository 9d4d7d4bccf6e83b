import type { OpsEvent } from '../../ops-event.js';
import type { CanonicalTime } from '../../time.js';
import { obj, str } from '../json-access.js';
import type { OsloMessage } from '../oslo-envelope.js';
import { redact } from '../redact.js';
import { osBase, serviceSubject, unrecognized } from './common.js';
import { translateHeat } from './heat.js';
import { translateMagnum } from './magnum.js';
import { isNeutronEvent, translateNeutron } from './neutron.js';
import { translateNovaLegacy } from './nova-legacy.js';
import { translateNovaVersioned } from './nova-versioned.js';

const CADF = 'http://schemas.dmtf.org/cloud/audit/1.0/event';
const NOVA_LEGACY = /^(compute\.|compute_task\.|scheduler\.|aggregate\.|keypair\.|servergroup\.|HostAPI\.|volume\.usage|network\.floating_ip\.)/;

/**
 * Translates one decoded OpenStack notification into berth events (the anti-corruption layer).
 * Pure and total: it never throws, and anything it cannot place is `Unrecognized` with the
 * (redacted) body kept. The payload is redacted before anything is read from it.
 */
export const translateOpenStack = (message: OsloMessage, observedAt: CanonicalTime): OpsEvent[] => {
  try {
    return route(message, redact(message.payload), observedAt);
  } catch (err) {
    // A bug must not lose the message: keep it, say why.
    return [unrecognized(osBase(message, observedAt, null), `translator failed: ${(err as Error).message}`, message.eventType, serviceSubject(message))];
  }
};

const route = (m: OsloMessage, payload: unknown, observedAt: CanonicalTime): OpsEvent[] => {
  const p = obj(payload);
  if (Object.hasOwn(p, 'nova_object.data')) return translateNovaVersioned(m, payload, observedAt);
  if (m.eventType.startsWith('magnum.cluster.') && str(p['typeURI']) === CADF) return translateMagnum(m, payload, observedAt);
  if (m.eventType.startsWith('orchestration.')) return translateHeat(m, payload, observedAt);
  if (NOVA_LEGACY.test(m.eventType) || Object.hasOwn(p, 'exception')) return translateNovaLegacy(m, payload, observedAt);
  if (isNeutronEvent(m.eventType)) return translateNeutron(m, payload, observedAt);
  return [unrecognized(osBase(m, observedAt, null), `unknown OpenStack event type '${m.eventType}'`, m.eventType, serviceSubject(m))];
};
