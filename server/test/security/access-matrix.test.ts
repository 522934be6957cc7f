// Every route × every caller × every kind of id gets the status access-matrix.ts documents.
// The route table is the one Fastify registered, so a new route fails here until it has a row.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../helpers/build-app.ts';
import { people, tma } from '../helpers/fixtures.ts';
import {
  type Caller,
  callers,
  type IdKind,
  idKinds,
  matrix,
  otherModes,
  unlisted,
} from './access-matrix.ts';
import { buildSecurityApp, type SecurityApp } from './security-app.ts';

let s: SecurityApp;
beforeAll(async () => {
  s = await buildSecurityApp();
});
afterAll(() => s?.close());

const headersOf = (caller: Caller): Record<string, string> => {
  if (caller === 'none') return {};
  if (caller === 'apiKey') return { authorization: `Bearer ${s.apiKey}` };
  return tma(people[caller]);
};

/** The URL for an id of that kind (the open-offer route gets that customer's assignment). */
function urlFor(pattern: string, kind: IdKind | undefined, variant: string): string {
  const customer = {
    ownA: s.f.clientA,
    sameRegion: s.f.northCustomers[1]!,
    otherRegion: s.f.clientB,
    missing: 2_000_000_000,
  } as Record<string, number>;
  let id = 0;
  if (kind === 'customer') id = customer[variant]!;
  if (kind === 'campaign') id = variant === 'existing' ? s.campaignId : 2_000_000_000;
  if (kind === 'audience') {
    id = variant === 'missing' ? 2_000_000_000 : s.audiences[variant as 'north' | 'unscoped'];
  }
  if (kind === 'job') id = variant === 'existing' ? s.jobId : 2_000_000_000;
  return pattern
    .replace(':id', String(id))
    .replace(':assignmentId', String(s.assignments.get(id) ?? 1))
    .replace(':tag', 'matrix');
}

describe('the access-control matrix', () => {
  it('has a row for every route, and no row for a route that does not exist', () => {
    const table = s.routes.flatMap((r) =>
      (Array.isArray(r.method) ? r.method : [r.method]).map((m) => ({ method: m, url: r.url })),
    );
    const keys = new Set(table.map((r) => `${r.method} ${r.url}`));
    const missing = table
      .filter((r) => !unlisted(r.method, r.url) && !(`${r.method} ${r.url}` in matrix))
      .map((r) => `${r.method} ${r.url}`);
    expect(missing, 'routes missing from test/security/access-matrix.ts').toEqual([]);
    const heads = table.filter((r) => r.method === 'HEAD' && r.url.startsWith('/api/'));
    for (const h of heads) {
      const twin = [...keys].some((k) => k === `GET ${h.url}` || k === `GET ${h.url}/`);
      expect(twin, `HEAD ${h.url} has a GET twin`).toBe(true);
    }
    const stale = Object.keys(matrix).filter((k) => !keys.has(k));
    expect(stale, 'matrix rows for routes the app does not have').toEqual([]);
  });

  for (const [route, row] of Object.entries(matrix)) {
    it(route, async () => {
      const [method, pattern] = route.split(' ') as [string, string];
      const variants: readonly string[] = row.ids ? idKinds[row.ids] : ['-'];
      const got: string[] = [];
      const want: string[] = [];
      let call = 0;
      for (const caller of callers) {
        for (const variant of variants) {
          const cell = row.expect[caller];
          const expected = typeof cell === 'number' ? cell : cell[variant];
          const res = await s.app.inject({
            method: method as 'GET',
            url: urlFor(pattern, row.ids, variant),
            headers: headersOf(caller),
            ...(row.body ? { payload: row.body(s, ++call) as object } : {}),
          });
          const where = `${caller}${row.ids ? ` ${variant}` : ''}`;
          got.push(`${where}: ${res.statusCode}`);
          want.push(`${where}: ${expected}`);
          if (res.statusCode >= 400) {
            // Refusals carry a reason, and say nothing about a record the caller may not see.
            expect(res.json().message, `${route} ${where}`).toEqual(expect.any(String));
          }
        }
      }
      expect(got).toEqual(want);
    });
  }
});

describe('what a scoped manager is shown', () => {
  it("lists only the manager's region: customers and the unreachable members", async () => {
    const headers = tma(people.northManager);
    const users = await s.app.inject({ url: '/api/v1/users/?pageSize=100', headers });
    const ids = users.json().items.map((c: { id: number }) => c.id);
    expect(ids.sort()).toEqual([...s.f.northCustomers].sort());
    const unreachable = await s.app.inject({
      url: `/api/v1/campaigns/${s.campaignId}/unreachable?pageSize=100`,
      headers,
    });
    const members = unreachable.json().items.map((m: { customerId: number }) => m.customerId);
    expect(members.length).toBeGreaterThan(0);
    expect(members.filter((id: number) => !s.f.northCustomers.includes(id))).toEqual([]);
  });
});

describe('routes of the other modes', () => {
  it('demo sessions: given to the holder of the demo key only, local or not', async () => {
    const t = await buildTestApp({ DEMO_DATA: 'off' });
    try {
      const expected = otherModes['POST /api/v1/demo/session'];
      const ask = (key: string | undefined, remoteAddress = '127.0.0.1') =>
        t.app.inject({
          method: 'POST',
          url: '/api/v1/demo/session',
          headers: { host: 'localhost:3000' },
          payload: { role: 'admin', key },
          remoteAddress,
        });
      expect((await ask(t.app.demoKey)).statusCode).toBe(expected.withKey);
      expect((await ask(t.app.demoKey, '203.0.113.9')).statusCode).toBe(expected.withKey);
      expect((await ask(undefined)).statusCode).toBe(expected.withoutKey);
      expect((await ask('wrong-key-0123456789')).statusCode).toBe(expected.withoutKey);
    } finally {
      await t.close();
    }
  });
});
