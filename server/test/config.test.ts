import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';
import { longPollSeconds } from '../src/plugins/bot.ts';

const token = '7000000001:AAHtestTokenForRetentionDeskTests_0001';

describe('config', () => {
  it('has defaults that start a demo server on the embedded database', () => {
    const c = loadConfig({}, '/srv/app');
    expect(c).toMatchObject({
      host: '127.0.0.1',
      port: 3000,
      dataDir: path.resolve('/srv/app', '.data'),
      databaseUrl: undefined,
      demo: true,
      botMode: 'off',
      initDataMaxAge: 86_400,
      adminTelegramIds: [],
      demoData: 'auto',
    });
  });

  it('turns the bot on (polling) when a token is given', () => {
    const c = loadConfig({ BOT_TOKEN: token, ADMIN_TELEGRAM_IDS: '1, 22,333' });
    expect(c).toMatchObject({ demo: false, botMode: 'polling', adminTelegramIds: [1n, 22n, 333n] });
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', BOT_TOKEN: '' })).toMatchObject({
      databaseUrl: undefined,
      demo: true,
    });
  });

  it('lists every bad variable at once', () => {
    let error: ConfigError | undefined;
    try {
      loadConfig({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        BOT_TOKEN: 'nope',
        ADMIN_TELEGRAM_IDS: '12,abc,-5',
        INITDATA_MAX_AGE: '5',
        BOT_MODE: 'carrier-pigeon',
      });
    } catch (err) {
      error = err as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const vars = error!.problems.map((p) => p.split(':')[0]);
    expect(vars.sort()).toEqual(
      [
        'ADMIN_TELEGRAM_IDS',
        'BOT_MODE',
        'BOT_TOKEN',
        'DATABASE_URL',
        'INITDATA_MAX_AGE',
        'PORT',
      ].sort(),
    );
    expect(error!.message).toMatch(/not Telegram user ids: abc, -5/);
  });

  it('requires an https PUBLIC_URL and a secret for webhooks', () => {
    expect(() =>
      loadConfig({ BOT_TOKEN: token, BOT_MODE: 'webhook', PUBLIC_URL: 'http://x.test' }),
    ).toThrow(/PUBLIC_URL: an https URL is required[\s\S]*WEBHOOK_SECRET: is required/);
    const c = loadConfig({
      BOT_TOKEN: token,
      BOT_MODE: 'webhook',
      PUBLIC_URL: 'https://bot.example.com/',
      WEBHOOK_SECRET: 'a-long-enough-secret',
    });
    expect(c.publicUrl).toBe('https://bot.example.com');
  });

  it('requires a token for a running bot', () => {
    expect(() => loadConfig({ BOT_MODE: 'polling' })).toThrow(
      /BOT_TOKEN: is required when BOT_MODE=polling/,
    );
  });

  it('trusts proxies only by hop count or address, never blindly', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '127.0.0.1, 10.0.0.0/8' }).trustProxy).toBe(
      '127.0.0.1, 10.0.0.0/8',
    );
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(
      /TRUST_PROXY: must be false, a number/,
    );
  });

  it('reads managers with optional regions', () => {
    expect(loadConfig({ MANAGER_TELEGRAM_IDS: '11:North, 12' }).managerTelegramIds).toEqual([
      { telegramUserId: 11n, region: 'North' },
      { telegramUserId: 12n, region: null },
    ]);
    expect(() => loadConfig({ MANAGER_TELEGRAM_IDS: '11:, x:South' })).toThrow(/"11:", "x:South"/);
  });

  it('bounds a manager region: trimmed, 1-100 characters, no control characters', () => {
    const seats = (v: string) => loadConfig({ MANAGER_TELEGRAM_IDS: v }).managerTelegramIds;
    const long = 'R'.repeat(100);
    expect(seats(`11: North West ,12:${long},13:Zone:7`)).toEqual([
      { telegramUserId: 11n, region: 'North West' },
      { telegramUserId: 12n, region: long },
      { telegramUserId: 13n, region: 'Zone:7' },
    ]);
    for (const region of [
      'R'.repeat(101),
      '   ',
      'North\u0007',
      'No\u0000rth',
      'North\u001b[31m',
      'A\tB',
      'A\u0085B',
    ]) {
      expect(() => seats(`11:${region}`), JSON.stringify(region)).toThrow(
        /MANAGER_TELEGRAM_IDS: not "id" or "id:Region" entries \(a region is 1-100 characters, no control characters\)/,
      );
    }
  });

  it('reads loyalty tiers and support contacts, refusing tiers that do not rise from 0', () => {
    const c = loadConfig({ SUPPORT_TELEGRAM: '@help_desk', SUPPORT_PHONE: '+44 20 7946 0000' });
    expect(c.loyaltyTiers.map((t) => t.name)).toEqual(['Member', 'Silver', 'Gold', 'Platinum']);
    expect(c.support).toEqual({
      telegram: 'help_desk',
      email: null,
      phone: '+44 20 7946 0000',
      hours: null,
    });
    expect(loadConfig({ LOYALTY_TIERS: 'Basic:0, Pro:99.5' }).loyaltyTiers).toEqual([
      { name: 'Basic', from: 0 },
      { name: 'Pro', from: 99.5 },
    ]);
    for (const bad of ['Silver:500', 'A:0,B:10,C:5', 'A:0,B:x', 'A:0,:10']) {
      expect(() => loadConfig({ LOYALTY_TIERS: bad })).toThrow(
        /LOYALTY_TIERS: must be "Name:from"/,
      );
    }
    expect(() => loadConfig({ SUPPORT_EMAIL: 'nope' })).toThrow(/SUPPORT_EMAIL/);
  });

  it('refuses the example webhook secret and a production start without a bot token', () => {
    expect(() =>
      loadConfig({ BOT_TOKEN: token, WEBHOOK_SECRET: 'change-me-to-a-long-random-string' }),
    ).toThrow(/WEBHOOK_SECRET: is the example value/);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(
      /BOT_TOKEN: is required when NODE_ENV=production/,
    );
    expect(loadConfig({ NODE_ENV: 'production', BOT_TOKEN: token }).demo).toBe(false);
  });

  it('gives every allowed TELEGRAM_TIMEOUT_SECONDS a long poll of at least a second that ends before it', () => {
    for (const seconds of [5, 6, 10, 11, 25, 40, 60, 600]) {
      const timeout = loadConfig({
        TELEGRAM_TIMEOUT_SECONDS: String(seconds),
      }).telegramTimeoutSeconds;
      const poll = longPollSeconds(timeout);
      expect(poll, String(seconds)).toBeGreaterThanOrEqual(1);
      expect(poll, String(seconds)).toBeLessThan(timeout);
      expect(poll, String(seconds)).toBeLessThanOrEqual(30);
    }
    expect(longPollSeconds(60)).toBe(30);
    expect(longPollSeconds(25)).toBe(15);
  });
});
