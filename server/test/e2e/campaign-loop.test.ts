// The retention loop end to end: the real server process on Postgres, its bot polling the Bot
// API emulator (telegram-test-api). An admin launches a campaign on at-risk customers with a
// 20% control group; the bot delivers the offer to the treated clients with Telegram (once
// each, none to the control group or to a client who opted out); a client opens it with the
// button and redeems it with an order ingested through the API carrying the code; the
// campaign's results show the redemption, and the uplift equals the hand calculation here.
// Names and terms carry `<`, `&` and `>`: the emulator refuses HTML that Telegram could not parse.
import { renderTelegramHtml } from '@retention/bot/testing';
import type { TelegramServer } from 'telegram-test-api/lib/telegramServer.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../src/auth/api-keys.ts';
import { splitGroups } from '../../src/campaigns/launch.ts';
import { testBotToken } from '../helpers/build-app.ts';
import { scoreCustomers } from '../helpers/scores.ts';
import { startEmulator } from './bot-api-emulator.ts';
import {
  botServerEnv,
  processDatabase,
  type ServerProcess,
  startServer,
} from './server-process.ts';
import { initDataFor } from './telegram-env.ts';

// biome-ignore lint/suspicious/noExplicitAny: JSON answers read field by field
type Any = any;

const admin = { id: 9401, first_name: 'Ada' };
const day = 86_400_000;
/** Telegram id of the linked customer number i (1-based). */
const tgOf = (i: number) => 9500 + i;
const nameOf = (i: number) => `Tom <3 & "Jerry" >_< ${i}`;
const title = '15% off <your> next order & more';
const terms = 'One order & no returns > 30 days <until the end date>.';

type BotMessage = {
  messageId: number;
  message: { chat_id: number | string; text?: string; reply_markup?: unknown };
};

