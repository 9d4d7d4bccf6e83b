import { createHash } from 'node:crypto';
import type { Sha256 } from '../../events/chain.js';

/** `node:crypto`'s SHA-256 for the pure chain code in events/ (which may not import `node:*`). */
export const sha256: Sha256 = (parts) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest('hex');
};
