import { type BotRole, createBot } from '../src/index.ts';
import { fakeServices } from '../src/testing/fake-services.ts';
import { type RecordedCall, recordingFetch, testBotInfo } from '../src/testing/recorder.ts';

export const token = '7000000001:AAHtestTokenForRetentionDeskTests_0001';

/** A bot over in-memory services, with its outgoing calls and errors recorded. */
export function botFor(roles: Record<number, BotRole>, miniAppUrl?: string) {
  const services = fakeServices(roles);
  const errors: string[] = [];
  const recorder = recordingFetch();
  const bot = createBot(token, services, {
    miniAppUrl,
    botInfo: testBotInfo,
    fetch: recorder.fetch,
    logError: (m) => errors.push(m),
  });
  return { bot, calls: recorder.calls, services, errors };
}

/** The messages the bot sent. */
export const sent = (calls: RecordedCall[]) =>
  calls.filter((c) => c.method === 'sendMessage').map((c) => c.payload);
