import type { Prisma } from '@retention/db';

/** Who made a change: a role ('admin', 'cli', ...) and, for people, their Telegram id. */
export interface Actor {
  actorRole: string;
  actorTelegramId?: bigint | null;
}

export interface AuditEntry {
  action: string;
  targetType: string;
  targetId: string | number;
  before?: Prisma.InputJsonValue;
  after?: Prisma.InputJsonValue;
}

/** Writes one audit_log row, in the transaction of the change it records. */
export async function recordAudit(tx: Prisma.TransactionClient, actor: Actor, e: AuditEntry) {
  await tx.auditLog.create({
    data: {
      actorRole: actor.actorRole,
      actorTelegramId: actor.actorTelegramId ?? null,
      action: e.action,
      targetType: e.targetType,
      targetId: String(e.targetId),
      before: e.before,
      after: e.after,
    },
  });
}
