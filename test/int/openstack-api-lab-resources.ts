// Resources of one lab test, named `<prefix>-...`, made and changed through berth's own Keystone
// client (daemon/openstack/keystone.ts), and deleted in reverse order at the end.
import type { Cloud } from '../../daemon/openstack/keystone.js';
import { OpenStackApiError } from '../../daemon/openstack/keystone.js';

export const LAB_CLOUDS = process.env['BERTH_TEST_OS_CLOUDS'] ?? '/var/lib/stacklab/clouds.yaml';
export const LAB_UP = 'sudo bash /work/shared/lab/openstack/up.sh';

type Json = Record<string, unknown>;
const NOVA = { 'OpenStack-API-Version': 'compute 2.53', 'X-OpenStack-Nova-API-Version': '2.53' };
const sleep = async (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

const TEMPLATE = {
  heat_template_version: '2018-08-31',
  resources: { word: { type: 'OS::Heat::RandomString', properties: { length: 8 } } },
};

export class LabResources {
  net = '';
  subnet = '';
  port1 = '';
  port2 = '';
  vm = '';
  stack = '';
  private readonly undo: { what: string; fn: () => Promise<unknown> }[] = [];
  private readonly cloud: Cloud;
  private readonly p: string;
  constructor(cloud: Cloud, p: string) {
    this.cloud = cloud;
    this.p = p;
  }

  private async call(service: string, method: string, path: string, body?: unknown): Promise<Json> {
    return ((await this.cloud.request(service, method, path, body, service === 'compute' ? NOVA : {})).body ?? {}) as Json;
  }

  private async until<T>(what: string, check: () => Promise<T | undefined>, ms = 240_000): Promise<T> {
    const end = Date.now() + ms;
    for (;;) {
      const v = await check();
      if (v !== undefined) return v;
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await sleep(1500);
    }
  }

  private async idOf(service: string, path: string, key: string, name: string): Promise<string> {
    const found = ((await this.call(service, 'GET', path))[key] as Json[]).find((x) => x['name'] === name);
    if (found === undefined) throw new Error(`the lab has no ${key} '${name}'`);
    return found['id'] as string;
  }

  /** A network with a subnet and two ports, a server with no NIC, and a Heat stack; waits until they are ready. */
  async create(): Promise<void> {
    this.net = ((await this.call('network', 'POST', '/v2.0/networks', { network: { name: `${this.p}-net` } }))['network'] as Json)['id'] as string;
    this.undo.push({ what: 'network', fn: () => this.call('network', 'DELETE', `/v2.0/networks/${this.net}`) });
    const cidr = `10.${100 + Math.floor(Math.random() * 100)}.${Math.floor(Math.random() * 250)}.0/24`;
    this.subnet = ((await this.call('network', 'POST', '/v2.0/subnets', { subnet: { name: `${this.p}-sub`, network_id: this.net, ip_version: 4, cidr } }))['subnet'] as Json)['id'] as string;
    this.undo.push({ what: 'subnet', fn: () => this.call('network', 'DELETE', `/v2.0/subnets/${this.subnet}`) });
    for (const n of [1, 2] as const) {
      const id = ((await this.call('network', 'POST', '/v2.0/ports', { port: { name: `${this.p}-p${n}`, network_id: this.net } }))['port'] as Json)['id'] as string;
      if (n === 1) this.port1 = id;
      else this.port2 = id;
      this.undo.push({ what: `port ${n}`, fn: () => this.call('network', 'DELETE', `/v2.0/ports/${id}`) });
    }
    const flavorRef = await this.idOf('compute', '/flavors', 'flavors', 'm1.tiny');
    const imageRef = await this.idOf('image', '/v2/images?name=stacklab-tiny', 'images', 'stacklab-tiny');
    this.vm = ((await this.call('compute', 'POST', '/servers', { server: { name: `${this.p}-vm`, flavorRef, imageRef, networks: 'none' } }))['server'] as Json)['id'] as string;
    this.undo.push({ what: 'server', fn: () => this.call('compute', 'DELETE', `/servers/${this.vm}`) });
    this.stack = ((await this.call('orchestration', 'POST', '/stacks', { stack_name: `${this.p}-stack`, template: TEMPLATE }))['stack'] as Json)['id'] as string;
    this.undo.push({ what: 'stack', fn: () => this.call('orchestration', 'DELETE', `/stacks/${this.p}-stack/${this.stack}`) });
    await this.waitServer('ACTIVE');
    await this.until('the stack CREATE_COMPLETE', async () => {
      const s = (await this.call('orchestration', 'GET', `/stacks/${this.p}-stack/${this.stack}`))['stack'] as Json;
      if (s['stack_status'] === 'CREATE_FAILED') throw new Error(`stack failed: ${String(s['stack_status_reason'])}`);
      return s['stack_status'] === 'CREATE_COMPLETE' ? true : undefined;
    });
  }

  async server(): Promise<Json> {
    return (await this.call('compute', 'GET', `/servers/${this.vm}`))['server'] as Json;
  }

  private async waitServer(status: string): Promise<void> {
    await this.until(`server ${status}`, async () => {
      const s = await this.server();
      if (s['status'] === 'ERROR') throw new Error(`server ERROR: ${JSON.stringify(s['fault'])}`);
      return s['status'] === status && s['OS-EXT-STS:task_state'] === null ? true : undefined;
    });
  }

  async stopServer(): Promise<void> {
    await this.call('compute', 'POST', `/servers/${this.vm}/action`, { 'os-stop': null });
    await this.waitServer('SHUTOFF');
  }

  async renameServer(name: string): Promise<void> {
    await this.call('compute', 'PUT', `/servers/${this.vm}`, { server: { name } });
  }

  async deletePort1(): Promise<void> {
    await this.call('network', 'DELETE', `/v2.0/ports/${this.port1}`);
  }

  async disablePort2(): Promise<void> {
    await this.call('network', 'PUT', `/v2.0/ports/${this.port2}`, { port: { admin_state_up: false } });
  }

  /** Deletes the stack and waits until Heat no longer lists it. */
  async deleteStack(): Promise<void> {
    await this.call('orchestration', 'DELETE', `/stacks/${this.p}-stack/${this.stack}`);
    await this.until('the stack deleted', async () => {
      const listed = (await this.call('orchestration', 'GET', `/stacks?id=${this.stack}`))['stacks'] as Json[];
      return listed.length === 0 ? true : undefined;
    });
  }

  /** Deletes what was made, newest first; a 404 (already gone) is fine, other failures are logged. */
  async cleanup(log: (s: string) => void): Promise<void> {
    for (const u of this.undo.splice(0).reverse()) {
      try {
        await u.fn();
        if (u.what === 'server') await this.until('the server deleted', async () => this.server().then(() => undefined, (e: unknown) => (e instanceof OpenStackApiError && e.status === 404 ? true : undefined)), 120_000);
      } catch (err) {
        if (!(err instanceof OpenStackApiError && err.status === 404)) log(`cleanup ${u.what}: ${(err as Error).message}`);
      }
    }
  }
}
