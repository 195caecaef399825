import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Db } from '../db/db.ts';
import type {} from '../http/access.ts';
import { verifyDeskChain } from './verify-audit.ts';

const verifyQuerySchema = z.object({ deskId: z.string().min(1).max(40) });

/**
 * The administrator's view of the desks' audit logs (issue 9.3): GET /admin/api/audit/verify?deskId=
 * verifies a desk's whole stored chain again from its first entry and answers DeskChainReport.
 */
export function registerAuditRoutes(app: FastifyInstance, db: Db): void {
  app.get('/admin/api/audit/verify', { config: { access: 'admin' } }, async (req, reply) => {
    const q = verifyQuerySchema.safeParse(req.query);
    if (!q.success) return reply.code(400).send({ error: 'invalid-query', issues: q.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) });
    return verifyDeskChain(db, q.data.deskId);
  });
}
