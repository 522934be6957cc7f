// Only the delivered offer is an HTML message (bot/test/offers.test.ts). Everything else the
// bot sends is plain text, where Telegram shows `<` and `&` as they are: names, titles and
// terms must arrive as typed, neither escaped (the user would see "&lt;") nor sent as HTML.
import { describe, expect, it } from 'vitest';
import { createBot } from '../src/index.ts';
import { fakeServices } from '../src/testing/fake-services.ts';
import {
  privateCallback,
  privateText,
  recordingFetch,
  testBotInfo,
} from '../src/testing/recorder.ts';
import { token } from './helpers.ts';

const nasty = 'Tom <3 & "Jerry" >_<';

function botWithNames() {
  const services = fakeServices({ 1: 'admin', 3: 'client' });
  const card = async (user: Parameters<typeof services.customerCard>[0], id: number) => {
    const c = await services.customerCard(user, id);
    return c && { ...c, name: nasty, tags: ['<vip>'], region: 'North & <South>' };
  };
  const offer = {
    code: 'BACK-<&>',
    title: `15% <off> & more`,
    description: null,
    status: 'active' as const,
    validTo: new Date('2030-01-31T00:00:00Z'),
    terms: 'No returns > 30 days',
  };
  const recorder = recordingFetch();
  const bot = createBot(
    token,
    {
      ...services,
      customerCard: card,
      // Whatever is asked, customer 2, renamed.
      findCustomers: async (user, _query, page) => {
        const found = await services.findCustomers(user, 'Customer 2', page);
        return { ...found, items: found.items.map((c) => ({ ...c, name: nasty })) };
      },
      customerOffers: async () => [offer],
      openOffer: async () => offer,
    },
    { botInfo: testBotInfo, fetch: recorder.fetch },
  );
  return { bot, calls: recorder.calls };
}

describe('plain-text messages', () => {
  it('show names, titles, codes and terms as typed, with no parse_mode', async () => {
    const { bot, calls } = botWithNames();
    const admin = { id: 1, first_name: 'Ada' };
    const client = { id: 3, first_name: 'Cleo' };
    await bot.handleUpdate(privateText(admin, '/customer 1'));
    await bot.handleUpdate(privateText(admin, '/users Tom'));
    await bot.handleUpdate(privateCallback(admin, 'ao:1'));
    await bot.handleUpdate(privateText(client, '/offers'));
    await bot.handleUpdate(privateCallback(client, 'oc:41'));

    const messages = calls.filter((c) => /^(send|edit)Message/.test(c.method));
    expect(messages.map((m) => m.method)).toEqual(Array(5).fill('sendMessage'));
    for (const m of messages) expect(m.payload.parse_mode, String(m.payload.text)).toBeUndefined();
    const [card, list, , offers, code] = messages.map((m) => String(m.payload.text));
    expect(card).toContain(`#1 ${nasty}\nNorth & <South> · `);
    expect(card).toContain('Tags: <vip>');
    expect(list).toBe('Found: 1 (“Tom”), 1/1');
    const buttons = (messages[1]!.payload.reply_markup as { inline_keyboard: { text: string }[][] })
      .inline_keyboard;
    expect(buttons[0]![0]!.text).toContain(`#2 ${nasty}`);
    expect(offers).toContain('• 15% <off> & more — code BACK-<&>, valid until');
    expect(offers).toContain('\n  No returns > 30 days');
    expect(code).toContain('Your personal code: BACK-<&>');
    for (const text of [card, offers, code]) expect(text).not.toMatch(/&(lt|gt|amp);/);
  });
});
