// createBot's onUpdate: each handled update reported once with its id, type, time and
// outcome; a failure is reported as not ok, with the update id passed to logError.
import { describe, expect, it } from 'vitest';
import { createBot, type UpdateInfo } from '../src/index.ts';
import { fakeServices } from '../src/testing/fake-services.ts';
import { privateText, recordingFetch, testBotInfo } from '../src/testing/recorder.ts';
import { token } from './helpers.ts';

function observedBot(services = fakeServices({ 7: 'manager' })) {
  const updates: UpdateInfo[] = [];
  const errors: { message: string; update?: { updateId: number } }[] = [];
  const bot = createBot(token, services, {
    botInfo: testBotInfo,
    fetch: recordingFetch().fetch,
    logError: (message, update) => errors.push({ message, update }),
    onUpdate: (info) => updates.push(info),
  });
  return { bot, updates, errors };
}

describe('onUpdate', () => {
  it('reports a handled message with its id, type and time', async () => {
    const { bot, updates, errors } = observedBot();
    const update = privateText({ id: 7, first_name: 'Max' }, '/help');
    await bot.handleUpdate(update);
    expect(errors).toEqual([]);
    expect(updates).toHaveLength(1);
    expect(updates[0]).toMatchObject({ updateId: update.update_id, type: 'message', ok: true });
    expect(updates[0]!.ms).toBeGreaterThanOrEqual(0);
  });

  it('reports a failed update as not ok and gives logError its id', async () => {
    const services = fakeServices({ 7: 'manager' });
    services.identify = async () => {
      throw new Error('database down');
    };
    const { bot, updates, errors } = observedBot(services);
    const update = privateText({ id: 7, first_name: 'Max' }, '/help');
    await bot.handleUpdate(update);
    expect(updates).toEqual([
      expect.objectContaining({ updateId: update.update_id, type: 'message', ok: false }),
    ]);
    expect(errors).toEqual([
      expect.objectContaining({
        message: expect.stringContaining('database down'),
        update: { updateId: update.update_id },
      }),
    ]);
  });
});
