// Sharing a dashboard block to a chat: its picture (the block route as the viewer sees it,
// titled with its range and filters) is kept for Telegram to fetch by an unguessable token,
// and the bot prepares an inline message with it as the photo and the same three lines as
// the caption; the Mini App then opens Telegram's share dialog with the message's id.
import { randomBytes } from 'node:crypto';
import type { SharePreparer } from '@retention/bot';
import { type BlockName, blockCaption, langOf } from '@retention/contracts';
import type { Database } from '@retention/db';
import { type AnalyticsEngine, type AnalyticsQuery, reportValue } from '../analytics/request.ts';
import type { Identity } from '../auth/identity.ts';
import { Refusal } from '../errors.ts';
import type { Screenshotter } from '../screenshots/screenshotter.ts';

/** How long Telegram may fetch a shared picture (a prepared message lives about a day). */
const keepMs = 48 * 3_600_000;

export interface ShareDeps {
  db: Database;
  analytics: AnalyticsEngine;
  screenshotter: Screenshotter | null;
  preparer: SharePreparer | null;
  /** Where Telegram reaches this server (PUBLIC_URL). */
  publicUrl: string | undefined;
}

export async function shareBlock(
  deps: ShareDeps,
  viewer: Identity,
  block: BlockName,
  query: AnalyticsQuery,
  now = new Date(),
) {
  const { screenshotter, preparer, publicUrl, db } = deps;
  if (!screenshotter || !preparer) throw new Refusal('unavailable', 'shareNeedsBot');
  if (!publicUrl) throw new Refusal('unavailable', 'shareNeedsPublicUrl');
  // The range resolved and the filters checked as the dashboard's: the picture and the
  // caption show the same ones.
  const report = await reportValue(deps.analytics, { viewer, query, now }, 'dashboard');
  const { from, to } = report.period;
  const lines = blockCaption(
    block,
    { from, to, filters: report.definition.filters },
    langOf(viewer.user.language_code),
  );
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries({ ...query, from, to })) {
    if (value !== undefined) search.set(name, String(value));
  }
  const picture = await screenshotter.picture(viewer.user, block, search);
  const token = randomBytes(24).toString('base64url');
  await db.prisma.$transaction([
    db.prisma.sharedImage.deleteMany({ where: { expiresAt: { lt: now } } }),
    db.prisma.sharedImage.create({
      data: {
        token,
        bytes: new Uint8Array(picture.bytes),
        createdBy: viewer.telegramId,
        expiresAt: new Date(now.getTime() + keepMs),
      },
    }),
  ]);
  try {
    const prepared = await preparer.prepare(Number(viewer.telegramId), {
      photoUrl: `${publicUrl}/api/v1/share/images/${token}.jpg`,
      width: picture.width,
      height: picture.height,
      caption: lines.join('\n'),
    });
    return { id: prepared.id, expiresAt: prepared.expiresAt, caption: lines };
  } catch (err) {
    await db.prisma.sharedImage.delete({ where: { token } }).catch(() => {});
    throw new Refusal('unavailable', 'shareFailed', { error: (err as Error).message });
  }
}

/** A shared picture's bytes while it is kept; null once expired or never made. */
export async function sharedImage(db: Database, token: string, now = new Date()) {
  const row = await db.prisma.sharedImage.findUnique({ where: { token } });
  return row && row.expiresAt > now ? Buffer.from(row.bytes) : null;
}
