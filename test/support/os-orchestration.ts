// Heat stacks and Magnum clusters of the OpenStack lab over their REST APIs, and the in-VM agent
// the lab does not have: signalling a cluster's SoftwareDeployments so that it completes.
import type { Json } from './os-facts.js';
import { osUntil, serverShow } from './os-lab.js';
import { osApi, osDel, osGet } from './os-rest.js';

const str = (x: unknown): string => (typeof x === 'string' ? x : '');
const sleep = async (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

// ----------------------------------------------------------------------------------- Heat

/** A stack's canonical address: Heat's URLs are `/stacks/{name}/{id}`. */
export type StackRef = Readonly<{ name: string; id: string }>;
const path = (st: StackRef): string => `/stacks/${encodeURIComponent(st.name)}/${st.id}`;

/** Creates a stack from a template (YAML text); returns its name and id. */
export const createStack = async (name: string, template: string, timeoutMins = 5): Promise<StackRef> => {
  const res = await osApi<{ stack: Json }>('orchestration', 'POST', '/stacks', { stack_name: name, template, timeout_mins: timeoutMins });
  return { name, id: str(res.stack['id']) };
};

/** `GET /stacks/{name}/{id}`, or null once it is gone (Heat answers 404 for a deleted stack, or shows it DELETE_COMPLETE). */
export const stackShow = async (st: StackRef): Promise<Json | null> => (await osGet<{ stack: Json }>('orchestration', path(st)))?.stack ?? null;

/** Waits until a stack leaves `*_IN_PROGRESS`; returns it, or null once it is gone. */
export const waitStack = async (st: StackRef, ms: number): Promise<Json | null> => {
  const r = await osUntil(`stack ${st.name} to settle`, async () => {
    const x = await stackShow(st);
    return x === null || !str(x['stack_status']).endsWith('_IN_PROGRESS') ? { x } : undefined;
  }, ms, 500);
  return r.x;
};

/** Deletes a stack and waits until it is gone (DELETE_FAILED fails). */
export const deleteStack = async (st: StackRef, ms = 180_000): Promise<void> => {
  await osDel('orchestration', path(st));
  const end = await waitStack(st, ms);
  if (end !== null && end['stack_status'] !== 'DELETE_COMPLETE') throw new Error(`stack ${st.name} ended ${str(end['stack_status'])}: ${str(end['stack_status_reason'])}`);
};

/** A resource of a stack or of its nested stacks, with the stack it belongs to (from its `stack` link). */
export type StackResource = Json & { stack: StackRef };

/** `GET .../resources?nested_depth=5` (optionally `type=`): every resource of the stack and its nested stacks. */
export const stackResources = async (st: StackRef, type?: string): Promise<StackResource[]> => {
  const q = `nested_depth=5${type === undefined ? '' : `&type=${encodeURIComponent(type)}`}`;
  const res = (await osApi<{ resources: Json[] }>('orchestration', 'GET', `${path(st)}/resources?${q}`)).resources;
  return res.map((r) => {
    const links = Array.isArray(r['links']) ? r['links'] as Json[] : [];
    const href = str(links.find((l) => l['rel'] === 'stack')?.['href']);
    const m = /\/stacks\/([^/]+)\/([^/?]+)$/.exec(href);
    return { ...r, stack: m ? { name: decodeURIComponent(m[1] as string), id: m[2] as string } : st };
  });
};

/** The servers of a Heat stack and its nested stacks (`server show` of each), by name: the ground truth of a cluster's members. */
export const stackServers = async (st: StackRef): Promise<{ id: string; name: string; show: Json }[]> => {
  const ids = (await stackResources(st, 'OS::Nova::Server')).map((r) => str(r['physical_resource_id'])).filter((x) => x !== '');
  const shows = await Promise.all(ids.map(async (id) => ({ id, show: await serverShow(id) })));
  return shows.flatMap(({ id, show }) => (show === null ? [] : [{ id, name: str(show['name']), show }]))
    .sort((a, b) => a.name.localeCompare(b.name));
};

/** How long a signalled deployment may stay in progress before it is signalled again. */
const RESIGNAL_MS = 10_000;

/**
 * Plays the in-VM Heat agent (the lab's `scenarios.sh`, `signal_deployments`): signals each
 * in-progress `OS::Heat::SoftwareDeployment` of the stack with `deploy_status_code` 0. Only once
 * Heat has made the deployment (`physical_resource_id` set: a signal before that fails in the
 * engine with "deployment_id must be specified", after the API accepted it), and again when it is
 * still in progress `RESIGNAL_MS` later (`signalled`: key → when). Returns the names it signalled.
 */
export const signalDeployments = async (st: StackRef, signalled: Map<string, number>, log: (s: string) => void): Promise<string[]> => {
  const res = await stackResources(st, 'OS::Heat::SoftwareDeployment');
  const pending = res.filter((r) => str(r['resource_status']).endsWith('_IN_PROGRESS') && str(r['physical_resource_id']) !== '');
  const sent = await Promise.all(pending.map(async (r) => {
    const key = `${r.stack.id}/${str(r['resource_name'])}/${str(r['resource_status'])}/${str(r['physical_resource_id'])}`;
    if (Date.now() - (signalled.get(key) ?? 0) < RESIGNAL_MS) return [];
    signalled.set(key, Date.now());
    try {
      await osApi('orchestration', 'POST', `${path(r.stack)}/resources/${encodeURIComponent(str(r['resource_name']))}/signal`,
        { deploy_status_code: 0, deploy_stdout: 'stacklab', deploy_stderr: '' });
      return [str(r['resource_name'])];
    } catch (err) {
      log(`signal ${r.stack.name}/${str(r['resource_name'])}: ${(err as Error).message}`);
      return [];
    }
  }));
  return sent.flat();
};

// ----------------------------------------------------------------------------------- Magnum

/** `GET /v1/clusters/{id}`, or null once it is gone. */
export const clusterShow = async (id: string): Promise<Json | null> => osGet('container-infra', `/clusters/${encodeURIComponent(id)}`);

/** Whether a status ends `action` (any settled status when it is undefined). */
const ends = (status: string, action: ClusterAction | undefined): boolean =>
  !status.endsWith('_IN_PROGRESS') && (action === undefined || status.startsWith(`${action}_`) || (action !== 'DELETE' && status.startsWith('ROLLBACK_')));

export type ClusterAction = 'CREATE' | 'UPDATE' | 'DELETE';

/** `clusterShow`, retried: while a delete removes its node groups, `show` can answer 400 ("Invalid input for field/attribute master_count"). */
const clusterShowRetried = async (id: string, log: (s: string) => void): Promise<Json | null> => {
  for (let i = 1; ; i += 1) {
    try {
      return await clusterShow(id);
    } catch (err) {
      log(`cluster show: ${(err as Error).message}`);
      if (i >= 8) throw err;
      await sleep(1000);
    }
  }
};

/**
 * Waits until a cluster has finished `action` (`<ACTION>_COMPLETE` or `_FAILED`; any settled
 * status when `action` is undefined; Magnum's API accepts an operation before its conductor marks
 * it in progress), signalling its stack's deployments meanwhile (not while it deletes); returns
 * its `show`, or null once it is gone.
 *
 * It watches the cluster's Heat stack every second and asks Magnum seldom until the stack has
 * settled: each call to this lab's magnum-api costs Keystone two password authentications (its
 * middleware keeps no state between requests), seconds of the one Keystone worker's CPU that
 * every other service waits for. Magnum itself learns the stack's end from its conductor's
 * periodic sync.
 */
export const waitCluster = async (id: string, action: ClusterAction | undefined, ms: number, log: (s: string) => void): Promise<Json | null> => {
  const end = Date.now() + ms;
  const signalled = new Map<string, number>();
  let stack: StackRef | null | undefined;
  let c = await clusterShowRetried(id, log);
  let asked = Date.now();
  for (let round = 0; ; round += 1) {
    if (c === null) return null;
    const status = str(c['status']);
    // A deleted cluster is gone (null); DELETE_COMPLETE is the moment before.
    if (action === 'DELETE' ? status === 'DELETE_FAILED' : ends(status, action)) return c;
    if (Date.now() > end) throw new Error(`cluster ${id} still ${status} after ${ms / 1000}s${action === undefined ? '' : ` (waiting for its ${action.toLowerCase()} to end)`}`);
    stack = await clusterStack(c, stack);
    let settled = stack === null;
    if (stack !== undefined && stack !== null) {
      const st = await stackShow(stack);
      settled = st === null || ends(str(st['stack_status']), action);
      // (Listing the resources of every nested stack is the costly call for heat-engine: every other round.)
      if (!settled && round % 2 === 0 && !status.startsWith('DELETE') && !str(st?.['stack_status']).startsWith('DELETE')) {
        const names = await signalDeployments(stack, signalled, log).catch((err: unknown) => { log(`signalling: ${(err as Error).message}`); return []; });
        if (names.length > 0) log(`${status}, stack ${str(st?.['stack_status'])}: signalled ${names.join(', ')}`);
      }
    }
    // Until the stack is known and has settled, Magnum is asked every 30 s (it may also fail or
    // refuse on its own); then every 3 s, until its periodic sync has seen the stack's end.
    if (Date.now() - asked >= (settled || stack === undefined ? 3000 : 30_000)) {
      c = await clusterShowRetried(id, log);
      asked = Date.now();
      continue;
    }
    await sleep(1000);
  }
};

/** The cluster's stack (its name is in Heat's `show`); undefined while Magnum has none yet, null once Heat has none. */
const clusterStack = async (c: Json, known: StackRef | null | undefined): Promise<StackRef | null | undefined> => {
  const stackId = str(c['stack_id']);
  if (stackId === '') return undefined;
  if (known !== undefined && (known === null || known.id === stackId)) return known;
  const st = await osGet<{ stack: Json }>('orchestration', `/stacks/${stackId}`);
  return st === null ? null : { name: str(st.stack['stack_name']), id: stackId };
};

/** Creates a cluster template (Magnum sends no notification for it). */
export const createClusterTemplate = async (name: string, fields: Json): Promise<void> => {
  await osApi('container-infra', 'POST', '/clustertemplates', { name, ...fields });
};

/** Deletes a cluster template, tolerating "already gone". */
export const deleteClusterTemplate = async (name: string): Promise<void> => osDel('container-infra', `/clustertemplates/${encodeURIComponent(name)}`);

/** Creates a cluster; returns its uuid. */
export const createCluster = async (fields: Json): Promise<string> => str((await osApi('container-infra', 'POST', '/clusters', fields))['uuid']);

/** `PATCH /v1/clusters/{id}` with one JSON-patch `replace`. */
export const updateCluster = async (id: string, field: string, value: unknown): Promise<void> => {
  await osApi('container-infra', 'PATCH', `/clusters/${id}`, [{ op: 'replace', path: `/${field}`, value }]);
};

/** Deletes a cluster (accepted; it goes on in the background), tolerating "already gone". */
export const deleteCluster = async (id: string): Promise<void> => osDel('container-infra', `/clusters/${encodeURIComponent(id)}`);
