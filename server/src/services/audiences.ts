// Saved audiences: a list of customers kept under a name (analytics/audiences.ts computes the
// members). Scoped like customers: a region-scoped manager saves within their region and sees
// only the audiences saved within it. Saving and deleting are audited.
import type { AudienceBody } from '@retention/contracts';
import type { Database, Prisma } from '@retention/db';
import type { z } from 'zod';
import {
  membersQuery,
  membersTransaction,
  stampFor,
  writeMembers,
} from '../analytics/audiences.ts';
import { actorOf, type Identity } from '../auth/identity.ts';
import { regionScopeOf, regionView } from '../auth/scope.ts';
import { notFound, Refusal } from '../errors.ts';
import { recordAudit } from '../lib/record-audit.ts';

/** The most audiences a business keeps: each live one is evaluated again as the data changes. */
export const maxAudiences = 200;

type Row = Prisma.AudienceGetPayload<object>;

function shown(a: Row) {
  return {
    id: a.id,
    name: a.name,
    mode: a.mode,
    size: a.size,
    list: a.definition as Record<string, string | number>,
    scope: a.scopeRegion,
    createdBy: a.createdBy === null ? null : String(a.createdBy),
    createdAt: a.createdAt,
    evaluatedAt: a.evaluatedAt,
  };
}

/** Where-clause of the audiences a viewer sees. */
function visibleTo(viewer: Identity): Prisma.AudienceWhereInput {
  const scope = regionScopeOf(viewer);
  return scope === null ? {} : { scopeRegion: scope };
}

export async function listAudiences(db: Database, viewer: Identity) {
  const rows = await db.prisma.audience.findMany({
    where: visibleTo(viewer),
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
  });
  return rows.map(shown);
}

export async function getAudience(db: Database, viewer: Identity, id: number) {
  const row = await db.prisma.audience.findFirst({ where: { id, ...visibleTo(viewer) } });
  if (!row) throw notFound('audience', id);
  return shown(row);
}

/** Saves the list under a name with its members as of now (the list's filters are checked). */
export async function createAudience(
  db: Database,
  viewer: Identity,
  body: z.infer<typeof AudienceBody>,
  today: number,
  timeZone: string,
) {
  const scope = regionView(viewer, body.list.region).scope;
  const members = await membersQuery(db, body.list, scope, today, timeZone);
  const stamp = await stampFor(body.mode, db);
  const definition = body.mode === 'snapshot' ? members.resolved : body.list;
  try {
    const id = await db.prisma.$transaction(async (tx) => {
      const count = await tx.audience.count();
      if (count >= maxAudiences)
        throw new Refusal('conflict', 'tooManyAudiences', { max: maxAudiences });
      const created = await tx.audience.create({
        data: {
          name: body.name,
          mode: body.mode,
          definition,
          scopeRegion: scope,
          createdBy: viewer.telegramId,
          evaluatedAt: new Date(),
          evaluatedOn: stamp,
          size: 0,
        },
      });
      const size = await writeMembers(tx, created.id, members, stamp);
      await recordAudit(tx, actorOf(viewer), {
        action: 'audience.create',
        targetType: 'audience',
        targetId: created.id,
        after: { name: body.name, mode: body.mode, list: definition, size, scope },
      });
      return created.id;
    }, membersTransaction);
    return getAudience(db, viewer, id);
  } catch (err) {
    if ((err as { code?: string }).code === 'P2002') {
      throw new Refusal('conflict', 'audienceNameTaken', { name: body.name });
    }
    throw err;
  }
}

/** Deletes an audience: its creator or an admin may. Campaigns aimed at it keep their members. */
export async function deleteAudience(db: Database, viewer: Identity, id: number) {
  await db.prisma.$transaction(async (tx) => {
    const row = await tx.audience.findFirst({ where: { id, ...visibleTo(viewer) } });
    if (!row) throw notFound('audience', id);
    if (viewer.role !== 'admin' && row.createdBy !== viewer.telegramId) {
      throw new Refusal('forbidden', 'audienceNotYours', { id });
    }
    await tx.audience.delete({ where: { id } });
    await recordAudit(tx, actorOf(viewer), {
      action: 'audience.delete',
      targetType: 'audience',
      targetId: id,
      before: { name: row.name, mode: row.mode, size: row.size, scope: row.scopeRegion },
    });
  });
}
