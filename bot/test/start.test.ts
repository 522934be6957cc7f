import { describe, expect, it } from 'vitest';
import { type BotRole, createBot } from '../src/index.ts';
import { privateText, recordCalls, testBotInfo } from '../src/testing/recorder.ts';

const token = '7000000001:AAHtestTokenForRetentionDeskTests_0001';

function botFor(roles: Record<number, BotRole>, miniAppUrl?: string) {
  const bot = createBot(
    token,
    { roleOf: async (id) => roles[id] ?? 'unknown' },
    { miniAppUrl, botInfo: testBotInfo },
  );
  return { bot, calls: recordCalls(bot) };
}

describe('/start', () => {
  it('greets a manager by role with a button that opens the Mini App', async () => {
    const { bot, calls } = botFor({ 7: 'manager' }, 'https://app.example.com');
    await bot.handleUpdate(privateText({ id: 7, first_name: 'Max' }, '/start'));
    expect(calls).toHaveLength(1);
    expect(calls[0]!.method).toBe('sendMessage');
    expect(calls[0]!.payload.text).toMatch(/^Hello, Max! You are a manager/);
    expect(calls[0]!.payload.reply_markup).toEqual({
      inline_keyboard: [[{ text: 'Open the app', web_app: { url: 'https://app.example.com' } }]],
    });
  });

  it('offers no app button to unknown users', async () => {
    const { bot, calls } = botFor({}, 'https://app.example.com');
    await bot.handleUpdate(privateText({ id: 8, first_name: 'Uma' }, '/start'));
    expect(calls[0]!.payload.text).toMatch(/ask an admin/);
    expect(calls[0]!.payload.reply_markup).toBeUndefined();
  });

  it('offers no app button without an https Mini App URL (Telegram requires https)', async () => {
    const { bot, calls } = botFor({ 9: 'admin' }, 'http://127.0.0.1:3000');
    await bot.handleUpdate(privateText({ id: 9, first_name: 'Ada' }, '/start'));
    expect(calls[0]!.payload.text).toMatch(/You are an admin/);
    expect(calls[0]!.payload.reply_markup).toBeUndefined();
  });
});
