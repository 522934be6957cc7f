// Every command and button for every role: allowed ones answer with data, the rest get the
// refusal and reach no service that returns data.
import { describe, expect, it } from 'vitest';
import type { BotRole } from '../src/index.ts';
import { privateCallback, privateText, type RecordedFile } from '../src/testing/recorder.ts';
import { botFor, sent } from './helpers.ts';

const refusal = 'This command is not available to you.';
const roles: BotRole[] = ['admin', 'manager', 'client', 'unknown'];
const all = roles;
const staff: BotRole[] = ['admin', 'manager'];
const known: BotRole[] = ['admin', 'manager', 'client'];

// command → who may use it, and the service an allowed use asks
const admin: BotRole[] = ['admin'];

const commands: [string, BotRole[], string][] = [
  ['/grant 555 manager North', admin, ''],
  ['/revoke 555', admin, ''],
  ['/analytics', staff, 'kpiSummary'],
  ['/customer 1', staff, 'customerCard'],
  ['/find Customer', staff, 'findCustomers'],
  ['/users Customer', staff, 'findCustomers'],
  ['/recommendations 1', known, 'recommendations'],
  ['/products', known, 'products'],
  ['/stats', ['client'], 'customerCard'],
  ['/offers', ['client'], 'customerOffers'],
  ['/support', ['client'], 'support'],
  ['/stop_offers', ['client'], 'setOfferMessages'],
  ['/start_offers', ['client'], 'setOfferMessages'],
  ['/alerts', staff, 'alertSettings'],
];

const callbacks: [string, BotRole[], string][] = [
  ['oc:41', ['client'], 'openOffer'],
  ['a:7', staff, 'kpiSummary'],
  ['u:2:Customer', staff, 'findCustomers'],
  ['c:1', staff, 'customerCard'],
  ['p:2:', known, 'products'],
  ['s:kpis:30', staff, 'screenshot'],
  ['ao:3', admin, 'assignableOffers'],
  ['ao:3:7', admin, 'assignableOffers'],
  ['aoy:3:7', admin, 'assignOffer'],
  ['at:3', admin, ''],
  ['an:3', admin, ''],
  ['gr:555:manager:North', admin, 'grantRole'],
  ['rv:555', admin, 'revokeRole'],
  ['x', admin, ''],
  ['al:m', staff, 'alertSettings'],
  ['al:d:daily', staff, 'updateAlertSettings'],
  ['al:t', staff, ''],
  ['al:t:08:00', staff, 'updateAlertSettings'],
  ['al:tt', staff, ''],
  ['al:w', staff, ''],
  ['al:w:5', staff, 'updateAlertSettings'],
  ['al:b', staff, 'alertSettings'],
  ['al:b:kpis', staff, 'updateAlertSettings'],
  ['al:q', staff, ''],
  ['al:q:22:00-07:00', staff, 'updateAlertSettings'],
  ['al:q:-', staff, 'updateAlertSettings'],
  ['al:qt', staff, ''],
  ['al:cr', staff, ''],
  ['al:hv', staff, ''],
  ['al:f:1', staff, 'updateAlertSettings'],
  ['al:x', staff, 'testDigest'],
];

// Telegram ids: 1 admin, 2 manager, 3 client (owns customer 3), 4 unknown.
const ids: Record<BotRole, number> = { admin: 1, manager: 2, client: 3, unknown: 4 };
const setup = () =>
  botFor({ [ids.admin]: 'admin', [ids.manager]: 'manager', [ids.client]: 'client' });

describe('the gating matrix', () => {
  for (const [text, allowed, service] of commands) {
    for (const role of all) {
      const may = allowed.includes(role);
      it(`${text} as ${role}: ${may ? 'answers' : 'refused'}`, async () => {
        const { bot, calls, services, errors } = setup();
        await bot.handleUpdate(privateText({ id: ids[role], first_name: role }, text));
        const replies = sent(calls);
        expect(replies.length).toBeGreaterThan(0);
        if (may) {
          expect(replies[0]!.text).not.toBe(refusal);
          if (service) expect(services.asked).toContain(service);
        } else {
          expect(replies.map((r) => r.text)).toEqual([refusal]);
          expect(services.asked).toEqual([]);
        }
        expect(errors).toEqual([]);
      });
    }
  }

  for (const [data, allowed, service] of callbacks) {
    for (const role of all) {
      const may = allowed.includes(role);
      it(`button ${data} as ${role}: ${may ? 'answers' : 'refused'}`, async () => {
        const { bot, calls, services } = setup();
        await bot.handleUpdate(privateCallback({ id: ids[role], first_name: role }, data));
        const answer = calls.find((c) => c.method === 'answerCallbackQuery')!.payload;
        if (may) {
          expect(answer.show_alert).toBeUndefined();
          if (service) expect(services.asked).toContain(service);
          expect(calls.length).toBeGreaterThan(1); // it answered with a message or an edit
        } else {
          expect(answer).toMatchObject({ text: refusal, show_alert: true });
          expect(calls.filter((c) => c.method !== 'answerCallbackQuery')).toEqual([]);
          expect(services.asked).toEqual([]);
        }
      });
    }
  }
});

