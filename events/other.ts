import type { EventRecord } from './envelope.js';

/**
 * A Docker event about an object berth records but does not model (images, volumes, secrets,
 * configs, plugins, daemon reloads, prunes). Kept for audit; the fold ignores it.
 */
export type EngineObjectChanged = EventRecord<
  'EngineObjectChanged',
  1,
  { objectType: string; action: string; actorId: string; attributes: Readonly<Record<string, string>>; scope: string }
>;

/**
 * Something a source sent that berth could not translate: an unknown type or action, a
 * malformed body. The original is kept in `raw`; the fold only counts it.
 */
export type Unrecognized = EventRecord<'Unrecognized', 1, { reason: string; sourceType: string | null }>;

/**
 * A known OpenStack notification about something berth records but does not model (subnets,
 * routers, floating IPs, security groups, aggregates, services, keypairs, scheduler steps,
 * Heat autoscaling, a Magnum failure without a cluster). Kept for audit; the fold ignores it.
 */
export type OpenStackNotified = EventRecord<
  'OpenStackNotified',
  1,
  { eventType: string; publisherId: string; priority: string; entityId: string | null }
>;

export type OtherEvent = EngineObjectChanged | Unrecognized | OpenStackNotified;
