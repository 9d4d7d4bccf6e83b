import test from 'ava';
import { consoleTables } from '../../../cli/console/tables.js';
import type { Container } from '../../../events/container.js';
import type { ModelView } from '../../../events/read-model.js';
import type { Vm } from '../../../events/vm.js';
import { emptyModel } from '../../../daemon/query/live-store.js';
import type { AnyTable, ConsoleData } from '../../../views/tables.js';
import { aContainerSnapshot, t } from '../../support/builders.js';

// Names that sort differently by case, digits, accents or not at all (empty), on hosts that do too.
const NAMES = ['web', 'Web', 'web-2', 'web-10', 'db', 'api-1', 'api-01', 'café', 'cafe', 'zeta', ''];
const HOSTS = ['h1', 'h2', 'H1', 'h10', 'h1'];

const model = (): ModelView => {
  const m = emptyModel();
  let n = 0;
  for (const host of HOSTS) {
    for (const name of NAMES) {
      n += 1;
      const id = n.toString(16).padStart(64, '0');
      m.containers.set(id, { ...aContainerSnapshot({ containerId: id, name }), host, updatedAt: t(n), seq: n, lastSignal: null } satisfies Container);
      // The order reads the host, the name and the id only; the rest of a VM does not matter here.
      m.vms.set(`vm-${n}`, { vmId: `vm-${n}`, name, host: n % 7 === 0 ? null : host, projectId: 'p', state: 'active', availabilityZone: 'nova' } as unknown as Vm);
    }
  }
  return m;
};

test('a view that says its rows are incremental says the truth: its rows are its map in its order', (t0) => {
  const data: ConsoleData = { model: model(), tail: [] };
  const incremental = consoleTables().filter((x): x is AnyTable & { incremental: NonNullable<AnyTable['incremental']> } => x.incremental !== undefined);
  t0.deepEqual(incremental.map((x) => x.id), ['containers', 'vms']);
  for (const table of incremental) {
    const values = [...table.incremental.source(data.model).values()];
    t0.is(values.length, HOSTS.length * NAMES.length);
    t0.deepEqual([...values].sort(table.incremental.order), [...table.rows(data)], table.id);
    // A total order: two different entities never tie (else a moved row could land beside its twin).
    const ties = values.flatMap((a) => values.filter((b) => a !== b && table.incremental.order(a, b) === 0));
    t0.is(ties.length, 0, table.id);
  }
});
