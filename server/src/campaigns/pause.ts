// Pausing a running campaign: the bot sends no more of its offers until it is resumed (the
// delivery loop claims only running campaigns' offers); offers already sent stay valid and its
// results go on being measured. Resuming sends the rest. Audited; of two admins changing it at
// once, one changes it and the other is told.
import type { Database } from '@retention/db';
import { notFound, Refusal } from '../errors.ts';
import { type Actor, recordAudit } from '../lib/record-audit.ts';

const moves = {
  pause: { from: 'running', to: 'paused', refusal: 'campaignNotRunning' },
  resume: { from: 'paused', to: 'running', refusal: 'campaignNotPaused' },
} as const;

export async function changeCampaignDelivery(
  db: Database,
  actor: Actor,
  id: number,
  move: keyof typeof moves,
) {
  const { from, to, refusal } = moves[move];
  await db.prisma.$transaction(async (tx) => {
    const campaign = await tx.campaign.findUnique({ where: { id }, select: { status: true } });
    if (!campaign) throw notFound('campaign', id);
    if (campaign.status !== from)
      throw new Refusal('conflict', refusal, { id, status: campaign.status });
    const changed = await tx.campaign.updateMany({
      where: { id, status: from },
      data: { status: to },
    });
    if (changed.count === 0) throw new Refusal('conflict', refusal, { id, status: 'changed' });
    await recordAudit(tx, actor, {
      action: `campaign.${move}`,
      targetType: 'campaign',
      targetId: id,
      before: { status: from },
      after: { status: to },
    });
  });
}
