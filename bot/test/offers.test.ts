// A campaign's offer in the client's chat: the message the delivery sends, the "Get my code"
// button (the opening is recorded by the server; someone else's offer gives nothing), and
// how the sender reads Telegram's answers for the delivery queue.
import { describe, expect, it } from 'vitest';
import { createOfferSender, offerMessage } from '../src/index.ts';
import { privateCallback } from '../src/testing/recorder.ts';
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
