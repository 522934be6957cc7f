// The bot over the server's real services and database: the same identities, scopes and
// audit trail as the API (the bot's gates are tested on their own in bot/test).
import { createBot } from '@retention/bot';
import {
  privateCallback,
  privateContact,
  privateText,
  recordingFetch,
  testBotInfo,
} from '@retention/bot/testing';
import { formatDateRange } from '@retention/contracts';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoOf } from '../src/analytics/periods.ts';
import { botServices } from '../src/bot-adapter/bot-services.ts';
import { botServicesDeps } from '../src/plugins/bot.ts';
import { assignOffer } from '../src/services/customer-offers.ts';
import { claimingAdmin } from './helpers/bot-caller.ts';
import { buildTestApp, type TestApp, testBotToken } from './helpers/build-app.ts';
import { type Fixture, loadFixture, people, tma } from './helpers/fixtures.ts';

describe('the bot on the server’s services', () => {
  let t: TestApp;
  let f: Fixture;
  const talk = async (who: { id: number; first_name: string }, text: string) => {
    const { fetch, calls } = recordingFetch();
    const bot = createBot(testBotToken, botServices(botServicesDeps(t.app)), {
      botInfo: testBotInfo,
      fetch,
    });
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

  it('resolves the sender once per update and builds a card once', async () => {
    // Every Prisma call the bot's services make, as model.operation.
    const ops: string[] = [];
    const prisma = t.app.prisma.$extends({
      query: {
        async $allOperations({ model, operation, args, query }) {
          ops.push(`${model}.${operation}`);
          return query(args);
        },
      },
    });
    const app = Object.create(t.app, { prisma: { value: prisma } }) as FastifyInstance;
    const id = f.northCustomers[1];
    for (const [who, update, answer, identity] of [
      [people.admin, privateText(people.admin, `/customer ${id}`), `#${id} `, ['Staff']],
      [people.manager, privateCallback(people.manager, `c:${id}`), `#${id} `, ['Staff']],
      [people.clientA, privateText(people.clientA, '/stats'), 'Your', ['Staff', 'Customer']],
    ] as const) {
      const { fetch, calls } = recordingFetch();
      const bot = createBot(testBotToken, botServices(botServicesDeps(app)), {
        botInfo: testBotInfo,
        fetch,
      });
      ops.length = 0;
      await bot.handleUpdate(update);
      const text = calls.find((c) => c.method === 'sendMessage')?.payload.text;
      expect(String(text)).toContain(answer);
      // The identity: the staff table, then (not staff) the linked customer; once each.
      expect(ops.filter((o) => o.endsWith('.findUnique') && o !== 'BotState.findUnique')).toEqual(
        identity.map((m) => `${m}.findUnique`),
      );
      // The card: one read of the customer row, one of its journal (staff) or none (client).
      expect(ops.filter((o) => o === 'Customer.findFirst')).toHaveLength(1);
      expect(ops.filter((o) => o === 'AuditLog.findMany')).toHaveLength(
        who === people.clientA ? 0 : 1,
      );
    }
  });

  it('keeps a regional manager to their region and clients to their own records', async () => {
    const [south] = await talk(people.northManager, `/customer ${f.southCustomers[2]}`);
    expect(south).toBe(`No customer matches “${f.southCustomers[2]}”.`);
    const [refused] = await talk(people.clientA, '/customer 1');
    expect(refused).toBe('This command is not available to you.');
  });

  it('sends a search too long for chat as a CSV file, within the caller’s scope', async () => {
    const csvFor = async (who: { id: number; first_name: string }) => {
      const { fetch, calls } = recordingFetch();
      const bot = createBot(testBotToken, botServices(botServicesDeps(t.app)), {
        botInfo: testBotInfo,
        fetch,
      });
      await bot.handleUpdate(privateText(who, '/find customer'));
      const list = calls.find((c) => c.method === 'sendMessage')!.payload;
      const buttons = (list.reply_markup as { inline_keyboard: { callback_data: string }[][] })
        .inline_keyboard;
      expect(buttons.at(-1)![0]!.callback_data).toBe('f:customer');
      await bot.handleUpdate(privateCallback(who, 'f:customer'));
      const upload = calls.find((c) => c.method === 'sendDocument')!.payload;
      const file = Object.values(upload).find(
        (v): v is { fileName: string; bytes: Uint8Array } =>
          typeof v === 'object' && v !== null && 'bytes' in v,
      )!;
      expect(file.fileName).toBe('customers-customer.csv');
      expect([...file.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = Buffer.from(file.bytes.subarray(3)).toString().trim().split('\r\n');
      return { caption: String(upload.caption), header: lines[0], rows: lines.slice(1) };
    };
    const all = await csvFor(people.admin);
    const matching = await t.app.prisma.customer.count({
      where: { name: { contains: 'customer', mode: 'insensitive' } },
    });
    expect(matching).toBeGreaterThan(5);
    expect(all.caption).toBe(`Found: ${matching} (“customer”)`);
    expect(all.header).toBe(
      'customer_id,external_id,name,phone,email,region,channel,orders,revenue,last_order_day',
    );
    expect(all.rows).toHaveLength(matching);
    const north = await csvFor(people.northManager);
    expect(north.rows.length).toBeGreaterThan(0);
    expect(north.rows.length).toBeLessThan(matching);
    expect(north.rows.every((r) => r.split(',')[5] === 'North')).toBe(true);
  });

  it('gives staff the KPI summary the dashboard API gives for the same days', async () => {
    const [text] = await talk(people.admin, '/analytics 90');
    // The last 90 days up to the business's today, written as the language writes a range.
    const { today } = t.app.analytics.refresher.businessDay();
    const [from, to] = [isoOf(today - 89), isoOf(today)];
    expect(text).toContain(`Retention: ${formatDateRange(from, to, 'en')}`);
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
    const { fetch, calls } = recordingFetch();
    const bot = createBot(testBotToken, botServices(botServicesDeps(t.app)), {
      botInfo: testBotInfo,
      fetch,
    });
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
    const second = recordingFetch();
    const bot2 = createBot(testBotToken, botServices(botServicesDeps(t.app)), {
      botInfo: testBotInfo,
      fetch: second.fetch,
    });
    const calls2 = second.calls;
    await bot2.handleUpdate(privateContact(other, '+79000000003'));
    expect(String(calls2.find((c) => c.method === 'sendMessage')?.payload.text)).toMatch(
      /could not find a customer/,
    );
  });

  it('lets an admin tag a customer in a conversation kept in Postgres, and grant and revoke roles, all audited', async () => {
    const prisma = t.database.db.prisma;
    const customer = f.southCustomers[3]!;
    const { fetch, calls } = recordingFetch();
    // A fresh bot per update, as separate server instances would be: the conversation lives on
    // in bot_state between them.
    const send = (update: Parameters<ReturnType<typeof createBot>['handleUpdate']>[0]) =>
      createBot(testBotToken, botServices(botServicesDeps(t.app)), {
        botInfo: testBotInfo,
        fetch,
      }).handleUpdate(update);
    await send(privateCallback(people.admin, `at:${customer}`));
    expect(await prisma.botState.count()).toBe(1);
    await send(privateText(people.admin, 'Key account'));
    const texts = calls.filter((c) => c.method === 'sendMessage').map((c) => c.payload.text);
    expect(texts.at(-1)).toBe(`Tag added to #${customer}.`);
    expect((await prisma.customer.findUnique({ where: { id: customer } }))?.tags).toContain(
      'key account',
    );
    const tagAudit = await prisma.auditLog.findFirst({
      where: { action: 'customer.tag.add', targetId: String(customer) },
    });
    expect(tagAudit?.actorTelegramId).toBe(BigInt(people.admin.id));

    await send(privateCallback(people.admin, `an:${customer}`));
    await send(privateText(people.admin, 'Prefers e-mail to calls.'));
    const noteAudit = await prisma.auditLog.findFirst({
      where: { action: 'customer.note.add', targetId: String(customer) },
    });
    expect(noteAudit?.after).toMatchObject({ text: 'Prefers e-mail to calls.' });
    expect(noteAudit?.actorTelegramId).toBe(BigInt(people.admin.id));

    await send(privateCallback(people.admin, 'gr:7777:manager:South'));
    expect(await prisma.staff.findUnique({ where: { telegramUserId: 7777n } })).toMatchObject({
      role: 'manager',
      regionScope: 'South',
      grantedBy: BigInt(people.admin.id),
    });
    await send(privateCallback(people.admin, 'rv:7777'));
    expect(await prisma.staff.findUnique({ where: { telegramUserId: 7777n } })).toBeNull();
    const roleAudit = await prisma.auditLog.findMany({
      where: { targetType: 'telegram_user', targetId: '7777' },
      orderBy: { id: 'asc' },
    });
    expect(roleAudit.map((a) => [a.action, a.before, a.after])).toEqual([
      ['staff.grant', null, { role: 'manager', region: 'South' }],
      ['staff.revoke', { role: 'manager', region: 'South' }, null],
    ]);
    await send(privateCallback(people.admin, `rv:${people.admin.id}`));
    const edits = calls.filter((c) => c.method === 'editMessageText').map((c) => c.payload.text);
    expect(edits.at(-1)).toBe('Not done: you cannot revoke your own role');
    // A manager pressing the same buttons changes nothing.
    await send(privateCallback(people.manager, 'gr:7777:admin:'));
    expect(await prisma.staff.findUnique({ where: { telegramUserId: 7777n } })).toBeNull();
  });

  it('refuses a Telegram id that is not a safe integer, and changes no role', async () => {
    const services = botServices(botServicesDeps(t.app));
    const prisma = t.database.db.prisma;
    const before = await prisma.staff.count();
    // The bot refuses such ids itself (bot/test/admin.test.ts); this is the server's own check.
    for (const id of [2 ** 53, 1e16, 1.5, -7, 0, Number.NaN]) {
      expect(await services.grantRole(claimingAdmin(people.admin), id, 'admin', null)).toEqual({
        ok: false,
        reason: `${id} is not a Telegram user id`,
        because: { key: 'notTelegramUserId', params: { id: String(id) } },
      });
      expect(await services.revokeRole(claimingAdmin(people.admin), id)).toMatchObject({
        ok: false,
      });
    }
    expect(await prisma.staff.count()).toBe(before);
    // A manager still gets the role refusal first, whatever the id.
    await expect(
      services.grantRole(claimingAdmin(people.manager), 2 ** 53, 'admin', null),
    ).rejects.toThrow('admins only');
  });

  it('lets a client stop and restart offer messages, audited', async () => {
    const prisma = t.database.db.prisma;
    expect(await talk(people.clientB, '/stop_offers')).toEqual([
      'You will get no more offer messages. /start_offers turns them back on.',
    ]);
    const stopped = await prisma.customer.findUnique({ where: { id: f.clientB } });
    expect(stopped?.offersOptOutAt).toBeInstanceOf(Date);
    expect(await talk(people.clientB, '/stop_offers')).toEqual([
      'You will get no more offer messages. /start_offers turns them back on. (It already was.)',
    ]);
    await talk(people.clientB, '/start_offers');
    expect(
      (await prisma.customer.findUnique({ where: { id: f.clientB } }))?.offersOptOutAt,
    ).toBeNull();
    const audit = await prisma.auditLog.findMany({
      where: { targetId: String(f.clientB), action: { startsWith: 'customer.offers' } },
      orderBy: { id: 'asc' },
    });
    expect(audit.map((a) => a.action)).toEqual([
      'customer.offers.opt_out',
      'customer.offers.opt_in',
    ]);
  });

  it('keeps conversation state in Postgres', async () => {
    const storage = botServices(botServicesDeps(t.app)).storage!;
    const state = { version: [0, 0] as [0, number], state: {} };
    await storage.write('chat-1', state);
    expect(await storage.read('chat-1')).toEqual(state);
    await storage.delete('chat-1');
    expect(await storage.read('chat-1')).toBeUndefined();
  });
});
