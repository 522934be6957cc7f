import { decodeStartParam } from '@retention/contracts';
import type { Update } from 'grammy/types';
import { describe, expect, it } from 'vitest';
import { startParam } from '../src/links.ts';
import { privateText } from '../src/testing/recorder.ts';
import { botFor, sent } from './helpers.ts';

describe('links into the Mini App', () => {
  it('writes startapp parameters the Mini App reads back', () => {
    const d = startParam({ screen: 'dashboard', from: '2026-10-23', to: '2026-11-21' });
    expect(d).toMatch(/^d[A-Za-z0-9_-]+$/);
    expect(decodeStartParam(d)).toEqual({
      screen: 'dashboard',
      filters: { granularity: 'month', from: '2026-10-23', to: '2026-11-21' },
    });
    expect(decodeStartParam(startParam({ screen: 'customer', id: 42 }))).toEqual({
      screen: 'customer',
      id: 42,
    });
  });

  it('opens the card with a web_app button in a private chat', async () => {
    const { bot, calls } = botFor({ 2: 'manager' }, 'https://app.example.com');
    await bot.handleUpdate(privateText({ id: 2, first_name: 'M' }, '/customer 3'));
    expect(sent(calls)[0]!.reply_markup).toEqual({
      inline_keyboard: [
        [{ text: 'Open the card', web_app: { url: 'https://app.example.com/customers/3' } }],
      ],
    });
  });

  it('uses a t.me startapp link in a group, where web_app buttons are not allowed', async () => {
    const { bot, calls } = botFor({ 2: 'manager' }, 'https://app.example.com');
    const inGroup = privateText({ id: 2, first_name: 'M' }, '/analytics') as Update;
    inGroup.message!.chat = { id: -100, type: 'group', title: 'Team' };
    await bot.handleUpdate(inGroup);
    const rows = (sent(calls)[0]!.reply_markup as { inline_keyboard: { url?: string }[][] })
      .inline_keyboard;
    const param = startParam({ screen: 'dashboard', from: '2026-10-23', to: '2026-11-21' });
    expect(rows.at(-1)).toEqual([
      { text: 'Open the dashboard', url: `https://t.me/retention_desk_bot?startapp=${param}` },
    ]);
  });
});
