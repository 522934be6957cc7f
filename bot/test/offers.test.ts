// A campaign's offer in the client's chat: the message the delivery sends, the "Get my code"
// button (the opening is recorded by the server; someone else's offer gives nothing), and
// how the sender reads Telegram's answers for the delivery queue.
import { describe, expect, it } from 'vitest';
import { createOfferSender, escapeHtml, offerMessage } from '../src/index.ts';
import { privateCallback } from '../src/testing/recorder.ts';
import { renderTelegramHtml, TelegramHtmlError } from '../src/testing/telegram-html.ts';
import { botFor, sent, token } from './helpers.ts';

const offer = {
  assignmentId: 41,
  title: '15% off <your> next order',
  kind: 'discount_percent' as const,
  percentOff: 15,
  amountOff: null,
  gift: null,
  terms: 'One order.',
  validTo: new Date('2030-01-31T12:00:00Z'),
  customerName: 'Ann',
};

describe('the offer message', () => {
  it('says what the offer is and until when, with the code behind a button', () => {
    const m = offerMessage(offer, 'en', 'https://shop.example/app');
    expect(m.text).toBe(
      [
        '🎁 Ann, an offer for you:',
        '',
        '<b>15% off &lt;your&gt; next order</b>',
        'Discount 15%, valid until Jan 31, 2030.',
        'One order.',
        '',
        'Tap “Get my code” for your personal code and give it with your next order.',
        '/stop_offers: no more offer messages.',
      ].join('\n'),
    );
    expect(m.reply_markup.inline_keyboard).toEqual([
      [{ text: 'Get my code', callback_data: 'oc:41' }],
      [{ text: 'Open the app', web_app: { url: 'https://shop.example/app' } }],
    ]);
    const ru = offerMessage({ ...offer, kind: 'gift', gift: 'Mug', customerName: null }, 'ru');
    expect(ru.text.split('\n')[0]).toBe('🎁 предложение для вас:');
    expect(ru.text).toContain('Подарок: Mug');
    expect(ru.reply_markup.inline_keyboard).toHaveLength(1);
  });
});

describe('HTML in the offer message', () => {
  const nasty = 'Tom <3 & "Jerry" >_<';

  it('escapes the three characters the Bot API asks for, and nothing else', () => {
    expect(escapeHtml(nasty)).toBe('Tom &lt;3 &amp; "Jerry" &gt;_&lt;');
    // Text that looks escaped already is text too: it is shown as typed.
    expect(escapeHtml('&lt;b&gt;')).toBe('&amp;lt;b&amp;gt;');
    expect(renderTelegramHtml(escapeHtml('&lt;b&gt; 👩‍💻 \u0000'))).toBe('&lt;b&gt; 👩‍💻 \u0000');
  });

  it('shows every value as written: name, title, gift, amount and terms, in both languages', () => {
    const hostile = {
      ...offer,
      customerName: nasty,
      title: `<b>${nasty}</b>`,
      terms: 'No returns > 30 days & <i>no</i> cash</b>',
    };
    const kinds = [
      { kind: 'discount_percent' as const, en: 'Discount 15%', ru: 'Скидка 15%' },
      {
        kind: 'discount_amount' as const,
        amountOff: '5.00',
        en: 'Discount 5.00',
        ru: 'Скидка 5.00',
      },
      {
        kind: 'gift' as const,
        gift: `Mug "<3" & spoon`,
        en: `Gift: Mug "<3" & spoon`,
        ru: `Подарок: Mug "<3" & spoon`,
      },
    ];
    for (const k of kinds) {
      for (const lang of ['en', 'ru'] as const) {
        const m = offerMessage({ ...hostile, ...k }, lang);
        expect(m.parse_mode).toBe('HTML');
        const shown = renderTelegramHtml(m.text).split('\n');
        expect(shown[0]).toBe(
          `🎁 ${nasty}, ${lang === 'en' ? 'an offer for you:' : 'предложение для вас:'}`,
        );
        expect(shown[2]).toBe(`<b>${nasty}</b>`);
        expect(shown[3]?.slice(0, k[lang].length + 2)).toBe(`${k[lang]}, `);
        expect(shown[4]).toBe(hostile.terms);
        // The only markup left is the bold title.
        expect(m.text.replace('<b>', '').replace('</b>', '')).not.toMatch(/[<>]/);
      }
    }
  });

  it('is checked the way Telegram checks it (the check itself refuses broken HTML)', () => {
    for (const bad of [
      'Tom <3',
      '<b>x',
      'x</b>',
      '<p>x</p>',
      'a & b',
      '&nbsp;',
      '>_<',
      '&#99999999;',
    ]) {
      expect(() => renderTelegramHtml(bad), bad).toThrow(TelegramHtmlError);
    }
    expect(renderTelegramHtml('<b>A &amp; B</b> &lt;3 &#128512; &#x41; &quot;')).toBe(
      'A & B <3 😀 A "',
    );
  });
});

