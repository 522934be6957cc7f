// Stopping a running or paused campaign: it ends now. Offers already sent stay valid; those still queued
// are not sent (the delivery loop marks them as ended before sending, so they show among the
// customers to reach another way). One not yet started is cancelled. Audited.
import type { Database } from '@retention/db';
import { notFound, Refusal } from '../errors.ts';
import { type Actor, recordAudit } from '../lib/record-audit.ts';

export async function stopCampaign(db: Database, actor: Actor, id: number, now = new Date()) {
  await db.prisma.$transaction(async (tx) => {
    const campaign = await tx.campaign.findUnique({
      where: { id },
      select: { status: true, startAt: true, endAt: true },
    });
    if (!campaign) throw notFound('campaign', id);
    if (campaign.status !== 'running' && campaign.status !== 'paused') {
      throw new Refusal('conflict', 'campaignNotRunning', { id, status: campaign.status });
    }
    const status = campaign.startAt > now ? 'cancelled' : 'finished';
    // A guarded update: of two admins stopping it at once, one stops it, the other is told.
    const changed = await tx.campaign.updateMany({
      where: { id, status: campaign.status },
      data: { status, endAt: campaign.endAt < now ? campaign.endAt : now },
    });
    if (changed.count === 0) {
      throw new Refusal('conflict', 'campaignNotRunning', { id, status: 'stopped' });
    }
    await recordAudit(tx, actor, {
      action: 'campaign.stop',
      targetType: 'campaign',
      targetId: id,
      before: { status: campaign.status, endAt: campaign.endAt.toISOString() },
      after: { status, endAt: now.toISOString() },
    });
  });
}
