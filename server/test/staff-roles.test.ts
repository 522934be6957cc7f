// Granting a manager a region at run time: the region is a bounded label that some customer
// has, else the grant is refused with the reason and nothing changes.
import { createBot } from '@retention/bot';
import { privateCallback, recordingFetch, testBotInfo } from '@retention/bot/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grantRole } from '../src/auth/staff-roles.ts';
import { botServices } from '../src/bot-adapter/bot-services.ts';
import { botServicesDeps } from '../src/plugins/bot.ts';
import { buildTestApp, type TestApp, testBotToken } from './helpers/build-app.ts';
import { loadFixture, people } from './helpers/fixtures.ts';

describe('granting a region-scoped manager', () => {
  let t: TestApp;
  const admin = { actorRole: 'admin' as const, actorTelegramId: BigInt(people.admin.id) };
  beforeAll(async () => {
    t = await buildTestApp({
      BOT_TOKEN: testBotToken,
      ADMIN_TELEGRAM_IDS: String(people.admin.id),
    });
    await loadFixture(t.database.db.prisma);
  });
  afterAll(() => t?.close());

  const seat = (id: bigint) =>
    t.database.db.prisma.staff.findUnique({
      where: { telegramUserId: id },
      select: { role: true, regionScope: true },
    });

  it('refuses a region no customer has, naming the regions there are', async () => {
    await expect(
      grantRole(t.database.db.prisma, admin, 8101n, { role: 'manager', region: 'Atlantis' }),
    ).rejects.toThrow('no customer has the region "Atlantis"; regions: North, South');
    // Scopes match exactly: another case is another region.
    await expect(
      grantRole(t.database.db.prisma, admin, 8101n, { role: 'manager', region: 'north' }),
    ).rejects.toThrow('no customer has the region "north"');
    expect(await seat(8101n)).toBeNull();
  });

  it('refuses a region that is not a label: empty, over 100 characters, control characters', async () => {
    for (const region of [
      '',
      '   ',
      'N'.repeat(101),
      'North\u0000',
      'North\nSouth',
      'No\u001b[2Jrth',
    ]) {
      await expect(
        grantRole(t.database.db.prisma, admin, 8102n, { role: 'manager', region }),
        JSON.stringify(region),
      ).rejects.toThrow('a region must be 1 to 100 characters with no control characters');
    }
    expect(await seat(8102n)).toBeNull();
  });

  it('stores a known region trimmed, and "every region" as null', async () => {
    await grantRole(t.database.db.prisma, admin, 8103n, { role: 'manager', region: '  South ' });
    expect(await seat(8103n)).toEqual({ role: 'manager', regionScope: 'South' });
    await grantRole(t.database.db.prisma, admin, 8103n, { role: 'manager', region: null });
    expect(await seat(8103n)).toEqual({ role: 'manager', regionScope: null });
  });

  it('tells the admin in the bot why, and changes nothing', async () => {
    const { fetch, calls } = recordingFetch();
    const bot = createBot(testBotToken, botServices(botServicesDeps(t.app)), {
      botInfo: testBotInfo,
      fetch,
    });
    await bot.handleUpdate(privateCallback(people.admin, 'gr:8104:manager:Atlantis'));
    await bot.handleUpdate(privateCallback(people.admin, 'gr:8104:manager:North\u0007'));
    const edits = calls.filter((c) => c.method === 'editMessageText').map((c) => c.payload.text);
    expect(edits).toEqual([
      'Not done: no customer has the region "Atlantis"; regions: North, South',
      'Not done: a region must be 1 to 100 characters with no control characters',
    ]);
    expect(await seat(8104n)).toBeNull();
    // A Russian admin reads the same refusal in Russian.
    const russian = { ...people.admin, language_code: 'ru' };
    await bot.handleUpdate(privateCallback(russian, 'gr:8104:manager:Atlantis'));
    expect(calls.filter((c) => c.method === 'editMessageText').at(-1)?.payload.text).toBe(
      'Не сделано: ни у одного клиента нет региона «Atlantis»; регионы: North, South',
    );
    await bot.handleUpdate(privateCallback(people.admin, 'gr:8104:manager:North'));
    expect(await seat(8104n)).toEqual({ role: 'manager', regionScope: 'North' });
  });
});
