// What one update costs: the sender is identified once (the middleware), every service
// called takes that identity from the context, and /customer builds the card it shows once.
// Conversations see no outer middleware and check the role again before a change.
import { describe, expect, it } from 'vitest';
import { privateCallback, privateText } from '../src/testing/recorder.ts';
import { botFor, sent } from './helpers.ts';

const admin = { id: 1, first_name: 'Ada' };
const client = { id: 3, first_name: 'Cy' };

describe('one update', () => {
  const cases = [
    ['/customer 1', admin, '#1 Customer 1\n', 1],
    ['/customer 999', admin, 'No customer matches “999”.', 1],
    ['/customer Customer 2', admin, '#2 Customer 2\n', 1],
    ['/customer customer', admin, 'Found: 7 (“customer”), 1/2', 0],
    ['c:2', admin, '#2 Customer 2\n', 1],
    ['/stats', client, 'Your purchases: 3 orders', 1],
    ['/analytics', admin, 'Retention: ', 0],
  ] as const;
  for (const [input, who, answer, cards] of cases) {
    it(`${input}: the sender identified once, ${cards} card built`, async () => {
      const { bot, calls, services, errors } = botFor({ 1: 'admin', 3: 'client' });
      const update = input.startsWith('/') ? privateText(who, input) : privateCallback(who, input);
      await bot.handleUpdate(update);
      expect(errors).toEqual([]);
      expect(String(sent(calls)[0]!.text)).toContain(answer);
      expect(services.identified).toEqual([who.id]);
      expect(services.asked.filter((s) => s === 'customerCard')).toHaveLength(cards);
    });
  }

  it('/customer by phone or name searches once', async () => {
    const { bot, services } = botFor({ 1: 'admin' });
    await bot.handleUpdate(privateText(admin, '/customer customer'));
    expect(services.asked).toEqual(['findCustomers']);
  });

  it('an answer in a conversation is checked again before the change', async () => {
    const { bot, services } = botFor({ 1: 'admin' });
    await bot.handleUpdate(privateCallback(admin, 'at:3'));
    expect(services.identified).toEqual([admin.id]);
    await bot.handleUpdate(privateText(admin, 'vip'));
    // The middleware's, and the conversation's own before it adds the tag.
    expect(services.identified).toEqual([admin.id, admin.id, admin.id]);
    expect(services.changes).toEqual([['addTag', 3, 'vip']]);
  });
});
