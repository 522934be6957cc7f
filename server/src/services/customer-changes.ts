// Admins' quick changes to a customer: tags and notes, each audited with before and after.
import type { PrismaClient } from '@retention/db';
import { notFound } from '../errors.ts';
import { type Actor, recordAudit } from '../lib/record-audit.ts';

// What a tag or note may be is part of the API (contracts/src/api/users.ts); the bot checks
// the same rules before it calls these.

/** Tags are compared as written after trimming and lower-casing: "VIP " and "vip" are one tag. */
export function normalizeTag(tag: string): string {
  return tag.trim().toLowerCase();
}

async function currentTags(tx: Pick<PrismaClient, 'customer'>, customerId: number) {
  const row = await tx.customer.findUnique({ where: { id: customerId }, select: { tags: true } });
  if (!row) throw notFound('customer', customerId);
  return row.tags;
}

/**
 * Adds or removes one tag. Nothing is written (and nothing audited) when the customer already
 * is as asked; `changed` says which happened.
 */
export async function changeTag(
  prisma: PrismaClient,
  actor: Actor,
  change: { customerId: number; tag: string; op: 'add' | 'remove' },
) {
  const tag = normalizeTag(change.tag);
  return prisma.$transaction(async (tx) => {
    const before = await currentTags(tx, change.customerId);
    const has = before.includes(tag);
    if ((change.op === 'add') === has) return { tags: before, changed: false };
    const after = change.op === 'add' ? [...before, tag] : before.filter((t) => t !== tag);
    await tx.customer.update({ where: { id: change.customerId }, data: { tags: after } });
    await recordAudit(tx, actor, {
      action: change.op === 'add' ? 'customer.tag.add' : 'customer.tag.remove',
      targetType: 'customer',
      targetId: change.customerId,
      before: { tags: before },
      after: { tags: after },
    });
    return { tags: after, changed: true };
  });
}

/** Adds a note written by a staff member; `authorName` is how the card shows who wrote it. */
export async function addNote(
  prisma: PrismaClient,
  actor: Actor & { name: string | null },
  note: { customerId: number; text: string },
) {
  return prisma.$transaction(async (tx) => {
    await currentTags(tx, note.customerId);
    const row = await tx.customerNote.create({
      data: {
        customerId: note.customerId,
        text: note.text,
        authorTelegramId: actor.actorTelegramId ?? null,
        authorName: actor.name,
      },
      select: { id: true, text: true, authorName: true, createdAt: true },
    });
    await recordAudit(tx, actor, {
      action: 'customer.note.add',
      targetType: 'customer',
      targetId: note.customerId,
      after: { noteId: row.id, text: row.text },
    });
    return row;
  });
}

/** The newest notes and audited changes of a customer, for the staff card. */
export async function customerJournal(prisma: PrismaClient, customerId: number, take = 20) {
  const [notes, history] = await Promise.all([
    prisma.customerNote.findMany({
      where: { customerId },
      orderBy: { id: 'desc' },
      take,
      select: { id: true, text: true, authorName: true, createdAt: true },
    }),
    prisma.auditLog.findMany({
      where: { targetType: 'customer', targetId: String(customerId) },
      orderBy: { id: 'desc' },
      take,
      select: {
        id: true,
        action: true,
        actorRole: true,
        actorTelegramId: true,
        after: true,
        at: true,
      },
    }),
  ]);
  return {
    notes,
    history: history.map((h) => ({
      ...h,
      id: Number(h.id),
      actorTelegramId: h.actorTelegramId === null ? null : String(h.actorTelegramId),
    })),
  };
}
