// /alerts over the server's real services and database: settings saved per staff member
// (with their language), a typed threshold whose conversation state lives in Postgres
// between two bot instances, the server's own checks (role, values), and the test digest in
// the manager's region scope.
import { createBot } from '@retention/bot';
import { privateCallback, privateText, recordingFetch, testBotInfo } from '@retention/bot/testing';
import type { Update } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { botServices } from '../src/bot-adapter/bot-services.ts';
import { botServicesDeps } from '../src/plugins/bot.ts';
import { alertsApps } from './helpers/alerts-apps.ts';
import { claimingAdmin } from './helpers/bot-caller.ts';
import { testBotToken } from './helpers/build-app.ts';
import { people } from './helpers/fixtures.ts';

describe('/alerts on the server’s services', () => {
  let s: Awaited<ReturnType<typeof alertsApps>>;
  const bot = () => {
    const { fetch, calls } = recordingFetch();
    const b = createBot(testBotToken, botServices(botServicesDeps(s.apps[0]!)), {
      botInfo: testBotInfo,
      fetch,
    });
    const texts = () =>
      calls
        .filter((c) => c.method === 'sendMessage' || c.method === 'editMessageText')
        .map((c) => String(c.payload.text));
    return { b, calls, texts };
  };
  const settings = (who: { id: number }) =>
    s.prisma.alertSettings.findUnique({ where: { telegramUserId: BigInt(who.id) } });

  beforeAll(async () => {
    s = await alertsApps(1);
  }, 120_000);
  afterAll(() => s?.close());

  it('saves what a manager chooses, with their language', async () => {
    const { b, texts } = bot();
    const ru = (u: Update) => {
      (u.message ?? u.callback_query)!.from!.language_code = 'ru';
      return u;
    };
    await b.handleUpdate(ru(privateText(people.northManager, '/alerts')));
    expect(texts()[0]).toMatch(/^🔔 Сводки и оповещения\n\nСводка: выключена\n/);
    await b.handleUpdate(ru(privateCallback(people.northManager, 'al:d:weekly')));
    await b.handleUpdate(ru(privateCallback(people.northManager, 'al:w:3')));
    await b.handleUpdate(ru(privateCallback(people.northManager, 'al:b:at-risk')));
    expect(texts().at(-1)).toContain('Сводка: еженедельно · Ср · 09:00 (UTC)');
    expect(await settings(people.northManager)).toMatchObject({
      digest: 'weekly',
      weekday: 3,
      screenshotBlock: 'at-risk',
      language: 'ru',
    });
  });

  it('keeps a typed threshold’s conversation in Postgres between two bot instances', async () => {
    const first = bot();
    const second = bot();
    await first.b.handleUpdate(privateCallback(people.manager, 'al:cr'));
    await second.b.handleUpdate(privateText(people.manager, 'lots'));
    expect(second.texts()[0]).toMatch(/^Not done: that is not a number\. Send the churn rate/);
    await second.b.handleUpdate(privateText(people.manager, '150'));
    expect(second.texts()[1]).toMatch(/^Not done: the churn rate must be above 0 and below 100\./);
    await first.b.handleUpdate(privateText(people.manager, '12.5'));
    expect(first.texts().at(-1)).toContain('Churn rate above: 12.5%');
    expect(Number((await settings(people.manager))!.churnRateAbove)).toBe(12.5);
  });

  it('checks the role and the values again on the server', async () => {
    const services = botServices(botServicesDeps(s.apps[0]!));
    await expect(services.alertSettings(claimingAdmin(people.clientA))).rejects.toThrow(
      /staff only/,
    );
    await expect(
      services.updateAlertSettings(claimingAdmin(people.unknown), { digest: 'daily' }),
    ).rejects.toThrow(/staff only/);
    expect(await settings(people.clientA)).toBeNull();
    for (const [change, reason] of [
      [{ timeZone: 'Mars/Olympus' }, 'the time zone must be an IANA zone like Europe/Berlin'],
      [{ screenshotBlock: 'everything' }, 'the block must be one of kpis, trends'],
      [{ digestTime: '24:00' }, 'the digest time must be a time like 09:30'],
      [{ weekday: 8 }, 'the weekday must be 1 (Monday) to 7 (Sunday)'],
      [{ highValueFrom: -1 }, 'the amount must be a number from 0'],
    ] as const) {
      const result = await services.updateAlertSettings(claimingAdmin(people.admin), change);
      expect(result.ok).toBe(false);
      expect(!result.ok && result.reason).toContain(reason);
    }
    const { b, calls } = bot();
    await b.handleUpdate(privateCallback(people.clientA, 'al:d:daily'));
    expect(calls.map((c) => c.method)).toEqual(['answerCallbackQuery']);
  });

  it('sends a test digest in the manager’s scope, saying why there is no screenshot', async () => {
    const { b, texts } = bot();
    await b.handleUpdate(privateCallback(people.northManager, 'al:x'));
    const [digest, noShot] = texts();
    expect(digest).toMatch(/^📬 Тестовая сводка\nУдержание · North: /);
    // The digest is in the language kept with the settings; the bot's own line in the chat's.
    expect(noShot).toBe(
      'No screenshot: screenshots need Chromium at /nonexistent/chromium: install it (apt-get install -y chromium) or set CHROMIUM_PATH',
    );
    // In a Russian chat, the reason is Russian too.
    await b.handleUpdate(privateCallback({ ...people.northManager, language_code: 'ru' }, 'al:x'));
    expect(texts().at(-1)).toBe(
      'Скриншота не будет: для скриншотов нужен Chromium по пути /nonexistent/chromium: установите его (apt-get install -y chromium) или задайте CHROMIUM_PATH',
    );
  });
});
