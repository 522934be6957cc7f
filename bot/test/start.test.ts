import { describe, expect, it } from 'vitest';
import type { BotRole } from '../src/index.ts';
import { privateContact, privateText } from '../src/testing/recorder.ts';
import { botFor, sent } from './helpers.ts';

describe('/start', () => {
  it('greets a manager by role, opens the Mini App from a button and the menu, and lists their commands', async () => {
    const { bot, calls } = botFor({ 7: 'manager' }, 'https://app.example.com');
    await bot.handleUpdate(privateText({ id: 7, first_name: 'Max' }, '/start'));
    const commands = calls.find((c) => c.method === 'setMyCommands')!.payload;
    expect(commands.scope).toEqual({ type: 'chat', chat_id: 7 });
    expect((commands.commands as { command: string }[]).map((c) => c.command)).toEqual([
      'start',
      'analytics',
      'customer',
      'find',
      'recommendations',
      'products',
      'alerts',
      'help',
      'cancel',
    ]);
    expect(calls.find((c) => c.method === 'setChatMenuButton')!.payload).toEqual({
      chat_id: 7,
      menu_button: {
        type: 'web_app',
        text: 'Open the app',
        web_app: { url: 'https://app.example.com/' },
      },
    });
    const [reply] = sent(calls);
    expect(reply!.text).toMatch(/^Hello, Max! You are a manager/);
    expect(reply!.reply_markup).toEqual({
      inline_keyboard: [[{ text: 'Open the app', web_app: { url: 'https://app.example.com/' } }]],
    });
  });

  it('asks unknown users for their phone number with Telegram’s contact button', async () => {
    const { bot, calls } = botFor({}, 'https://app.example.com');
    await bot.handleUpdate(privateText({ id: 8, first_name: 'Uma' }, '/start'));
    const [reply] = sent(calls);
    expect(reply!.text).toMatch(/share your phone number/);
    expect(reply!.reply_markup).toMatchObject({
      keyboard: [[{ text: 'Share my phone number', request_contact: true }]],
      one_time_keyboard: true,
    });
    expect(calls.some((c) => c.method === 'setChatMenuButton')).toBe(false);
  });

  it('offers no app button without an https Mini App URL (Telegram requires https)', async () => {
    const { bot, calls } = botFor({ 9: 'admin' }, 'http://127.0.0.1:3000');
    await bot.handleUpdate(privateText({ id: 9, first_name: 'Ada' }, '/start'));
    const [reply] = sent(calls);
    expect(reply!.text).toMatch(/You are an admin/);
    expect(reply!.reply_markup).toBeUndefined();
  });

  it('speaks Russian to a user whose Telegram is in Russian', async () => {
    const { bot, calls } = botFor({ 7: 'client' });
    await bot.handleUpdate(
      privateText({ id: 7, first_name: 'Кира', language_code: 'ru' } as never, '/start'),
    );
    expect(sent(calls)[0]!.text).toMatch(/^Здравствуйте, Кира! Ваши заказы/);
  });
});

describe('linking by phone', () => {
  it('links an unknown user who shares their own number, and makes them a client', async () => {
    const roles: Record<number, BotRole> = {};
    const { bot, calls, services } = botFor(roles);
    await bot.handleUpdate(privateContact({ id: 3, first_name: 'Cy' }, '+1 555 000 0003'));
    expect(services.asked).toEqual(['linkByPhone']);
    expect(sent(calls)[0]!.text).toBe(
      'Thank you! Your account is linked to your customer record (Customer 3).',
    );
    expect(roles[3]).toBe('client');
  });

  it('refuses someone else’s contact and explains an unknown number', async () => {
    const { bot, calls, services } = botFor({});
    await bot.handleUpdate(privateContact({ id: 3, first_name: 'Cy' }, '+15550000003', 99));
    expect(sent(calls)[0]!.text).toMatch(/share your own number/);
    await bot.handleUpdate(privateContact({ id: 3, first_name: 'Cy' }, '+15559999999'));
    expect(sent(calls)[1]!.text).toMatch(/could not find a customer/);
    expect(services.asked).toEqual(['linkByPhone']);
  });
});

describe('/help and /cancel', () => {
  it('lists only the commands of the user’s role', async () => {
    const { bot, calls } = botFor({ 5: 'client' });
    await bot.handleUpdate(privateText({ id: 5, first_name: 'C' }, '/help'));
    const text = String(sent(calls)[0]!.text);
    expect(text).toContain('/offers');
    expect(text).not.toContain('/analytics');
  });

  it('says when there is nothing to cancel', async () => {
    const { bot, calls } = botFor({ 5: 'admin' });
    await bot.handleUpdate(privateText({ id: 5, first_name: 'A' }, '/cancel'));
    expect(sent(calls)[0]!.text).toBe('Nothing to cancel.');
  });
});
