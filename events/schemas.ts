import { z } from 'zod';

/** The stored record's envelope. `data` is checked per type by `parse` (type and version known). */
export const envelopeSchema = z.object({
  id: z.string().min(1),
  type: z.string().min(1),
  v: z.number().int().positive(),
  at: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{9}Z$/),
  observedAt: z.string(),
  source: z.object({ kind: z.enum(['docker', 'openstack', 'berth']), host: z.string() }),
  subject: z.object({ kind: z.string(), id: z.string() }),
  data: z.record(z.string(), z.unknown()),
  raw: z.string().optional(),
  rawRef: z.object({ bytes: z.number(), hash: z.string() }).optional(),
  chain: z.object({ writer: z.string(), n: z.number(), prev: z.string(), hash: z.string() }).optional(),
});
