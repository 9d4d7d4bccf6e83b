// The OpenStack notification source and what it needs (amqplib, the oslo envelope, the
// translators, redaction), loaded by the daemon only when it follows RabbitMQ (--amqp).
import { translateOpenStack } from '../events/translate/openstack/index.js';
import { decodeOslo } from '../events/translate/oslo-envelope.js';
import { fromEpochMs } from '../events/time.js';
import type { Decoded } from './sources/openstack/subscribe.js';

export { redactText } from '../events/translate/redact.js';
export { runAmqpSource } from './sources/openstack/subscribe.js';

/** One AMQP body to events: decode the oslo envelope, then translate (redacting secrets). */
export const decodeNotification = (body: string): Decoded => {
  const d = decodeOslo(body);
  if (!d.ok) return d;
  return { ok: true, events: translateOpenStack(d.message, fromEpochMs(Date.now())) };
};
