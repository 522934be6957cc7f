// The scheduler's Bot API sender: a 429 is waited out (retry_after) and network errors are
// retried with backoff, and so is Telegram's 5xx; a refusal (the user blocked the bot) fails at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { telegramSender } from '../src/alerts/sender.ts';
import { botApiRecorder } from './helpers/bot-api-recorder.ts';
import { testBotToken } from './helpers/build-app.ts';

describe('the alerts sender', () => {
  let telegram: Awaited<ReturnType<typeof botApiRecorder>>;
  const waits: number[] = [];
  const sleep = async (ms: number) => {
    waits.push(ms);
  };
  beforeAll(async () => {
    telegram = await botApiRecorder();
  });
  afterAll(() => telegram?.close());

  it('sends messages and photos; waits out a 429 and tries again', async () => {
    const sender = telegramSender(testBotToken, { apiRoot: telegram.apiRoot, sleep });
    telegram.tooManyRequests(7);
    await sender.sendMessage(5001n, 'hello');
    await sender.sendPhoto(5001n, new Uint8Array([137, 80, 78, 71]), 'kpis · 2024-03-07');
    expect(waits).toEqual([7000]);
    expect(telegram.messages).toEqual([
      { method: 'sendMessage', chatId: 5001, text: 'hello' },
      { method: 'sendPhoto', chatId: 5001, text: 'kpis · 2024-03-07' },
    ]);
  });

  it('retries a failure on Telegram’s side (5xx) with backoff', async () => {
    const sender = telegramSender(testBotToken, { apiRoot: telegram.apiRoot, sleep });
    waits.length = 0;
    telegram.messages.length = 0;
    telegram.badGateway();
    await sender.sendMessage(5001n, 'after a 502');
    expect(waits).toEqual([1000]);
    expect(telegram.messages).toEqual([
      { method: 'sendMessage', chatId: 5001, text: 'after a 502' },
    ]);
  });

  it('fails at once when refused, and after its attempts when Telegram is unreachable', async () => {
    const sender = telegramSender(testBotToken, { apiRoot: telegram.apiRoot, sleep });
    telegram.blocked();
    waits.length = 0;
    await expect(sender.sendMessage(5001n, 'x')).rejects.toThrow(/blocked by the user/);
    expect(waits).toEqual([]);
    const unreachable = telegramSender(testBotToken, {
      apiRoot: 'http://127.0.0.1:9',
      sleep,
      attempts: 3,
    });
    await expect(unreachable.sendMessage(5001n, 'x')).rejects.toThrow();
    expect(waits).toEqual([1000, 2000]);
  });
});
