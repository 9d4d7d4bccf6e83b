import { hostname, userInfo } from 'node:os';
import type { ActionRequester } from '../../events/action.js';

/** Who is asking, as this machine knows it (no passwd entry: the USER variable, else the uid). */
export const requester = (): ActionRequester => {
  let user: string;
  try {
    user = userInfo().username;
  } catch {
    user = process.env['USER'] ?? `uid-${String(process.getuid?.() ?? '?')}`;
  }
  return { user: user.slice(0, 256), host: hostname().slice(0, 256) };
};
