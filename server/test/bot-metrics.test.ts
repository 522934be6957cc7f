// The bot inside the server: each update handled is timed by type and outcome, and logged
// under its update id; offer delivery rounds are timed too.
import { Writable } from 'node:stream';
import { createTestDatabase } from '@retention/db/testing';
import { TelegramServer } from 'telegram-test-api/lib/telegramServer.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { freePort } from './e2e/server-process.ts';
import { testBotToken } from './helpers/build-app.ts';
import { eventually, scrape, value } from './helpers/metrics.ts';
import { testConfig } from './helpers/rebuild.ts';

const secret = 'the-right-secret-0123456789';

describe('bot and delivery metrics', () => {
  let emulator: TelegramServer;
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: Awaited<ReturnType<typeof buildApp>>;
  const lines: Record<string, unknown>[] = [];
  beforeAll(async () => {
    emulator = new TelegramServer({ port: await freePort(), host: '127.0.0.1' });
    await emulator.start();
    database = await createTestDatabase();
    const logStream = new Writable({
      write(chunk, _enc, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean)) {
          lines.push(JSON.parse(line));
        }
        done();
      },
    });
    app = await buildApp(
      testConfig({
        BOT_TOKEN: testBotToken,
        BOT_MODE: 'webhook',
        PUBLIC_URL: 'https://retention.example.com',
        WEBHOOK_SECRET: secret,
        TELEGRAM_API_ROOT: emulator.config.apiURL,
        LOG_LEVEL: 'info',
      }),
      { db: database.db, logStream },
    );
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
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
    expect(lines).toContainEqual(
      expect.objectContaining({ updateId: 777001, type: 'message', outcome: 'ok' }),
    );
  });

  it('times delivery rounds', async () => {
    await app.delivery!.runOnce();
    await eventually(async () => {
      const text = await scrape(app);
      expect(
        value(text, 'delivery_round_duration_seconds_count', { outcome: 'ok' }),
      ).toBeGreaterThanOrEqual(1);
    });
  });
});