describe('Get my code', () => {
  it('gives a client their code and records the opening', async () => {
    const { bot, calls, services } = botFor({ 3: 'client' });
    await bot.handleUpdate(privateCallback({ id: 3, first_name: 'C' }, 'oc:41'));
    expect(services.asked).toContain('openOffer');
    expect(sent(calls)[0]!.text).toBe(
      'Your personal code: COMEBACK15-ABCDEF\n• 15% off — code COMEBACK15-ABCDEF, valid until Jan 31, 2030\n  One order.',
    );
  });

  it('shows nothing of an offer that is not theirs', async () => {
    const { bot, calls } = botFor({ 3: 'client' });
    await bot.handleUpdate(privateCallback({ id: 3, first_name: 'C' }, 'oc:42'));
    expect(sent(calls)).toHaveLength(0);
    const answer = calls.find((c) => c.method === 'answerCallbackQuery')!;
    expect(answer.payload).toMatchObject({
      text: 'This offer is not available to you.',
      show_alert: true,
    });
  });
});

describe('the offer sender', () => {
  const answering = (status: number, body: Record<string, unknown>) =>
    (async () =>
      new Response(JSON.stringify(body), {
        status,
        headers: { 'content-type': 'application/json' },
      })) as unknown as typeof fetch;

  it('reads Telegram’s answers as delivery outcomes', async () => {
    const send = (status: number, body: Record<string, unknown>) =>
      createOfferSender(token, { fetch: answering(status, body) }).send(1, offer, 'en');
    expect(
      await send(200, {
        ok: true,
        result: { message_id: 7, date: 0, chat: { id: 1, type: 'private' } },
      }),
    ).toEqual({ kind: 'sent', messageId: 7 });
    expect(
      await send(429, {
        ok: false,
        error_code: 429,
        description: 'Too Many Requests: retry after 5',
        parameters: { retry_after: 5 },
      }),
    ).toEqual({ kind: 'wait', seconds: 5, reason: '429 Too Many Requests: retry after 5' });
    expect(
      await send(403, {
        ok: false,
        error_code: 403,
        description: 'Forbidden: bot was blocked by the user',
      }),
    ).toEqual({ kind: 'blocked', reason: '403 Forbidden: bot was blocked by the user' });
    expect(
      await send(400, { ok: false, error_code: 400, description: 'Bad Request: chat not found' }),
    ).toEqual({ kind: 'failed', reason: '400 Bad Request: chat not found' });
    expect(
      await send(502, { ok: false, error_code: 502, description: 'Bad Gateway' }),
    ).toMatchObject({ kind: 'transient' });
    const down = (async () => {
      throw new TypeError('fetch failed');
    }) as unknown as typeof fetch;
    expect(await createOfferSender(token, { fetch: down }).send(1, offer, 'en')).toMatchObject({
      kind: 'transient',
      reason: expect.stringMatching(/^network: /),
    });
  });
});
