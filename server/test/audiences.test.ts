// Saved audiences: a list saved live follows the data, a snapshot keeps its customers; either
// filters the dashboard and aims a campaign; they are scoped like customers and audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from './helpers/build-app.ts';
import { demoTestApp } from './helpers/demo-app.ts';
import { people, tma } from './helpers/fixtures.ts';

type Who = { id: number; first_name: string };
type Audience = { id: number; name: string; mode: string; size: number; scope: string | null };

describe('saved audiences', () => {
  let t: TestApp;
  const call = (method: 'GET' | 'POST' | 'DELETE', url: string, who: Who, payload?: object) =>
    t.app.inject({ method, url: `/api/v1/${url}`, headers: tma(who), ...(payload && { payload }) });
  const ok = async <T>(
    method: 'GET' | 'POST',
    url: string,
    who: Who = people.admin,
    body?: object,
  ) => {
    const res = await call(method, url, who, body);
    expect(res.statusCode, `${url}: ${res.body}`).toBe(method === 'POST' ? 201 : 200);
    return res.json() as T;
  };
  const save = (name: string, list: object, mode = 'live', who: Who = people.admin) =>
    ok<Audience>('POST', 'audiences', who, { name, mode, list });
  const total = async (query: string, who: Who = people.admin) =>
    (await ok<{ total: number }>('GET', `analytics/customers?${query}`, who)).total;
  const kpi = async (query: string, name: string, who: Who = people.admin) =>
    (
      await ok<{ kpis: Record<string, { value: number }> }>(
        'GET',
        `analytics/dashboard?${query}`,
        who,
      )
    ).kpis[name]?.value;

  beforeAll(async () => {
    t = await demoTestApp(300, {
      MANAGER_TELEGRAM_IDS: `${people.northManager.id}:North,${people.manager.id}`,
    });
  });
  afterAll(() => t?.close());

  it('saves a list with its customers, filters the dashboard by it and lists its members', async () => {
    const expected = await total('kpi=activeAtEnd');
    expect(expected).toBeGreaterThan(10);
    const active = await save('Active now', { kpi: 'activeAtEnd' });
    expect(active).toMatchObject({ name: 'Active now', mode: 'live', size: expected, scope: null });
    // Its members as a list, and the dashboard over them: all of them are active at the end.
    expect(await total(`kpi=selected&audience=${active.id}`)).toBe(expected);
    expect(await kpi(`audience=${active.id}`, 'activeAtEnd')).toBe(expected);
    expect(await kpi(`audience=${active.id}`, 'newCustomers')).toBeLessThanOrEqual(expected);
    const churned = await total('kpi=churnedCustomers&from=2020-01-01');
    const lost = await save('Churned since 2020', { kpi: 'churnedCustomers', from: '2020-01-01' });
    expect(lost.size).toBe(churned);
    // The report says what it was filtered by.
    const report = await ok<{ definition: { filters: { audience: string | null } } }>(
      'GET',
      `analytics/dashboard?audience=${lost.id}`,
    );
    expect(report.definition.filters.audience).toBe('Churned since 2020');
    const audit = await t.app.prisma.auditLog.findMany({
      where: { targetType: 'audience', targetId: String(lost.id) },
    });
    expect(audit.map((a) => a.action)).toEqual(['audience.create']);
    expect(audit[0]?.actorTelegramId).toBe(BigInt(people.admin.id));
  });

  it('follows the data when live and keeps its customers when a snapshot', async () => {
    const options = await ok<{ channels: string[] }>('GET', 'analytics/options');
    const channel = options.channels[0] as string;
    const list = { kpi: 'selected', channel };
    const live = await save('By channel (live)', list);
    const frozen = await save('By channel (snapshot)', list, 'snapshot');
    expect(frozen.size).toBe(live.size);
    const outsider = await t.app.prisma.customer.findFirst({
      where: { NOT: { acquisitionChannel: channel } },
      select: { id: true },
    });
    await t.app.prisma.customer.update({
      where: { id: outsider?.id ?? 0 },
      data: { acquisitionChannel: channel },
    });
    await t.app.analytics.refresher.refresh();
    // Read as a filter, the live one is evaluated again (once, by 20 readers at once); the
    // snapshot is not.
    const readers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => total(`kpi=selected&audience=${live.id}&page=${i + 1}`)),
    );
    expect(new Set(readers)).toEqual(new Set([live.size + 1]));
    expect(await total(`kpi=selected&audience=${live.id}`)).toBe(live.size + 1);
    expect(await total(`kpi=selected&audience=${frozen.id}`)).toBe(frozen.size);
    const now = await ok<Audience>('GET', `audiences/${live.id}`);
    expect(now.size).toBe(live.size + 1);
    // A snapshot records the range it was resolved to.
    const shown = await ok<{ list: Record<string, string> }>('GET', `audiences/${frozen.id}`);
    expect(shown.list.from).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('aims a campaign at an audience: the target is its members', async () => {
    const audience = await save('Champions', { kpi: 'rfmSegment', name: 'champions' });
    expect(audience.size).toBeGreaterThan(0);
    const preview = await call('POST', 'campaigns/preview', people.admin, {
      target: { audience: audience.id },
      controlShare: 0.2,
    });
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json().size).toBe(audience.size);
    const launched = await call('POST', 'campaigns', people.admin, {
      name: 'Thank the champions',
      offer: { code: 'CHAMP10', title: '10% off', kind: 'discount_percent', percentOff: 10 },
      target: { audience: audience.id },
      controlShare: 0.2,
      startAt: new Date(Date.now() - 60_000).toISOString(),
      endAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      seed: 3,
    });
    expect(launched.statusCode, launched.body).toBe(201);
    const members = await t.app.prisma.campaignMember.findMany({
      where: { campaignId: launched.json().id },
      select: { customerId: true },
    });
    const saved = await t.app.prisma.audienceMember.findMany({
      where: { audienceId: audience.id },
      select: { customerId: true },
    });
    expect(members.map((m) => m.customerId).sort()).toEqual(saved.map((m) => m.customerId).sort());
  });

  it('is scoped like customers: a regional manager saves and sees their region only', async () => {
    const north = await save('North active', { kpi: 'activeAtEnd' }, 'live', people.northManager);
    expect(north.scope).toBe('North');
    expect(north.size).toBe(await total('kpi=activeAtEnd&region=North'));
    const members = await t.app.prisma.customer.findMany({
      where: { audiences: { some: { audienceId: north.id } } },
      select: { region: true },
    });
    expect(new Set(members.map((m) => m.region))).toEqual(new Set(['North']));
    // The admin sees it; the North manager does not see the admin's, as a filter either.
    const admins = await ok<{ items: Audience[] }>('GET', 'audiences');
    expect(admins.items.map((a) => a.id)).toContain(north.id);
    const theirs = await ok<{ items: Audience[] }>('GET', 'audiences', people.northManager);
    expect(theirs.items.map((a) => a.id)).toEqual([north.id]);
    const adminOwn = admins.items.find((a) => a.scope === null) as Audience;
    for (const url of [`audiences/${adminOwn.id}`, `analytics/dashboard?audience=${adminOwn.id}`]) {
      expect((await call('GET', url, people.northManager)).statusCode, url).toBe(404);
    }
    const aimed = await call('POST', 'campaigns/preview', people.admin, {
      target: { audience: north.id, region: 'South' },
    });
    expect(aimed.json().size).toBe(0);
    // Only its creator or an admin deletes it, and the deletion is audited.
    const other = await call('DELETE', `audiences/${north.id}`, people.manager);
    expect(other.statusCode).toBe(403);
    expect(other.json().message).toMatch(/someone else/);
    const gone = await call('DELETE', `audiences/${north.id}`, people.northManager);
    expect(gone.statusCode).toBe(204);
    expect(
      (await call('GET', `analytics/dashboard?audience=${north.id}`, people.admin)).statusCode,
    ).toBe(404);
    const audit = await t.app.prisma.auditLog.findMany({
      where: { targetType: 'audience', targetId: String(north.id) },
      orderBy: { id: 'asc' },
    });
    expect(audit.map((a) => a.action)).toEqual(['audience.create', 'audience.delete']);
  });

  it('filters every report a dashboard filter reaches: each one taking `region` takes `audience`', async () => {
    const audience = await save('Every report', { kpi: 'activeAtEnd' });
    const paths: Record<
      string,
      { get?: { parameters?: { name: string; in: string; required?: boolean }[] } }
    > = (await t.app.inject({ url: '/docs/json' })).json().paths;
    // Values for the parameters a report requires besides the filters.
    const required: Record<string, string> = { kpi: 'selected' };
    const filtered = Object.entries(paths).flatMap(([path, item]) => {
      const query = (item.get?.parameters ?? []).filter((p) => p.in === 'query');
      if (!query.some((p) => p.name === 'region') || path.includes('{')) return [];
      const extra = query.filter((p) => p.required).map((p) => `&${p.name}=${required[p.name]}`);
      return [`${path.replace('/api/v1/', '')}?audience=${audience.id}${extra.join('')}`];
    });
    expect(filtered.length).toBeGreaterThan(10);
    for (const url of filtered) await ok('GET', url);
  });

  it('refuses what it cannot save, with the reason, and keeps clients out', async () => {
    const refused = [
      [{ name: 'Active now', list: { kpi: 'activeAtEnd' } }, 409, /already exists/],
      [{ name: 'No name kind', list: { kpi: 'segment' } }, 400, /name/],
      [{ name: 'Bad region', list: { kpi: 'selected', region: 'Atlantis' } }, 400, /region/],
      [
        { name: 'No campaign', list: { kpi: 'campaignTargeted', campaign: 99_999 } },
        404,
        /campaign/,
      ],
      [{ name: 'No audience', list: { kpi: 'selected', audience: 99_999 } }, 404, /audience/],
      [{ name: ' ', list: { kpi: 'selected' } }, 400, /name/],
      [{ name: 'Sorted', list: { kpi: 'selected', sort: 'name' } }, 400, /sort/],
    ] as const;
    for (const [body, status, message] of refused) {
      const res = await call('POST', 'audiences', people.admin, body);
      expect(res.statusCode, `${JSON.stringify(body)}: ${res.body}`).toBe(status);
      expect(res.json().message, JSON.stringify(body)).toMatch(message);
    }
    const outside = await call('POST', 'audiences', people.northManager, {
      name: 'South',
      list: { kpi: 'selected', region: 'South' },
    });
    expect(outside.statusCode).toBe(403);
    for (const [method, url] of [
      ['GET', 'audiences'],
      ['POST', 'audiences'],
      ['GET', 'audiences/1'],
      ['DELETE', 'audiences/1'],
    ] as const) {
      const res = await call(method, url, people.clientA, { name: 'x', list: { kpi: 'selected' } });
      expect(res.statusCode, `${method} ${url}`).toBe(403);
    }
    expect(await t.app.prisma.audience.count({ where: { name: { in: ['South', 'x'] } } })).toBe(0);
  });
});
