// The bot over the server's real services and database: the same identities, scopes and
// audit trail as the API (the bot's gates are tested on their own in bot/test).
import { createBot } from '@retention/bot';
import { privateContact, privateText, recordCalls, testBotInfo } from '@retention/bot/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { botServices } from '../src/services/bot-services.ts';
import { assignOffer } from '../src/services/customer-offers.ts';
import { buildTestApp, type TestApp, testBotToken } from './helpers/build-app.ts';
import { type Fixture, loadFixture, people, tma } from './helpers/fixtures.ts';

describe('the bot on the server’s services', () => {
  let t: TestApp;
  let f: Fixture;
  const talk = async (who: { id: number; first_name: string }, text: string) => {
    const bot = createBot(testBotToken, botServices(t.app), { botInfo: testBotInfo });
    const calls = recordCalls(bot);
    await bot.handleUpdate(privateText(who, text));
    return calls.filter((c) => c.method === 'sendMessage').map((c) => String(c.payload.text));
  };

  beforeAll(async () => {
    t = await buildTestApp({
      BOT_TOKEN: testBotToken,
      ADMIN_TELEGRAM_IDS: String(people.admin.id),
    });
    f = await loadFixture(t.database.db.prisma);
  });
  afterAll(() => t?.close());

  it('looks a customer up by id and by phone for an admin', async () => {
    const [byId] = await talk(people.admin, `/customer ${f.northCustomers[1]}`);
    expect(byId).toMatch(new RegExp(`^#${f.northCustomers[1]} North Customer 2\\n`));
    const [byPhone] = await talk(people.admin, '/customer +7 900 000-0004');
    expect(byPhone).toMatch(/^#\d+ North Customer 4\n/);
  });

  it('keeps a regional manager to their region and clients to their own records', async () => {
    const [south] = await talk(people.northManager, `/customer ${f.southCustomers[2]}`);
    expect(south).toBe(`No customer matches “${f.southCustomers[2]}”.`);
    const [refused] = await talk(people.clientA, '/customer 1');
    expect(refused).toBe('This command is not available to you.');
  });

  it('gives staff the KPI summary the dashboard API gives for the same days', async () => {
    const [text] = await talk(people.admin, '/analytics 90');
    const to = text!.match(/– (\d{4}-\d\d-\d\d)/)![1];
    const from = text!.match(/: (\d{4}-\d\d-\d\d) –/)![1];
    const api = await t.app.inject({
      url: `/api/v1/analytics/dashboard?from=${from}&to=${to}`,
      headers: tma(people.admin),
    });
    const active = api.json().kpis.activeAtEnd.value as number;
    expect(text).toContain(`Active customers: ${active.toLocaleString('en-US')}`);
  });

  it('shows a client their offers with the personal code', async () => {
    const prisma = t.database.db.prisma;
    const offer = await prisma.offer.create({
      data: {
        code: 'BOT10',
        title: '10% for you',
        kind: 'discount_percent',
        percentOff: 10,
        validFrom: new Date(Date.now() - 86_400_000),
        validTo: new Date(Date.now() + 30 * 86_400_000),
      },
    });
    const given = await assignOffer(
      prisma,
      { actorRole: 'admin', actorTelegramId: BigInt(people.admin.id) },
      { customerId: f.clientA, offerId: offer.id },
    );
    const [offers] = await talk(people.clientA, '/offers');
    expect(offers).toContain(`10% for you — code ${given.code}`);
    const [none] = await talk(people.clientB, '/offers');
    expect(none).toBe('You have no offers right now.');
  });

  it('links an unknown user who shares their phone to that customer, audited', async () => {
    const bot = createBot(testBotToken, botServices(t.app), { botInfo: testBotInfo });
    const calls = recordCalls(bot);
    await bot.handleUpdate(privateContact(people.unknown, '+7 (900) 000-00-03'));
    expect(String(calls.find((c) => c.method === 'sendMessage')?.payload.text)).toBe(
      'Thank you! Your account is linked to your customer record (North Customer 3).',
    );
    const linked = await t.database.db.prisma.customer.findFirst({
      where: { telegramUserId: BigInt(people.unknown.id) },
      select: { name: true, id: true },
    });
    expect(linked?.name).toBe('North Customer 3');
    const audit = await t.database.db.prisma.auditLog.findFirst({
      where: { action: 'customer.telegram.link', targetId: String(linked?.id) },
    });
    expect(audit?.actorTelegramId).toBe(BigInt(people.unknown.id));
    const [stats] = await talk(people.unknown, '/stats');
    expect(stats).toMatch(/^Your purchases: 0 orders/);
    // The number is taken now: nobody else links to it.
    const other = { id: 5999, first_name: 'Eve' };
    const bot2 = createBot(testBotToken, botServices(t.app), { botInfo: testBotInfo });
    const calls2 = recordCalls(bot2);
    await bot2.handleUpdate(privateContact(other, '+79000000003'));
    expect(String(calls2.find((c) => c.method === 'sendMessage')?.payload.text)).toMatch(
      /could not find a customer/,
    );
  });

  it('keeps conversation state in Postgres', async () => {
    const storage = botServices(t.app).storage!;
    const state = { version: [0, 0] as [0, number], state: {} };
    await storage.write('chat-1', state);
    expect(await storage.read('chat-1')).toEqual(state);
    await storage.delete('chat-1');
    expect(await storage.read('chat-1')).toBeUndefined();
  });
});
