import { TelegramServer } from 'telegram-test-api/lib/telegramServer.js';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from './e2e/server-process.ts';
import { buildTestApp, type TestApp, testBotToken } from './helpers/build-app.ts';
import { capturedLogs } from './helpers/logs.ts';

// Nothing listens on port 9 (discard) here: every Bot API call fails at once.
const unreachableTelegram = 'http://127.0.0.1:9';

describe('the bot inside the server', () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('keeps the API serving when Telegram cannot be reached (polling)', async () => {
    t = await buildTestApp({
      BOT_TOKEN: testBotToken,
      BOT_MODE: 'polling',
      TELEGRAM_API_ROOT: unreachableTelegram,
    });
    await new Promise((r) => setTimeout(r, 300));
    const health = await t.app.inject({ url: '/health' });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toMatchObject({ status: 'ok', bot: 'polling', mode: 'telegram' });
  });

  it('answers 401 to webhook calls without the right secret, and keeps serving', async () => {
    t = await buildTestApp({
      BOT_TOKEN: testBotToken,
      BOT_MODE: 'webhook',
      PUBLIC_URL: 'https://retention.example.com',
      WEBHOOK_SECRET: 'the-right-secret-0123456789',
      TELEGRAM_API_ROOT: unreachableTelegram,
    });
    const update = {
      update_id: 1,
      message: { message_id: 1, date: 0, chat: { id: 1, type: 'private' }, text: '/start' },
    };
    for (const secret of [undefined, 'a-wrong-secret-0123456789']) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/telegram/webhook',
        payload: update,
        headers: secret ? { 'x-telegram-bot-api-secret-token': secret } : {},
      });
      expect(res.statusCode, String(secret)).toBe(401);
    }
    expect((await t.app.inject({ url: '/health' })).json().bot).toBe('webhook');
  });

  it('answers 400 with a reason to a right-secret call whose body is not an Update', async () => {
    const logs = capturedLogs();
    t = await buildTestApp(
      {
        BOT_TOKEN: testBotToken,
        BOT_MODE: 'webhook',
        PUBLIC_URL: 'https://retention.example.com',
        WEBHOOK_SECRET: 'the-right-secret-0123456789',
        TELEGRAM_API_ROOT: unreachableTelegram,
        LOG_LEVEL: 'info',
      },
      { logStream: logs.stream },
    );
    for (const body of [
      'null',
      '[]',
      '[{"update_id":1}]',
      '1',
      '"x"',
      'true',
      '{}',
      '{"update_id":"1"}',
      '{"update_id":1.5}',
    ]) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/telegram/webhook',
        payload: body,
        headers: {
          'content-type': 'application/json',
          'x-telegram-bot-api-secret-token': 'the-right-secret-0123456789',
        },
      });
      expect(res.statusCode, body).toBe(400);
      expect(res.json()).toMatchObject({
        code: 'bad_request',
        message: 'the body must be a Telegram Update: a JSON object with an integer update_id',
      });
    }
    // The secret is checked first: a stranger's bad body is still a 401.
    const stranger = await t.app.inject({
      method: 'POST',
      url: '/telegram/webhook',
      payload: 'null',
      headers: { 'content-type': 'application/json' },
    });
    expect(stranger.statusCode).toBe(401);
    expect(logs.text()).not.toMatch(/unhandled error/);
  });
});

describe('the bot by webhook, against the Bot API emulator', () => {
  it('processes updates that carry the right secret, and only those', async () => {
    const emulator = new TelegramServer({ port: await freePort(), host: '127.0.0.1' });
    await emulator.start();
    const t = await buildTestApp({
      BOT_TOKEN: testBotToken,
      BOT_MODE: 'webhook',
      PUBLIC_URL: 'https://retention.example.com',
      WEBHOOK_SECRET: 'the-right-secret-0123456789',
      TELEGRAM_API_ROOT: emulator.config.apiURL,
    });
    try {
      const update = (id: number) => ({
        update_id: id,
        message: {
          message_id: id,
          date: Math.floor(Date.now() / 1000),
          chat: { id: 4242, type: 'private', first_name: 'Wes' },
          from: { id: 4242, is_bot: false, first_name: 'Wes' },
          text: '/help',
          entities: [{ type: 'bot_command', offset: 0, length: 5 }],
        },
      });
      const post = (id: number, secret?: string) =>
        t.app.inject({
          method: 'POST',
          url: '/telegram/webhook',
          payload: update(id),
          headers: secret ? { 'x-telegram-bot-api-secret-token': secret } : {},
        });
      expect((await post(1, 'the-right-secret-0123456789')).statusCode).toBe(200);
      expect((await post(2, 'a-wrong-secret-0123456789')).statusCode).toBe(401);
      expect((await post(3)).statusCode).toBe(401);
      const sent = emulator.storage.botMessages.filter((m) => String(m.message.chat_id) === '4242');
      expect(sent).toHaveLength(1);
      expect(String(sent[0]!.message.text)).toMatch(/^What I can do for you:/);
    } finally {
      await t.close();
      await emulator.stop();
    }
  });
});

describe('rate limiting', () => {
  it('answers 429 with a reason past RATE_LIMIT_MAX requests a minute', async () => {
    const t = await buildTestApp({ BOT_TOKEN: testBotToken, RATE_LIMIT_MAX: '3' });
    try {
      const codes = [];
      for (let i = 0; i < 5; i++)
        codes.push((await t.app.inject({ url: '/api/v1/me' })).statusCode);
      expect(codes).toEqual([401, 401, 401, 429, 429]);
      const limited = await t.app.inject({ url: '/api/v1/me' });
      expect(limited.json()).toMatchObject({ code: 'rate_limited', statusCode: 429 });
      expect(limited.json().message).toMatch(/rate limit/i);
      expect((await t.app.inject({ url: '/health' })).statusCode).toBe(200);
    } finally {
      await t.close();
    }
  });
});
