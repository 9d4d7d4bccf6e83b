import type { ClusterSnapshot } from '../../../events/cluster.js';
import type { SubjectKind } from '../../../events/envelope.js';
import { fieldDiff } from '../../../events/field-diff.js';
import type { FieldChange } from '../../../events/field-diff.js';
import { entityKey } from '../../../events/ids.js';
import type { Inventory } from '../../../events/inventory.js';
import type { NetworkSnapshot } from '../../../events/network.js';
import type { ApiEntityKind, HostServicesFacts, VmApiFacts, ZunContainerFacts } from '../../../events/openstack-api.js';
import type { NeutronPortFacts } from '../../../events/openstack-port.js';
import type { OpsEvent } from '../../../events/ops-event.js';
import type { StackFacts } from '../../../events/stack.js';
import type { VmFacts } from '../../../events/vm.js';
import { apiBase, modelStamp } from './records.js';
import type { ApiStamp } from './records.js';

/** One entity as read: the facts berth keeps, and the API's JSON of it (for the raw copy). */
export type Seen<T> = Readonly<{ facts: T; raw: unknown }>;
/**
 * One listing: what it showed, and whether it covers every project (`projectOnly` null) or only the
 * token's (then only that project's entities can be found gone). Null: not read this time (the call
 * failed, or the service is not deployed): nothing of that kind is judged.
 */
export type Listing<T> = Readonly<{ items: readonly Seen<T>[]; projectOnly: string | null }> | null;

export type ApiSeen = Readonly<{
  servers: Listing<Readonly<{ vm: VmFacts; api: VmApiFacts }>>;
  ports: Listing<NeutronPortFacts>;
  networks: Listing<NetworkSnapshot>;
  stacks: Listing<StackFacts>;
  clusters: Listing<ClusterSnapshot>;
  zunContainers: Listing<ZunContainerFacts>;
  /** Services, hypervisors and Zun hosts by host; null unless every host listing was read. */
  hosts: ReadonlyMap<string, HostServicesFacts> | null;
}>;

type Had = Readonly<{ updatedAt: string; lastEventId?: string; seq?: number }>;

/** How one kind of entity is judged: its model, its comparable view, and the events it becomes. */
type Judge<T, M extends Had> = Readonly<{
  tag: string;
  entity: ApiEntityKind & SubjectKind;
  model: ReadonlyMap<string, M>;
  idOf: (f: T) => string;
  hostOf: (f: T) => string;
  /** The model's entities this API answers for (not Docker's containers, swarms or networks). */
  owned: (m: M) => boolean;
  projectOf: (m: M) => string | null;
  nameOf: (m: M) => string;
  view: (f: T) => unknown;
  modelView: (m: M) => unknown;
  /**
   * Fields of the view the model cannot know yet (only the API says them, and it has not read this
   * entity before): a difference there is the model filling in, not drift. Top-level view keys.
   */
  notYetKnown?: (m: M) => readonly string[];
  observed: (base: ReturnType<typeof apiBase>, f: T) => OpsEvent;
  drifted: (base: ReturnType<typeof apiBase>, f: T, changes: FieldChange[], had: M) => OpsEvent;
}>;

const judge = <T, M extends Had>(inv: Pick<Inventory, 'tombstones'>, s: ApiStamp, listing: Listing<T>, j: Judge<T, M>): OpsEvent[] => {
  if (listing === null) return [];
  const out: OpsEvent[] = [];
  const listed = new Set<string>();
  for (const { facts, raw } of listing.items) {
    const id = j.idOf(facts);
    if (id === '') continue;
    listed.add(id);
    if (inv.tombstones.has(entityKey(j.entity, id))) continue;
    const had = j.model.get(id);
    const subject = { kind: j.entity, id };
    if (had === undefined) {
      out.push(j.observed(apiBase(s, { tag: j.tag, subject, host: j.hostOf(facts), had: 'new', content: j.view(facts), raw }), facts));
      continue;
    }
    // Changed by an event newer than this read began: the read cannot judge it.
    if (had.updatedAt >= s.at) continue;
    const differs = fieldDiff(j.modelView(had), j.view(facts));
    const unknown = new Set(j.notYetKnown?.(had) ?? []);
    const changes = differs.filter((c) => !unknown.has(c.path.split(/[.[]/)[0] ?? ''));
    const base = apiBase(s, { tag: j.tag, subject, host: j.hostOf(facts), had: modelStamp(had), content: j.view(facts), raw });
    if (changes.length > 0) out.push(j.drifted(base, facts, changes, had));
    // Only what the model could not know differs: observed (the model takes it), not drifted.
    else if (differs.length > 0) out.push(j.observed(base, facts));
  }
  for (const [id, m] of j.model) {
    if (listed.has(id) || !j.owned(m) || m.updatedAt >= s.at) continue;
    if (listing.projectOnly !== null && j.projectOf(m) !== listing.projectOnly) continue;
    const name = j.nameOf(m);
    const reason = `not listed by the ${j.entity === 'container' ? 'Zun' : 'OpenStack'} API on ${s.origin}`;
    out.push({
      ...apiBase(s, { tag: `${j.tag}-gone`, subject: { kind: j.entity, id }, host: '', had: modelStamp(m), content: 'vanished' }), type: 'OpenStackEntityVanished',
      data: { entity: j.entity, id, name, reason, origin: s.origin },
    });
  }
  return out;
};

export { judge };
export type { Judge };
