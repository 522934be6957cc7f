import { type BotRole, createBot } from '../src/index.ts';
import { fakeServices } from '../src/testing/fake-services.ts';
import { type RecordedCall, recordCalls, testBotInfo } from '../src/testing/recorder.ts';

export const token = '7000000001:AAHtestTokenForRetentionDeskTests_0001';

/** A bot over in-memory services, with its outgoing calls and errors recorded. */
export function botFor(roles: Record<number, BotRole>, miniAppUrl?: string) {
  const services = fakeServices(roles);
  const errors: string[] = [];
  const bot = createBot(token, services, {
    miniAppUrl,
    botInfo: testBotInfo,
    logError: (m) => errors.push(m),
  });
  return { bot, calls: recordCalls(bot), services, errors };
}

/** The messages the bot sent. */
export const sent = (calls: RecordedCall[]) =>
  calls.filter((c) => c.method === 'sendMessage').map((c) => c.payload);
