// The bot inside the server: each update handled is timed by type and outcome, and logged
// under its update id; offer delivery rounds are timed too.
import { TelegramServer } from 'telegram-test-api/lib/telegramServer.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from './e2e/server-process.ts';
import { buildTestApp, type TestApp, testBotToken } from './helpers/build-app.ts';
import { capturedLogs } from './helpers/logs.ts';
import { scrape, value } from './helpers/metrics.ts';

const secret = 'the-right-secret-0123456789';

describe('bot and delivery metrics', () => {
  let emulator: TelegramServer;
  let t: TestApp;
  let app: TestApp['app'];
  const logs = capturedLogs();
  beforeAll(async () => {
    emulator = new TelegramServer({ port: await freePort(), host: '127.0.0.1' });
    await emulator.start();
    t = await buildTestApp(
      {
        BOT_TOKEN: testBotToken,
        BOT_MODE: 'webhook',
        PUBLIC_URL: 'https://retention.example.com',
        WEBHOOK_SECRET: secret,
        TELEGRAM_API_ROOT: emulator.config.apiURL,
        LOG_LEVEL: 'info',
      },
      { logStream: logs.stream },
    );
    app = t.app;
  });
  afterAll(async () => {
    await t?.close();
    await emulator?.stop();
  });

  it('times each update by type and outcome and logs it under its update id', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/telegram/webhook',
      headers: { 'x-telegram-bot-api-secret-token': secret },
      payload: {
        update_id: 777001,
        message: {
          message_id: 1,
          date: Math.floor(Date.now() / 1000),
          chat: { id: 4242, type: 'private', first_name: 'Wes' },
          from: { id: 4242, is_bot: false, first_name: 'Wes' },
          text: '/help',
          entities: [{ type: 'bot_command', offset: 0, length: 5 }],
        },
      },
    });
    expect(res.statusCode).toBe(200);
    const text = await scrape(app);
    expect(
      value(text, 'bot_update_duration_seconds_count', { type: 'message', outcome: 'ok' }),
    ).toBe(1);
    expect(value(text, 'http_request_duration_seconds_count', { route: '/telegram/webhook' })).toBe(
      1,
    );
    expect(logs.entries()).toContainEqual(
      expect.objectContaining({ updateId: 777001, type: 'message', outcome: 'ok' }),
    );
  });

  it('times delivery rounds', async () => {
    // The plugin's own first round ran at start: count what the round asked for here adds
    // (it is recorded before runOnce resolves).
    const rounds = async () =>
      value(await scrape(app), 'delivery_round_duration_seconds_count', { outcome: 'ok' });
    const before = await rounds();
    await app.delivery!.runOnce();
    expect(await rounds()).toBeGreaterThan(before);
  });
});
