// A digest scheduled for a time is delivered once at that time to each subscriber, with two
// server instances ticking at the same fake instants before, at and after it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeAlertSettings } from '../src/alerts/settings.ts';
import { alertsApps } from './helpers/alerts-apps.ts';
import { people } from './helpers/fixtures.ts';

describe('digests on two server instances', () => {
  let s: Awaited<ReturnType<typeof alertsApps>>;
  const to = (who: { id: number }) => s.telegram.messages.filter((m) => m.chatId === who.id);

  beforeAll(async () => {
    s = await alertsApps(2);
    const set = (who: { id: number }, change: Parameters<typeof changeAlertSettings>[2]) =>
      changeAlertSettings(s.prisma, BigInt(who.id), change, 'UTC');
    // 2024-03-08 is a Friday. 09:00 in Berlin (CET) = 08:00 UTC; 10:00 in Moscow = 07:00 UTC.
    await set(people.admin, {
      digest: 'daily',
      digestTime: '09:00',
      timeZone: 'Europe/Berlin',
      screenshotBlock: 'kpis',
      language: 'en',
    });
    await set(people.manager, { digest: 'daily', digestTime: '08:00', language: 'ru' });
    await set(people.northManager, {
      digest: 'weekly',
      weekday: 5,
      digestTime: '10:00',
      timeZone: 'Europe/Moscow',
    });
    // Not staff: settings of a client are never acted on.
    await set(people.clientA, { digest: 'daily', digestTime: '08:00' });
  }, 120_000);
  afterAll(() => s?.close());

  it('sends nothing before the time, each digest once at its time, nothing more after', async () => {
    await s.tick('2024-03-08T06:59:30Z');
    expect(s.telegram.messages).toEqual([]);

    await s.tick('2024-03-08T07:00:00Z');
    expect(s.telegram.messages.map((m) => m.chatId)).toEqual([people.northManager.id]);
    await s.tick('2024-03-08T07:00:30Z');
    await s.tick('2024-03-08T07:59:59Z');
    expect(s.telegram.messages).toHaveLength(1);

    await s.tick('2024-03-08T08:00:00Z');
    await s.tick('2024-03-08T08:00:01Z');
    await s.tick('2024-03-08T08:45:00Z');
    await s.tick('2024-03-08T12:00:00Z');
    await s.tick('2024-03-09T07:00:00Z'); // Saturday: no weekly digest

    const weekly = to(people.northManager);
    expect(weekly).toHaveLength(1);
    expect(weekly[0]!.text).toMatch(
      /^📬 Weekly digest\nRetention · North: Mar 1\s–\s7, 2024\n\(vs Feb 23\s–\s29, 2024\)/u,
    );
    const [digest, noShot, ...more] = to(people.admin);
    expect(more).toEqual([]);
    expect(digest!.text).toMatch(/^📬 Daily digest\nRetention: Mar 7, 2024\n\(vs Mar 6, 2024\)\n/);
    expect(digest!.text).toContain('Active customers: ');
    expect(digest!.text).toContain('At-risk customers by value:\nNo churn model has run yet.');
    expect(digest!.text).toContain('Campaigns:\nnone ran in this period');
    expect(noShot!.text).toBe(
      'No screenshot: screenshots need Chromium at /nonexistent/chromium: install it (apt-get install -y chromium) or set CHROMIUM_PATH',
    );
    const ru = to(people.manager);
    expect(ru).toHaveLength(1);
    expect(ru[0]!.text).toMatch(/^📬 Ежедневная сводка\nУдержание: 7 мар\. 2024 г\.\n/u);
    expect(to(people.clientA)).toEqual([]);

    const rows = await s.prisma.notification.findMany({ orderBy: { id: 'asc' } });
    expect(rows.map((r) => [Number(r.telegramUserId), r.kind, r.key, r.status])).toEqual([
      [people.northManager.id, 'digest', '2024-03-08', 'sent'],
      [people.admin.id, 'digest', '2024-03-08', 'sent'],
      [people.manager.id, 'digest', '2024-03-08', 'sent'],
    ]);
  });

  it('sends the next day’s daily digests the next day, again once', async () => {
    await s.tick('2024-03-09T08:00:00Z');
    await s.tick('2024-03-09T08:00:00Z');
    expect(to(people.manager)).toHaveLength(2);
    expect(to(people.admin)).toHaveLength(4);
    expect(to(people.northManager)).toHaveLength(1);
  });

  it('records a refused delivery as failed and does not send it again', async () => {
    s.telegram.blocked();
    await s.tick('2024-03-15T07:00:00Z'); // the next Friday
    await s.tick('2024-03-15T07:01:00Z');
    expect(to(people.northManager)).toHaveLength(1);
    const row = await s.prisma.notification.findFirstOrThrow({
      where: { telegramUserId: BigInt(people.northManager.id), key: '2024-03-15' },
    });
    expect(row).toMatchObject({
      status: 'failed',
      error: "Call to 'sendMessage' failed! (403: Forbidden: bot was blocked by the user)",
      sentAt: null,
    });
  });
});
