import { Args, Flags } from '@oclif/core';
import { connectionFlags } from '../flags.js';

/** Flags every action command has. */
export const actionFlags = {
  ...connectionFlags,
  yes: Flags.boolean({ char: 'y', description: 'do not ask for confirmation (needed when stdin is not a terminal)', helpGroup: 'ACTION' }),
  'dry-run': Flags.boolean({ description: 'print what would be done and to which daemon; send and record nothing', helpGroup: 'ACTION' }),
  reason: Flags.string({ description: 'why (recorded with the action, shown in history)', env: 'BERTH_REASON', helpGroup: 'ACTION' }),
  'read-only': Flags.boolean({ description: 'refuse every action (also BERTH_READ_ONLY=1, or "readOnly": true in console.json)', env: 'BERTH_READ_ONLY', helpGroup: 'ACTION' }),
  timeout: Flags.integer({ description: "seconds to wait for the daemon's answer", default: 180, min: 1, env: 'BERTH_ACTION_TIMEOUT', helpGroup: 'ACTION' }),
};

/** VM actions name the cloud whose daemon acts. */
export const cloudFlag = {
  cloud: Flags.string({ description: "cloud whose daemon acts (the daemon's OS_CLOUD; default: the context's cloud, else envvars, as the daemon names OS_* credentials)", env: 'OS_CLOUD', helpGroup: 'ACTION' }),
};

/** `<id|name>` of a container. */
export const containerArg = { container: Args.string({ description: 'container id, unique id prefix (3+ characters) or unique name', required: true }) };
/** `<id|name>` of a VM. */
export const vmArg = { vm: Args.string({ description: 'server id, unique id prefix (3+ characters) or unique name', required: true }) };