describe('a retention campaign from launch to measured uplift', () => {
  let emulator: TelegramServer;
  let server: ServerProcess;
  let database: Awaited<ReturnType<typeof processDatabase>>;
  let apiKey: string;
  /** Customer ids by number 1..30. */
  const ids: number[] = [];

  beforeAll(async () => {
    database = await processDatabase('rd-loop-');
    const db = await database.open();
    const prisma = db.prisma;
    const product = await prisma.product.create({
      data: { source: 'shop', sku: 'TEA', name: 'Tea', category: 'tea' },
    });
    // 30 customers with two orders 150 and 120 days ago; 1-24 at risk, 25-30 not; 1-18 have
    // linked Telegram, and 18 turned offer messages off.
    for (let i = 1; i <= 30; i++) {
      const c = await prisma.customer.create({
        data: {
          source: 'shop',
          externalId: `C${i}`,
          name: nameOf(i),
          region: 'North',
          telegramUserId: i <= 18 ? BigInt(tgOf(i)) : null,
          offersOptOutAt: i === 18 ? new Date() : null,
        },
      });
      ids.push(c.id);
      for (const [n, ago] of [150, 120].entries()) {
        await prisma.order.create({
          data: {
            source: 'shop',
            externalId: `C${i}-${n}`,
            customerId: c.id,
            placedAt: new Date(Date.now() - ago * day),
            total: '40.00',
            items: {
              create: [
                {
                  lineNo: 1,
                  productId: product.id,
                  quantity: 4,
                  unitPrice: '10.00',
                  amount: '40.00',
                },
              ],
            },
          },
        });
      }
    }
    await scoreCustomers(
      prisma,
      ids.map((customerId, i) => ({ customerId, probability: i < 24 ? 0.7 : 0.1, clv: 200 })),
    );
    apiKey = (await createApiKey(prisma, { name: 'shop', actorRole: 'cli' })).key;
    await db.close();

    emulator = await startEmulator();
    server = await startServer({
      ...database.env,
      ...botServerEnv(emulator.config.apiURL, {
        PUBLIC_URL: 'https://retention.example.test',
        ADMIN_TELEGRAM_IDS: String(admin.id),
        ANALYTICS_REFRESH_SECONDS: '1',
      }),
    });
  });
  afterAll(async () => {
    await server?.stop();
    await emulator?.stop();
    await database?.drop();
  });

  const asAdmin = () => ({ authorization: `tma ${initDataFor(admin, testBotToken)}` });
  const api = async (method: string, url: string, body?: unknown, headers = asAdmin()) => {
    const r = await fetch(`${server.url}/api/v1${url}`, {
      method,
      headers: { ...headers, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: r.status, json: (await r.json()) as Record<string, Any> };
  };
  const chat = (userId: number) =>
    (emulator.storage.botMessages as unknown as BotMessage[]).filter(
      (m) => String(m.message.chat_id) === String(userId),
    );
  const buttons = (m: BotMessage) =>
    (
      (typeof m.message.reply_markup === 'string'
        ? JSON.parse(m.message.reply_markup)
        : m.message.reply_markup) as {
        inline_keyboard: { text: string; callback_data?: string }[][];
      }
    ).inline_keyboard.flat();

  let campaign: Record<string, Any>;
  let members: { target: number[]; control: number[] };

  it('launches a campaign on at-risk customers with a 20% control group', async () => {
    const preview = await api('POST', '/campaigns/preview', {
      target: { minChurnProbability: 0.5 },
      controlShare: 0.2,
    });
    expect(preview.json).toMatchObject({
      size: 24,
      control: 5,
      treatment: 19,
      withTelegram: 17,
      optedOut: 1,
    });
    const r = await api('POST', '/campaigns', {
      name: 'Win back the at-risk',
      offer: {
        code: 'BACK15',
        title,
        kind: 'discount_percent',
        percentOff: 15,
        terms,
      },
      target: { minChurnProbability: 0.5 },
      controlShare: 0.2,
      startAt: new Date(Date.now() - 60_000).toISOString(),
      endAt: new Date(Date.now() + 14 * day).toISOString(),
      seed: 7,
    });
    expect(r.status).toBe(201);
    campaign = r.json;
    expect(campaign.members).toEqual({ target: 19, control: 5 });
    // The split is the seeded shuffle of the target in id order: the same seed gives it here.
    const split = splitGroups(
      ids.slice(0, 24).map((customerId) => ({
        customerId,
        linked: false,
        optedOut: false,
        churnProbability: null,
        valueAtRiskCents: 0,
      })),
      0.2,
      7,
    );
    members = {
      target: split.treatment.map((m) => m.customerId),
      control: split.control.map((m) => m.customerId),
    };
    expect(members.control).toHaveLength(5);
  });

  /** Treated customers among numbers `from`..`to`. */
  const treatedIn = (from: number, to: number) =>
    ids.slice(from - 1, to).filter((id) => members.target.includes(id)).length;

  it('sends each treated client with Telegram exactly one offer message, and nobody else any', async () => {
    const reachable = treatedIn(1, 17);
    await expect
      .poll(async () => (await api('GET', `/campaigns/${campaign.id}`)).json.delivery.sent, {
        timeout: 60_000,
        interval: 500,
      })
      .toBe(reachable);
    const c = (await api('GET', `/campaigns/${campaign.id}`)).json;
    expect(c.delivery).toMatchObject({
      queued: 0,
      sending: 0,
      sent: reachable,
      no_telegram: treatedIn(19, 24),
      opted_out: treatedIn(18, 18),
    });
    for (let i = 1; i <= 30; i++) {
      const messages = chat(tgOf(i)).filter((m) => m.message.text?.includes('an offer for you'));
      const treated = members.target.includes(ids[i - 1]!);
      const expected = treated && i <= 17 ? 1 : 0;
      expect(
        messages,
        `customer ${i} (${treated ? 'treated' : 'control or not targeted'})`,
      ).toHaveLength(expected);
      if (expected) {
        const shown = renderTelegramHtml(messages[0]!.message.text!).split('\n');
        expect(shown[0]).toBe(`🎁 ${nameOf(i)}, an offer for you:`);
        expect(shown[2]).toBe(title);
        expect(shown[4]).toBe(terms);
        expect(buttons(messages[0]!).map((b) => b.text)).toEqual(['Get my code', 'Open the app']);
      }
    }
  });

  let redeemer: { n: number; code: string };

  it('lets a client open the offer with its button and get the personal code', async () => {
    const n = ids.findIndex((id, i) => i < 17 && members.target.includes(id)) + 1;
    const message = chat(tgOf(n)).find((m) => m.message.text?.includes('an offer for you'))!;
    const data = buttons(message).find((b) => b.callback_data)!.callback_data!;
    const client = emulator.getClient(testBotToken, {
      userId: tgOf(n),
      chatId: tgOf(n),
      firstName: `C${n}`,
      timeout: 20_000,
    });
    const before = chat(tgOf(n)).length;
    await client.sendCallback(
      client.makeCallbackQuery(data, { message: { message_id: message.messageId } }),
    );
    await expect.poll(() => chat(tgOf(n)).length, { timeout: 20_000 }).toBeGreaterThan(before);
    const reply = chat(tgOf(n)).at(-1)!.message.text!;
    const code = /Your personal code: (BACK15-[A-Z2-9]{6})/.exec(reply)?.[1];
    expect(code).toBeDefined();
    redeemer = { n, code: code! };
    expect((await api('GET', `/campaigns/${campaign.id}`)).json.opened).toBe(1);
    // Another client pressing the same button (forwarded) gets nothing.
    const m = ids.findIndex((id, i) => i < 17 && i !== n - 1 && members.target.includes(id)) + 1;
    const other = emulator.getClient(testBotToken, {
      userId: tgOf(m),
      chatId: tgOf(m),
      firstName: `C${m}`,
      timeout: 20_000,
    });
    await other.sendCallback(
      other.makeCallbackQuery(data, { message: { message_id: message.messageId } }),
    );
    await new Promise((r) => setTimeout(r, 1500));
    expect(chat(tgOf(m)).some((x) => x.message.text?.includes(code!))).toBe(false);
    expect((await api('GET', `/campaigns/${campaign.id}`)).json.opened).toBe(1);
  });

  it('redeems it with an ingested order carrying the code, and measures the uplift', async () => {
    const controlN = ids.findIndex((id) => members.control.includes(id)) + 1;
    const otherTreated =
      ids.findIndex((id, i) => i !== redeemer.n - 1 && members.target.includes(id)) + 1;
    const order = (id: string, n: number, total: number, promoCode?: string) => ({
      id,
      customerId: `C${n}`,
      placedAt: new Date().toISOString(),
      ...(promoCode ? { promoCode } : {}),
      lines: [{ sku: 'TEA', quantity: 1, unitPrice: total }],
    });
    const r = await api(
      'POST',
      '/ingest/orders',
      {
        source: 'shop',
        items: [
          order('NEW-1', redeemer.n, 85, redeemer.code),
          order('NEW-2', otherTreated, 60),
          order('NEW-3', controlN, 50),
        ],
      },
      { authorization: `Bearer ${apiKey}` },
    );
    expect(r.json).toMatchObject({ stored: 3, redemptions: 1 });
    const today = new Date().toISOString().slice(0, 10);
    const from = new Date(Date.now() - 30 * day).toISOString().slice(0, 10);
    let result: Record<string, Any> | undefined;
    await expect
      .poll(
        async () => {
          const report = await api('GET', `/analytics/campaigns?from=${from}&to=${today}`);
          result = report.json.campaigns.find((c: { id: number }) => c.id === campaign.id);
          return result?.target.retained;
        },
        { timeout: 60_000, interval: 500 },
      )
      .toBe(2);
    expect(result).toMatchObject({ sent: treatedIn(1, 17), opened: 1, redeemed: 1 });
    expect(result!.redemptionRate).toBeCloseTo(1 / 19, 10);
    // By hand: 2 of 19 treated and 1 of 5 controls ordered during the campaign.
    const pt = 2 / 19;
    const pc = 1 / 5;
    const se = Math.sqrt((pt * (1 - pt)) / 19 + (pc * (1 - pc)) / 5);
    expect(result!.control).toMatchObject({ members: 5, retained: 1, revenue: '50.00' });
    expect(result!.target).toMatchObject({ members: 19, retained: 2, revenue: '145.00' });
    expect(result!.retentionUplift.estimate).toBeCloseTo(pt - pc, 10);
    expect(result!.retentionUplift.low).toBeCloseTo(pt - pc - 1.959964 * se, 5);
    expect(result!.retentionUplift.high).toBeCloseTo(pt - pc + 1.959964 * se, 5);
    expect(result!.retentionUplift.significant).toBe(false);
    // Revenue per member: 145/19 vs 50/5, in cents; the Welch interval from sample variances.
    const cents = (xs: number[]) => xs.map((x) => x * 100);
    const treated = cents([85, 60, ...Array(17).fill(0)]);
    const controls = cents([50, 0, 0, 0, 0]);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const variance = (xs: number[]) =>
      xs.reduce((a, x) => a + (x - mean(xs)) ** 2, 0) / (xs.length - 1);
    const diff = mean(treated) - mean(controls);
    const seRevenue = Math.sqrt(variance(treated) / 19 + variance(controls) / 5);
    expect(Number(result!.revenueUplift.estimate)).toBeCloseTo(diff / 100, 2);
    expect(Number(result!.revenueUplift.low)).toBeCloseTo((diff - 1.959964 * seRevenue) / 100, 1);
    // Incremental revenue = uplift per member × 19; the discount cost of 85 paid at 15% off
    // is 85 × 15 ÷ 85 = 15.00; ROI = (incremental − cost) ÷ cost.
    const incremental = Math.round(diff * 19) / 100;
    expect(Number(result!.incrementalRevenue)).toBeCloseTo(incremental, 2);
    expect(result!.discountCost).toBe('15.00');
    expect(result!.roi).toBeCloseTo((incremental - 15) / 15, 4);
  });
});
