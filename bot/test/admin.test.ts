// Admin flows in chat: offers (pick, confirm), tags and notes (conversations: invalid input
// re-asked, /cancel, timeout), staff roles (confirm). Other roles get nothing, also when they
// press an admin's buttons or the admin lost the role mid-way.
import { describe, expect, it } from 'vitest';
import { telegramIdOf } from '../src/features/admin.ts';
import { createBot } from '../src/index.ts';
import { fakeServices } from '../src/testing/fake-services.ts';
import {
  privateCallback,
  privateText,
  recordingFetch,
  testBotInfo,
} from '../src/testing/recorder.ts';
import { botFor, sent, token } from './helpers.ts';

const admin = { id: 1, first_name: 'Ada' };
const manager = { id: 2, first_name: 'Max' };
const edited = (calls: { method: string; payload: Record<string, unknown> }[]) =>
  calls.filter((c) => c.method === 'editMessageText').map((c) => c.payload);

describe('admin actions', () => {
  it('puts the actions under the card for admins only', async () => {
    const { bot, calls } = botFor({ 1: 'admin', 2: 'manager' });
    await bot.handleUpdate(privateText(admin, '/customer 3'));
    await bot.handleUpdate(privateText(manager, '/customer 3'));
    const [forAdmin, forManager] = sent(calls);
    expect(forAdmin!.reply_markup).toEqual({
      inline_keyboard: [
        [{ text: 'Assign offer', callback_data: 'ao:3' }],
        [
          { text: 'Add tag', callback_data: 'at:3' },
          { text: 'Add note', callback_data: 'an:3' },
        ],
      ],
    });
    expect(forManager!.reply_markup).toBeUndefined();
  });

  it('assigns an offer after picking and confirming it', async () => {
    const { bot, calls, services } = botFor({ 1: 'admin' });
    await bot.handleUpdate(privateCallback(admin, 'ao:3'));
    expect(sent(calls)[0]).toMatchObject({
      text: 'Choose an offer for #3:',
      reply_markup: {
        inline_keyboard: [[{ text: '10% off (WELCOME10)', callback_data: 'ao:3:7' }]],
      },
    });
    await bot.handleUpdate(privateCallback(admin, 'ao:3:7'));
    expect(edited(calls)[0]).toMatchObject({
      text: 'Assign “10% off” (WELCOME10) to #3?',
      reply_markup: {
        inline_keyboard: [
          [
            { text: 'Confirm', callback_data: 'aoy:3:7' },
            { text: 'Cancel', callback_data: 'x' },
          ],
        ],
      },
    });
    expect(services.changes).toEqual([]);
    await bot.handleUpdate(privateCallback(admin, 'aoy:3:7'));
    expect(edited(calls)[1]!.text).toBe('Assigned. Personal code: WELCOME10-ABCDEF');
    expect(services.changes).toEqual([['assignOffer', 3, 7]]);
    await bot.handleUpdate(privateCallback(admin, 'aoy:99:7'));
    expect(edited(calls)[2]!.text).toBe('Not done: customer 99 not found');
  });

  it('gives the server’s refusal in the admin’s language', async () => {
    const { bot, calls } = botFor({ 1: 'admin' });
    await bot.handleUpdate(privateCallback({ ...admin, language_code: 'ru' }, 'aoy:99:7'));
    expect(edited(calls)[0]!.text).toBe('Не сделано: клиент 99 не найден');
  });

  it('refuses a manager pressing an admin’s (forwarded) confirm button', async () => {
    const { bot, calls, services } = botFor({ 1: 'admin', 2: 'manager' });
    await bot.handleUpdate(privateCallback(manager, 'aoy:3:7'));
    expect(calls.map((c) => c.method)).toEqual(['answerCallbackQuery']);
    expect(services.asked).toEqual([]);
  });

  it('adds a tag in a conversation, re-asking after invalid input', async () => {
    const { bot, calls, services } = botFor({ 1: 'admin' });
    await bot.handleUpdate(privateCallback(admin, 'at:3'));
    expect(sent(calls)[0]!.text).toBe(
      'Send the tag to add (letters, digits, spaces, _ or -), or /cancel. (#3)',
    );
    await bot.handleUpdate(privateText(admin, '<b>'));
    expect(sent(calls)[1]!.text).toBe(
      'Not done: a tag must be letters, digits, spaces, _ or -. Send another, or /cancel.',
    );
    await bot.handleUpdate(privateText(admin, 'wholesale'));
    expect(sent(calls)[2]!.text).toBe('Tag added to #3.');
    expect(services.changes).toEqual([['addTag', 3, 'wholesale']]);
    // The conversation is over: the next text is not taken as a tag.
    await bot.handleUpdate(privateText(admin, 'another'));
    expect(services.changes).toHaveLength(1);
  });

  it('stops a note conversation on /cancel', async () => {
    const { bot, calls, services } = botFor({ 1: 'admin' });
    await bot.handleUpdate(privateCallback(admin, 'an:3'));
    await bot.handleUpdate(privateText(admin, '/cancel'));
    expect(sent(calls)[1]!.text).toBe('Cancelled.');
    await bot.handleUpdate(privateText(admin, 'Called the customer'));
    expect(services.changes).toEqual([]);
  });

  it('checks the role again before saving: an admin demoted mid-conversation saves nothing', async () => {
    const roles = { 1: 'admin' } as Record<number, 'admin' | 'manager'>;
    const { bot, calls, services } = botFor(roles);
    await bot.handleUpdate(privateCallback(admin, 'an:3'));
    roles[1] = 'manager';
    await bot.handleUpdate(privateText(admin, 'Called the customer'));
    expect(sent(calls)[1]!.text).toBe('This command is not available to you.');
    expect(services.changes).toEqual([]);
  });

  it('ends an abandoned conversation after its wait time', async () => {
    const services = fakeServices({ 1: 'admin' });
    const bot = createBot(token, services, {
      botInfo: testBotInfo,
      fetch: recordingFetch().fetch,
      conversationWaitMs: 50,
    });
    await bot.handleUpdate(privateCallback(admin, 'an:3'));
    await new Promise((r) => setTimeout(r, 120));
    await bot.handleUpdate(privateText(admin, 'too late'));
    expect(services.changes).toEqual([]);
  });

  it('grants and revokes staff roles after confirmation, and explains bad input', async () => {
    const roles: Record<number, 'admin' | 'manager' | 'client'> = { 1: 'admin' };
    const { bot, calls, services } = botFor(roles);
    await bot.handleUpdate(privateText(admin, '/grant 555 manager North'));
    expect(sent(calls)[0]).toMatchObject({
      text: 'Make user 555 a manager (North)?',
      reply_markup: {
        inline_keyboard: [
          [
            { text: 'Confirm', callback_data: 'gr:555:manager:North' },
            { text: 'Cancel', callback_data: 'x' },
          ],
        ],
      },
    });
    await bot.handleUpdate(privateCallback(admin, 'gr:555:manager:North'));
    expect(edited(calls)[0]!.text).toBe('Done.');
    expect(roles[555]).toBe('manager');
    await bot.handleUpdate(privateText(admin, '/revoke 555'));
    await bot.handleUpdate(privateCallback(admin, 'x'));
    expect(edited(calls)[1]!.text).toBe('Cancelled.');
    await bot.handleUpdate(privateCallback(admin, 'rv:555'));
    expect(roles[555]).toBeUndefined();
    expect(services.changes).toEqual([
      ['grantRole', 555, 'manager', 'North'],
      ['revokeRole', 555],
    ]);
    for (const bad of ['/grant', '/grant x admin', '/grant 5 owner', '/grant 5 admin North']) {
      await bot.handleUpdate(privateText(admin, bad));
    }
    expect(
      sent(calls)
        .slice(-4)
        .map((m) => m.text),
    ).toEqual(
      Array(4).fill('Send /grant <Telegram user id> admin, or /grant <id> manager [Region].'),
    );
  });

  it('reads Telegram ids exactly: beyond 2^53 − 1 is refused with the reason, never rounded', async () => {
    expect(telegramIdOf('9007199254740991')).toBe(Number.MAX_SAFE_INTEGER);
    expect(telegramIdOf('7000000001')).toBe(7000000001);
    for (const big of ['9007199254740992', '9999999999999999', '123456789012345678901234']) {
      expect(telegramIdOf(big), big).toBe('too-large');
    }
    for (const bad of ['', '0', '007', '-5', '5.0', '1e3', '0x10', ' 5', '５']) {
      expect(telegramIdOf(bad), bad).toBe('not-digits');
    }

    const roles: Record<number, 'admin' | 'manager' | 'client'> = { 1: 'admin' };
    const { bot, calls, services } = botFor(roles);
    const refusal = 'Not done: not a Telegram user id (a whole number from 1 to 9007199254740991)';
    await bot.handleUpdate(privateText(admin, '/grant 9999999999999999 admin'));
    await bot.handleUpdate(privateText(admin, '/grant 9007199254740992 manager North'));
    await bot.handleUpdate(privateText(admin, '/revoke 9999999999999999'));
    expect(sent(calls).map((m) => [m.text, m.reply_markup])).toEqual([
      [`${refusal}: 9999999999999999`, undefined],
      [`${refusal}: 9007199254740992`, undefined],
      [`${refusal}: 9999999999999999`, undefined],
    ]);
    // Buttons made before ids were checked are refused the same way.
    await bot.handleUpdate(privateCallback(admin, 'gr:9999999999999999:admin:'));
    await bot.handleUpdate(privateCallback(admin, 'rv:9999999999999999'));
    expect(edited(calls).map((m) => m.text)).toEqual([
      `${refusal}: 9999999999999999`,
      `${refusal}: 9999999999999999`,
    ]);
    expect(services.changes).toEqual([]);

    // The largest id goes through unchanged, from the command to the service.
    await bot.handleUpdate(privateText(admin, '/grant 9007199254740991 manager'));
    expect(sent(calls).at(-1)).toMatchObject({
      text: 'Make user 9007199254740991 a manager (every region)?',
      reply_markup: { inline_keyboard: [[{ callback_data: 'gr:9007199254740991:manager:' }, {}]] },
    });
    await bot.handleUpdate(privateCallback(admin, 'gr:9007199254740991:manager:'));
    expect(services.changes).toEqual([['grantRole', 9007199254740991, 'manager', null]]);
  });
});
