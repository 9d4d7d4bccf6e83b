// A fake Zun API (Zun is not packaged with the lab): the documented shapes of the Zun API
// reference (api-ref/source/containers.inc, hosts.inc, services.inc; samples in
// ../shared/corpus/openstack/zun/api-samples): GET /v1/containers (all_projects, limit/marker and
// `next`), GET /v1/containers/{uuid}, GET /v1/hosts, GET /v1/services, with the
// `OpenStack-API-Version: container 1.x` header. Served behind the fake Keystone (its catalog
// names it as service type `container`); tests change its state between reads.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FakeKeystone, FakeKeystoneOptions } from './fake-keystone.js';
import { startFakeKeystone } from './fake-keystone.js';

type Json = Record<string, unknown>;

export type ZunContainerSpec = Readonly<{
  uuid: string;
  name: string;
  host: string;
  status?: string;
  image?: string;
  projectId?: string;
  /** Network uuid → the Neutron port and address Kuryr gave it. */
  addresses?: Readonly<Record<string, readonly Readonly<{ addr: string; port: string; subnetId?: string }>[]>>;
  labels?: Readonly<Record<string, string>>;
}>;

/** One container with every field of the reference's `container-get-all-resp.json` sample. */
export const zunContainerJson = (base: string, s: ZunContainerSpec): Json => ({
  addresses: Object.fromEntries(Object.entries(s.addresses ?? {}).map(([net, list]) => [net, list.map((a) => ({
    subnet_id: a.subnetId ?? 'a3162b3e-2f02-432e-a18c-78fe2774d026', version: a.addr.includes(':') ? 6 : 4, preserve_on_delete: false, addr: a.addr, port: a.port,
  }))])),
  links: [{ href: `${base}/v1/containers/${s.uuid}`, rel: 'self' }, { href: `${base}/containers/${s.uuid}`, rel: 'bookmark' }],
  image: s.image ?? 'cirros', labels: s.labels ?? {}, disk: 0, security_groups: [], user_id: '06c7fda2e74d4f5084bb8298bf8e313b',
  uuid: s.uuid, hostname: s.name, environment: { FOO: 'bar', DB_PASSWORD: 'zun-env-secret' }, memory: '512',
  project_id: s.projectId ?? 'p-admin', status: s.status ?? 'Running', workdir: '/', status_detail: s.status === 'Stopped' ? 'Exited(0) 1 minute ago ' : 'Up 2 minutes',
  auto_remove: false, auto_heal: false, privileged: false, host: s.host, image_driver: 'docker', task_state: null, status_reason: null,
  name: s.name, restart_policy: { MaximumRetryCount: '0', Name: 'no' }, runtime: 'runc', ports: [], command: ['/bin/sh', '-c', 'sleep 3600'],
  cpu: 1.0, interactive: false, tty: false, cpu_policy: 'shared', registry_id: null,
  healthcheck: { test: 'stat /etc/passwd || exit 1', interval: 3, retries: 2, timeout: 5 },
});

/** One host with the fields of the reference's `host-get-all-resp.json` sample. */
export const zunHostJson = (base: string, hostname: string, uuid: string, totalContainers: number): Json => ({
  hostname, uuid, links: [{ href: `${base}/v1/hosts/${uuid}`, rel: 'self' }, { href: `${base}/hosts/${uuid}`, rel: 'bookmark' }],
  kernel_version: '6.1.0-18-amd64', labels: { type: 'test' }, cpus: 8, mem_used: 512, disk_total: 16, mem_total: 16000,
  total_containers: totalContainers, cpu_used: 0.2, disk_used: 10, os_type: 'linux', architecture: 'x86_64', os: 'Debian GNU/Linux 12 (bookworm)',
});

export type FakeZun = {
  readonly keystone: FakeKeystone;
  /** The Zun endpoint (`http://127.0.0.1:PORT/container`). */
  readonly endpoint: string;
  readonly containers: Map<string, ZunContainerSpec>;
  /** zun-compute state per host (`up`/`down`). */
  readonly computes: Map<string, string>;
  close: () => Promise<void>;
};

const send = (res: ServerResponse, status: number, body: unknown): void => {
  res.writeHead(status, { 'content-type': 'application/json', 'openstack-api-version': 'container 1.40' });
  res.end(JSON.stringify(body));
};

/** A fake cloud whose catalog has Keystone and Zun (`container`) only; `pageSize` makes listings paginate; `route` (tried first) may delay or replace answers. */
export const startFakeZun = async (opts: FakeKeystoneOptions & { pageSize?: number } = {}): Promise<FakeZun> => {
  const containers = new Map<string, ZunContainerSpec>();
  const computes = new Map<string, string>();
  let endpoint = '';
  const list = (url: URL): Json => {
    const all = [...containers.values()].sort((a, b) => a.uuid.localeCompare(b.uuid));
    const marker = url.searchParams.get('marker');
    const from = marker === null ? 0 : all.findIndex((c) => c.uuid === marker) + 1;
    const limit = Number(url.searchParams.get('limit') ?? opts.pageSize ?? 1000);
    const page = all.slice(from, from + limit);
    const more = from + limit < all.length;
    const last = page[page.length - 1];
    const next = more && last !== undefined ? `${endpoint}/v1/containers?${url.searchParams.has('all_projects') ? 'all_projects=1&' : ''}limit=${limit}&marker=${last.uuid}` : null;
    return { containers: page.map((c) => zunContainerJson(endpoint, c)), next };
  };
  const route = (req: IncomingMessage, res: ServerResponse): boolean => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (req.method !== 'GET' || !url.pathname.startsWith('/container/v1/')) return false;
    const path = url.pathname.slice('/container'.length);
    if (path === '/v1/containers') return (send(res, 200, list(url)), true);
    const one = /^\/v1\/containers\/([^/]+)$/.exec(path);
    if (one?.[1] !== undefined) {
      const c = containers.get(one[1]);
      if (c === undefined) send(res, 404, { errors: [{ request_id: '', code: 'zun.common.exception.ContainerNotFound', status: 404, title: 'Not Found', detail: `Container ${one[1]} could not be found.` }] });
      else send(res, 200, zunContainerJson(endpoint, c));
      return true;
    }
    if (path === '/v1/hosts') {
      const hosts = [...computes.keys()].map((h, i) => zunHostJson(endpoint, h, `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, [...containers.values()].filter((c) => c.host === h).length));
      return (send(res, 200, { hosts, next: null }), true);
    }
    if (path === '/v1/services') {
      const services = [...computes.entries()].map(([host, state], i) => ({
        binary: 'zun-compute', availability_zone: 'nova', created_at: '2026-11-23T10:00:00+00:00', state, report_count: 100, updated_at: '2026-11-23T10:05:00+00:00',
        host, disabled_reason: null, id: i + 1, disabled: false, forced_down: false,
      }));
      return (send(res, 200, { services }), true);
    }
    return false;
  };
  const keystone = await startFakeKeystone({ ...opts, services: { ...opts.services, container: '/container' }, route: async (req, res, body) => ((await opts.route?.(req, res, body)) ?? false) || route(req, res) });
  endpoint = `${keystone.base}/container`;
  return { keystone, endpoint, containers, computes, close: () => keystone.close() };
};
