import type { Cloud, OpenStackApiError } from '../openstack/keystone.js';
import type { ComputeCall } from './nova-action.js';

/**
 * The compute endpoint of a logged-in cloud as a `ComputeCall`: an error status comes back as a
 * reply (`{message}` is the service's own text, secrets masked) so the action can record it;
 * transport and Keystone failures still throw.
 */
export const computeOf = (cloud: Cloud): ComputeCall => async (method, path, body) => {
  try {
    const r = await cloud.request('compute', method, path, body);
    return { status: r.status, json: r.body ?? null };
  } catch (err) {
    // By name: the keystone module (and undici under it) is loaded only by daemons that have a cloud.
    if ((err as Error).name === 'OpenStackApiError') return { status: (err as OpenStackApiError).status, json: { message: (err as OpenStackApiError).apiMessage } };
    throw err;
  }
};
