// The bot's conversation state in Postgres (bot_state), so every server instance sees the
// same conversations and a restart resumes them.
import type { ConversationData, VersionedStateStorage } from '@retention/bot';
import type { Prisma, PrismaClient } from '@retention/db';

export function createBotStorage(
  prisma: PrismaClient,
): VersionedStateStorage<string, ConversationData> {
  return {
    async read(key) {
      const row = await prisma.botState.findUnique({ where: { key }, select: { value: true } });
      return (row?.value ?? undefined) as never;
    },
    async write(key, state) {
      const value = state as unknown as Prisma.InputJsonValue;
      await prisma.botState.upsert({ where: { key }, create: { key, value }, update: { value } });
    },
    async delete(key) {
      await prisma.botState.deleteMany({ where: { key } });
    },
  };
}
