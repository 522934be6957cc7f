// /alerts: the settings menu, buttons changing settings, typed values in conversations (bad
// input re-asked with the reason, /cancel, the role checked again), and the test digest.
import { describe, expect, it } from 'vitest';
import { privateCallback, privateText } from '../src/testing/recorder.ts';
import { botFor, sent } from './helpers.ts';

const manager = { id: 2, first_name: 'Max' };
const edited = (calls: { method: string; payload: Record<string, unknown> }[]) =>
  calls.filter((c) => c.method === 'editMessageText').map((c) => c.payload);
const buttons = (payload: Record<string, unknown> | undefined) =>
  (payload!.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] })
    .inline_keyboard;

describe('/alerts', () => {
  it('shows the current settings with a button for each', async () => {
    const { bot, calls } = botFor({ 2: 'manager' });
    await bot.handleUpdate(privateText(manager, '/alerts'));
    const [menu] = sent(calls);
    expect(menu!.text).toBe(
      [
        '🔔 Digests and alerts',
        '',
        'Digest: off',
        'Screenshot: none',
        'Quiet hours: none',
        'Churn rate above: off',
        'High-value customer at risk: off',
        'Import and ingestion failures: off',
      ].join('\n'),
    );
    expect(buttons(menu).map((row) => row.map((b) => b.callback_data))).toEqual([
      ['al:d:off', 'al:d:daily', 'al:d:weekly'],
      ['al:t', 'al:w', 'al:b'],
      ['al:q', 'al:cr'],
      ['al:hv', 'al:f:1'],
      ['al:x'],
    ]);
    expect(buttons(menu)[0]![0]!.text).toBe('• Off');
  });

  it('changes the digest, its time, weekday and block with buttons', async () => {
    const { bot, calls, services } = botFor({ 2: 'manager' });
    await bot.handleUpdate(privateCallback(manager, 'al:d:weekly'));
    await bot.handleUpdate(privateCallback(manager, 'al:t'));
    expect(edited(calls)[1]!.text).toBe('Digest time:');
    expect(buttons(edited(calls)[1])[0]!.map((b) => b.callback_data)).toEqual([
      'al:t:07:00',
      'al:t:08:00',
      'al:t:09:00',
      'al:t:10:00',
    ]);
    await bot.handleUpdate(privateCallback(manager, 'al:t:08:00'));
    await bot.handleUpdate(privateCallback(manager, 'al:w:5'));
    await bot.handleUpdate(privateCallback(manager, 'al:b:cohorts'));
    await bot.handleUpdate(privateCallback(manager, 'al:q:22:00-07:00'));
    await bot.handleUpdate(privateCallback(manager, 'al:f:1'));
    expect(services.changes).toEqual([
      ['updateAlertSettings', { digest: 'weekly' }],
      ['updateAlertSettings', { digestTime: '08:00' }],
      ['updateAlertSettings', { weekday: 5 }],
      ['updateAlertSettings', { screenshotBlock: 'cohorts' }],
      ['updateAlertSettings', { quietStart: '22:00', quietEnd: '07:00' }],
      ['updateAlertSettings', { failureAlerts: true }],
    ]);
    const menu = String(edited(calls).at(-1)!.text);
    expect(menu).toContain('Digest: weekly · Fri · 08:00 (UTC)');
    expect(menu).toContain('Screenshot: Cohorts');
    expect(menu).toContain('Quiet hours: 22:00–07:00');
    expect(menu).toContain('Import and ingestion failures: on');
  });

  it('asks for a typed time, re-asking with the reason after bad input', async () => {
    const { bot, calls, services } = botFor({ 2: 'manager' });
    await bot.handleUpdate(privateCallback(manager, 'al:tt'));
    expect(sent(calls)[0]!.text).toBe('Send the digest time as HH:MM, e.g. 08:30, or /cancel.');
    await bot.handleUpdate(privateText(manager, '25:00'));
    expect(sent(calls)[1]!.text).toBe(
      'Not done: that is not a time like 08:30. Send the digest time as HH:MM, e.g. 08:30, or /cancel.',
    );
    await bot.handleUpdate(privateText(manager, '7:45'));
    expect(services.changes).toEqual([['updateAlertSettings', { digestTime: '07:45' }]]);
    expect(String(sent(calls)[2]!.text)).toMatch(/^Saved\.\n\n🔔 Digests and alerts/);
  });

  it('takes thresholds in conversations; the server’s refusal is re-asked too', async () => {
    const { bot, calls, services } = botFor({ 2: 'manager' });
    await bot.handleUpdate(privateCallback(manager, 'al:cr'));
    await bot.handleUpdate(privateText(manager, '150'));
    expect(sent(calls)[1]!.text).toMatch(
      /^Not done: it must be above 0 and below 100\. Send the churn rate/,
    );
    await bot.handleUpdate(privateText(manager, '7,5 %'));
    await bot.handleUpdate(privateCallback(manager, 'al:hv'));
    await bot.handleUpdate(privateText(manager, '70'));
    expect(sent(calls).at(-1)!.text).toMatch(/^Now the CLV or value at risk/);
    await bot.handleUpdate(privateText(manager, '2500'));
    await bot.handleUpdate(privateCallback(manager, 'al:qt'));
    await bot.handleUpdate(privateText(manager, '23:30 - 6:00'));
    expect(services.changes).toEqual([
      ['updateAlertSettings', { churnRateAbove: 7.5 }],
      ['updateAlertSettings', { churnProbabilityAtLeast: 70, highValueFrom: 2500 }],
      ['updateAlertSettings', { quietStart: '23:30', quietEnd: '06:00' }],
    ]);
    const menu = String(sent(calls).at(-1)!.text);
    expect(menu).toContain('Churn rate above: 7.5%');
    expect(menu).toContain(
      'High-value customer at risk: churn probability from 70%, CLV or value at risk from 2500',
    );
  });

  it('stops on /cancel and saves nothing when the role is lost mid-way', async () => {
    const roles: Record<number, 'manager' | 'client'> = { 2: 'manager' };
    const { bot, calls, services } = botFor(roles);
    await bot.handleUpdate(privateCallback(manager, 'al:cr'));
    await bot.handleUpdate(privateText(manager, '/cancel'));
    expect(sent(calls)[1]!.text).toBe('Cancelled.');
    await bot.handleUpdate(privateText(manager, '5'));
    await bot.handleUpdate(privateCallback(manager, 'al:cr'));
    roles[2] = 'client';
    await bot.handleUpdate(privateText(manager, '5'));
    expect(sent(calls).at(-1)!.text).toBe('This command is not available to you.');
    expect(services.changes).toEqual([]);
  });

  it('sends a test digest now, saying why there is no screenshot', async () => {
    const { bot, calls } = botFor({ 1: 'admin' });
    await bot.handleUpdate(privateCallback({ id: 1, first_name: 'A' }, 'al:x'));
    expect(sent(calls).map((m) => m.text)).toEqual([
      '📬 Test digest\nRetention: 2026-11-14 – 2026-11-20',
      'No screenshot: Chromium is missing',
    ]);
  });

  it('speaks Russian to a Russian-speaking manager', async () => {
    const { bot, calls } = botFor({ 2: 'manager' });
    const update = privateText(manager, '/alerts');
    update.message!.from!.language_code = 'ru';
    await bot.handleUpdate(update);
    expect(String(sent(calls)[0]!.text)).toMatch(/^🔔 Сводки и оповещения\n\nСводка: выключена/);
  });
});
