// An offer message through the Bot API emulator, which refuses HTML that Telegram could not
// parse: customers' names and staff-written titles, gifts and terms with `<`, `&` and `>`
// arrive, and the client sees them exactly as written.
import { createOfferSender, type DeliveredOffer } from '@retention/bot';
import { renderTelegramHtml } from '@retention/bot/testing';
import type { TelegramServer } from 'telegram-test-api/lib/telegramServer.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBotToken } from '../helpers/build-app.ts';
import { startEmulator } from './bot-api-emulator.ts';

type Stored = { message: { chat_id: number | string; text?: string; parse_mode?: string } };

const names = ['Tom <3 & "Jerry" >_<', '<b>Ann</b>', 'A&amp;B', '<<>>&&', 'Zoë 👩‍💻 مرحبا', '</b>'];

describe('offer messages with markup characters, through the Bot API emulator', () => {
  let emulator: TelegramServer;
  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(() => emulator?.stop());

  const chat = (id: number) =>
    (emulator.storage.botMessages as unknown as Stored[]).filter(
      (m) => String(m.message.chat_id) === String(id),
    );

  it('delivers every name, title, gift and terms intact', async () => {
    const sender = createOfferSender(testBotToken, { apiRoot: emulator.config.apiURL });
    for (const [i, name] of names.entries()) {
      const chatId = 7100 + i;
      const offer: DeliveredOffer = {
        assignmentId: i + 1,
        title: `${name}'s <gift>`,
        kind: 'gift',
        percentOff: null,
        amountOff: null,
        gift: `Mug & ${name}`,
        terms: `Valid > 1 order < 2 & ${name}`,
        validTo: new Date('2030-01-31T12:00:00Z'),
        customerName: name,
      };
      const outcome = await sender.send(chatId, offer, 'en');
      expect(outcome, name).toMatchObject({ kind: 'sent' });
      const [m] = chat(chatId);
      expect(m?.message.parse_mode).toBe('HTML');
      const shown = renderTelegramHtml(m!.message.text!).split('\n');
      expect(shown.slice(0, 5), name).toEqual([
        `🎁 ${name}, an offer for you:`,
        '',
        `${name}'s <gift>`,
        `Gift: Mug & ${name}, valid until Jan 31, 2030.`,
        `Valid > 1 order < 2 & ${name}`,
      ]);
    }
  });

  it('refuses unescaped HTML as Telegram does (the check above can fail)', async () => {
    const res = await fetch(`${emulator.config.apiURL}/bot${testBotToken}/sendMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ chat_id: 7199, text: 'Tom <3, an offer', parse_mode: 'HTML' }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      ok: false,
      error_code: 400,
      description: expect.stringMatching(/can't parse entities/),
    });
    expect(chat(7199)).toEqual([]);
  });
});