describe('commands for everyone', () => {
  for (const text of ['/start', '/help', '/cancel']) {
    for (const role of all) {
      it(`${text} as ${role} answers`, async () => {
        const { bot, calls } = setup();
        await bot.handleUpdate(privateText({ id: ids[role], first_name: role }, text));
        expect(sent(calls)).toHaveLength(1);
        expect(sent(calls)[0]!.text).not.toBe(refusal);
      });
    }
  }
});

describe('what the commands answer', () => {
  it('/analytics: KPIs with changes, period buttons and the dashboard button', async () => {
    const { bot, calls } = botFor({ 1: 'admin' }, 'https://app.example.com');
    await bot.handleUpdate(privateText({ id: 1, first_name: 'A' }, '/analytics 90'));
    const [reply] = sent(calls);
    expect(reply!.text).toBe(
      [
        // Intl's range: thin spaces around the dash.
        'Retention: Oct 23\u2009–\u2009Nov 21, 2026',
        '(vs Sep 23\u2009–\u2009Oct 22, 2026)',
        '',
        'Active customers: 1,290 (+29%)',
        'Churn rate: 12% (+2 pp)',
        'Revenue: €5,000 (+25%)',
      ].join('\n'),
    );
    expect(reply!.reply_markup).toEqual({
      inline_keyboard: [
        [
          { text: '7 days', callback_data: 'a:7' },
          { text: '30 days', callback_data: 'a:30' },
          { text: '• 90 days', callback_data: 'a:90' },
        ],
        [
          { text: '📷 KPIs', callback_data: 's:kpis:90' },
          { text: '📷 Trends', callback_data: 's:trends:90' },
          { text: '📷 Cohorts', callback_data: 's:cohorts:90' },
          { text: '📷 LTV', callback_data: 's:ltv:90' },
        ],
        [
          { text: '📷 Segments', callback_data: 's:segments:90' },
          { text: '📷 At risk', callback_data: 's:at-risk:90' },
          { text: '📷 Campaigns', callback_data: 's:campaigns:90' },
          { text: '📷 Summary', callback_data: 's:breakdown:90' },
        ],
        [
          {
            text: 'Open the dashboard',
            web_app: { url: 'https://app.example.com/?from=2026-10-23&to=2026-11-21' },
          },
        ],
      ],
    });
  });

  it('names the screenshot buttons and quotes a search in the staff member’s language', async () => {
    const { bot, calls } = botFor({ 1: 'admin' });
    const ru = { id: 1, first_name: 'А', language_code: 'ru' } as never;
    await bot.handleUpdate(privateText(ru, '/analytics 30'));
    const keyboard = (sent(calls)[0]!.reply_markup as { inline_keyboard: { text: string }[][] })
      .inline_keyboard;
    expect(keyboard[1]!.map((b) => b.text)).toEqual([
      '📷 Показатели',
      '📷 Динамика',
      '📷 Когорты',
      '📷 LTV',
    ]);
    expect(keyboard[2]!.map((b) => b.text)).toContain('📷 Под угрозой');
    await bot.handleUpdate(privateText(ru, '/find Ёлкина'));
    expect(String(sent(calls).at(-1)!.text)).toContain('«Ёлкина»');
  });

  it('sends a block’s screenshot as a photo, or says why there is none', async () => {
    const { bot, calls } = botFor({ 1: 'manager' });
    await bot.handleUpdate(privateCallback({ id: 1, first_name: 'M' }, 's:cohorts:30'));
    expect(calls.map((c) => c.method)).toEqual([
      'answerCallbackQuery',
      'sendChatAction',
      'sendPhoto',
    ]);
    await bot.handleUpdate(privateCallback({ id: 1, first_name: 'M' }, 's:ltv:30'));
    expect(sent(calls).at(-1)!.text).toBe('No screenshot: Chromium is missing');
  });

  it('/customer: a card with risk, reasons and CLV; several matches a paged list', async () => {
    const { bot, calls } = botFor({ 1: 'admin' });
    await bot.handleUpdate(privateText({ id: 1, first_name: 'A' }, '/customer 1'));
    const card = String(sent(calls)[0]!.text);
    expect(card).toContain('#1 Customer 1');
    expect(card).toContain('Churn risk: 42% (at risk)');
    expect(card).toContain('  – no order for 77 days');
    expect(card).toContain('CLV, 12 months: 120.50');
    await bot.handleUpdate(privateText({ id: 1, first_name: 'A' }, '/customer customer'));
    const list = sent(calls)[1]!;
    expect(list.text).toBe('Found: 7 (“customer”), 1/2');
    const rows = (list.reply_markup as { inline_keyboard: { callback_data: string }[][] })
      .inline_keyboard;
    expect(rows.slice(0, 5).map((r) => r[0]!.callback_data)).toEqual([
      'c:1',
      'c:2',
      'c:3',
      'c:4',
      'c:5',
    ]);
    expect(rows[5]).toEqual([{ text: 'More ›', callback_data: 'u:2:customer' }]);
    // More than a page: every match as a CSV file.
    expect(rows[6]).toEqual([{ text: '📄 All as CSV', callback_data: 'f:customer' }]);
    await bot.handleUpdate(privateCallback({ id: 1, first_name: 'A' }, 'f:customer'));
    expect(calls.slice(-3).map((c) => c.method)).toEqual([
      'answerCallbackQuery',
      'sendChatAction',
      'sendDocument',
    ]);
    const upload = calls.at(-1)!.payload;
    expect(upload.caption).toBe('Found: 7 (“customer”)');
    const file = Object.values(upload).find(
      (v): v is RecordedFile => typeof v === 'object' && v !== null && 'bytes' in v,
    )!;
    expect(file.fileName).toBe('customers-customer.csv');
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(file.bytes);
    expect(text.startsWith('\uFEFFcustomer_id,name\r\n')).toBe(true);
    expect(text.trim().split('\r\n')).toHaveLength(8);
  });

  it('/customer without a query explains how to use it; an unknown id says so', async () => {
    const { bot, calls } = botFor({ 1: 'manager' });
    await bot.handleUpdate(privateText({ id: 1, first_name: 'M' }, '/customer'));
    expect(sent(calls)[0]!.text).toMatch(/^Send \/customer followed by/);
    await bot.handleUpdate(privateText({ id: 1, first_name: 'M' }, '/customer 999'));
    expect(sent(calls)[1]!.text).toBe('No customer matches “999”.');
  });

  it('/offers lists a client’s usable offers with codes; /support the contacts', async () => {
    const { bot, calls } = botFor({ 3: 'client' });
    await bot.handleUpdate(privateText({ id: 3, first_name: 'C' }, '/offers'));
    expect(sent(calls)[0]!.text).toBe(
      'Your offers:\n• 10% off — code WELCOME10-ABCDEF, valid until Jan 31, 2027\n  First order only.',
    );
    await bot.handleUpdate(privateText({ id: 3, first_name: 'C' }, '/support'));
    expect(sent(calls)[1]!.text).toBe('Support:\nTelegram: @shop_help\nHours: Mon-Fri');
  });

  it('/recommendations: a client gets their own, staff name a customer', async () => {
    const { bot, calls } = botFor({ 1: 'admin', 3: 'client' });
    await bot.handleUpdate(privateText({ id: 3, first_name: 'C' }, '/recommendations'));
    expect(sent(calls)[0]!.text).toBe('Recommended for you:\n1. Green tea (Tea)');
    await bot.handleUpdate(privateText({ id: 1, first_name: 'A' }, '/recommendations'));
    expect(sent(calls)[1]!.text).toMatch(/^Send \/recommendations followed by a customer id/);
    await bot.handleUpdate(privateText({ id: 1, first_name: 'A' }, '/recommendations 2'));
    expect(sent(calls)[2]!.text).toBe('Recommended for #2:\n1. Green tea (Tea)');
  });

  it('/products pages the catalogue', async () => {
    const { bot, calls } = botFor({ 3: 'client' });
    await bot.handleUpdate(privateText({ id: 3, first_name: 'C' }, '/products'));
    const reply = sent(calls)[0]!;
    expect(String(reply.text).split('\n')[0]).toBe('Products (11), 1/2:');
    expect(reply.reply_markup).toEqual({
      inline_keyboard: [[{ text: 'More ›', callback_data: 'p:2:' }]],
    });
  });

  it('tells the user when something fails, and logs it', async () => {
    const { bot, calls, services, errors } = botFor({ 1: 'admin' });
    services.kpiSummary = async () => {
      throw new Error('database is down');
    };
    await bot.handleUpdate(privateText({ id: 1, first_name: 'A' }, '/analytics'));
    expect(sent(calls)[0]!.text).toBe('Something went wrong on our side. Please try again later.');
    expect(errors[0]).toMatch(/database is down/);
  });
});
