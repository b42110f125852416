// Audit log queries: who changed what, when. Plain Node.
import { desc } from 'drizzle-orm';
import type { Drizzle } from '../database.js';
import { newId } from '../ids.js';
import { auditLog } from '../schema/index.js';

export interface AuditEntry {
  actor: string;
  action: string;
  entity?: string;
  entityId?: string;
  details?: unknown;
}

export function appendAudit(db: Drizzle, entry: AuditEntry, now: number): string {
  const id = newId();
  db.insert(auditLog)
    .values({ id, at: now, actor: entry.actor, action: entry.action, entity: entry.entity, entityId: entry.entityId, details: entry.details })
    .run();
  return id;
}

export function recentAudit(db: Drizzle, limit: number) {
  return db.select().from(auditLog).orderBy(desc(auditLog.at)).limit(limit).all();
}
