// Hostile input on every route: generated params, queries and bodies (from the routes' own
// zod schemas) never get a 5xx or a hang, refusals say why, and the data stays as it was;
// SQL and LIKE metacharacters in every filter; huge pages and ranges; formulas in the CSV
// exports; no secret in the logs. SECURITY_RUNS sets the runs per property (CI: long).
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import type { RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { RejectReport } from '../../src/import/reject-report.ts';
import { people, tma } from '../helpers/fixtures.ts';
import { expectCleanLogs } from '../helpers/logs.ts';
import { matrix } from './access-matrix.ts';
import {
  fieldsOf,
  type HostileRequest,
  hostileRequests,
  json,
  leafPaths,
  nasty,
  withLeaf,
} from './hostile-input.ts';
import {
  buildSecurityApp,
  formulaNames,
  longProfile,
  propertyRuns,
  rowCounts,
  type SecurityApp,
} from './security-app.ts';

let s: SecurityApp;
const headers = {
  admin: tma(people.admin),
  northManager: tma(people.northManager),
  clientA: tma(people.clientA),
};
/** What the server wrote with console.error (failures it could not even record). */
const consoleErrors: string[] = [];
beforeAll(async () => {
  s = await buildSecurityApp();
  vi.spyOn(console, 'error').mockImplementation(
    (...args) => void consoleErrors.push(args.join(' ')),
  );
});
afterAll(async () => {
  vi.restoreAllMocks();
  await s?.close();
});

/** The caller with the most rights on a route: its checks run past the role gate. */
function callerOf(route: RouteOptions): Record<string, string> {
  const access = route.config?.access;
  if (access === 'api-key') return { authorization: `Bearer ${s.apiKey}` };
  if (Array.isArray(access) && !access.includes('admin')) return headers.clientA;
  if (access === 'public' || access === undefined) return {};
  return headers.admin;
}

const methods = (r: RouteOptions) => (Array.isArray(r.method) ? r.method : [r.method]);
const apiRoutes = () =>
  s.routes.filter(
    (r) => r.url.startsWith('/api/') && !methods(r).includes('HEAD') && hostileRequests(r),
  );

async function send(route: RouteOptions, req: HostileRequest, who = callerOf(route)) {
  const method = methods(route)[0] as 'GET';
  const body = req.payload === undefined ? {} : { payload: JSON.stringify(req.payload) };
  const res = await s.app.inject({
    method,
    url: req.url,
    query: req.query,
    headers: {
      ...who,
      ...(req.payload === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...body,
  });
  const what = `${method} ${req.url} ${JSON.stringify(req.query)} ${JSON.stringify(req.payload)?.slice(0, 300)}`;
  expect(res.statusCode, what).toBeLessThan(500);
  if (res.statusCode >= 400) {
    const message = res.json().message;
    expect(typeof message === 'string' && message.length > 0, what).toBe(true);
  }
  return res;
}

describe('generated hostile input on every route', () => {
  it('covers every API route that takes input', () => {
    const names = apiRoutes().map((r) => `${methods(r)[0]} ${r.url}`);
    expect(names.length).toBeGreaterThanOrEqual(25);
    expect(names).toContain('GET /api/v1/users/');
    expect(names).toContain('POST /api/v1/ingest/orders');
  });

  it('GET routes: never a 5xx, a reason with every refusal, nothing changed', async () => {
    const before = await rowCounts(s.database.db.prisma);
    for (const route of apiRoutes().filter((r) => methods(r)[0] === 'GET')) {
      await fc.assert(
        fc.asyncProperty(hostileRequests(route)!, async (req) => {
          await send(route, req);
        }),
        { numRuns: propertyRuns },
      );
    }
    expect(await rowCounts(s.database.db.prisma)).toEqual(before);
  }, 600_000);

  it('POST and DELETE routes: never a 5xx, a reason with every refusal, nothing dropped', async () => {
    const before = await rowCounts(s.database.db.prisma);
    for (const route of apiRoutes().filter((r) => methods(r)[0] !== 'GET')) {
      await fc.assert(
        fc.asyncProperty(hostileRequests(route)!, async (req) => {
          await send(route, req);
        }),
        { numRuns: propertyRuns },
      );
    }
    // Valid random changes (a tag, a note, an ingested event) may add rows; none go away.
    const after = await rowCounts(s.database.db.prisma);
    for (const [table, n] of Object.entries(before)) {
      expect(after[table as keyof typeof after], table).toBeGreaterThanOrEqual(n);
    }
  }, 600_000);

  /** Routes with a valid body in the access matrix, by their route options. */
  const validBodies = () =>
    Object.entries(matrix)
      .filter(([, row]) => row.body)
      .map(([key, row]) => {
        const [method, url] = key.split(' ');
        const route = s.routes.find((r) => r.url === url && methods(r)[0] === method)!;
        const path = url!
          .replace(':id', String(s.f.clientA))
          .replace(':assignmentId', String(s.assignments.get(s.f.clientA)));
        return { route, path, body: row.body! };
      });
  let calls = 1000;

  it('valid bodies with one field made hostile: never a 5xx', async () => {
    for (const { route, path, body } of validBodies()) {
      const valid = body(s, ++calls);
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...leafPaths(valid)), json, async (at, value) => {
          await send(route, {
            url: path,
            query: {},
            payload: withLeaf(body(s, ++calls), at, value),
          });
        }),
        { numRuns: propertyRuns },
      );
    }
  }, 600_000);

  it('valid bodies with NUL or a long string in any one field: a 4xx, never a 5xx', async () => {
    for (const { route, path, body } of validBodies()) {
      for (const at of leafPaths(body(s, ++calls))) {
        for (const value of ['a\u0000b', '\u0000', 'x'.repeat(100_000)]) {
          const res = await send(route, {
            url: path,
            query: {},
            payload: withLeaf(body(s, ++calls), at, value),
          });
          expect(res.statusCode, `${route.url} ${at.join('.')}`).toBeGreaterThanOrEqual(400);
        }
      }
    }
  }, 600_000);

  it('refuses malformed JSON, other content types and oversized bodies with a 4xx', async () => {
    const withBody = apiRoutes().filter((r) => (r.schema as { body?: unknown }).body);
    expect(withBody.length).toBeGreaterThanOrEqual(7);
    for (const route of withBody) {
      const url = route.url.replace(':id', String(s.f.clientA)).replace(':assignmentId', '1');
      const who = callerOf(route);
      for (const [type, payload] of [
        ['application/json', '{"items": ['],
        ['application/json', '\u0000'],
        ['text/plain', 'hello'],
        ['application/x-www-form-urlencoded', 'a=1'],
        ['application/json', `{"items":[${'{"id":"x"},'.repeat(200_000)}{}]}`],
      ] as const) {
        const res = await s.app.inject({
          method: 'POST',
          url,
          headers: { ...who, 'content-type': type },
          payload,
        });
        expect(
          res.statusCode,
          `${route.url} ${type} ${payload.slice(0, 20)}`,
        ).toBeGreaterThanOrEqual(400);
        expect(res.statusCode).toBeLessThan(500);
        expect(res.json().message).toEqual(expect.any(String));
      }
    }
  });
});

describe('SQL and LIKE metacharacters in every filter and search field', () => {
  const textFields = ['q', 'region', 'channel', 'tag', 'segment', 'plan', 'category'];

  it('never break a query or touch the data, whoever asks', async () => {
    const before = await rowCounts(s.database.db.prisma);
    const routes = s.routes.filter((r) => r.url.startsWith('/api/') && methods(r)[0] === 'GET');
    let sent = 0;
    // The short profile: the SQL and LIKE characters, callers taking turns; long: all.
    const sqlish = [
      "'; DROP TABLE customers; --",
      "' OR '1'='1",
      '"',
      '%',
      '_',
      '\\',
      '\u0000',
      '😀',
    ];
    let turn = 0;
    const next = () => (++turn % 2 ? headers.admin : headers.northManager);
    for (const route of routes) {
      const fields = fieldsOf((route.schema as { querystring?: unknown } | undefined)?.querystring);
      for (const field of fields.filter((f) => textFields.includes(f))) {
        for (const value of longProfile ? nasty : sqlish) {
          for (const who of longProfile ? [headers.admin, headers.northManager] : [next()]) {
            await send(route, { url: route.url, query: { [field]: value } }, who);
            sent++;
          }
        }
      }
    }
    expect(sent).toBeGreaterThan(300);
    expect(await rowCounts(s.database.db.prisma)).toEqual(before);
  }, 600_000);

  it('take % and _ literally in searches', async () => {
    // Earlier tests may have added rows (an ingested customer '%%'): every match must hold
    // the text itself, and '%' must not match the whole table.
    const all = (await s.app.inject({ url: '/api/v1/users/', headers: headers.admin })).json();
    for (const [url, fields] of [
      ['/api/v1/users/', ['name', 'email', 'externalId']],
      ['/api/v1/products/', ['name', 'sku']],
    ] as const) {
      for (const q of ['%', '_', '%%', '\\', 'T_', '%1']) {
        const res = await s.app.inject({
          url,
          query: { q, pageSize: '100' },
          headers: headers.admin,
        });
        expect(res.statusCode, `${url} q=${q}`).toBe(200);
        for (const item of res.json().items as Record<string, string | null>[]) {
          const hit = fields.some((f) => item[f]?.toLowerCase().includes(q.toLowerCase()));
          expect(hit, `${url} q=${q} matched ${JSON.stringify(item).slice(0, 120)}`).toBe(true);
        }
        if (url === '/api/v1/users/') expect(res.json().total).toBeLessThan(all.total);
      }
    }
  });
});

describe('huge pages and ranges', () => {
  const get = (url: string, query: Record<string, string>) =>
    s.app.inject({ url, query, headers: headers.admin });

  it('refuses page sizes and pages beyond the bounds with the reason', async () => {
    for (const url of ['/api/v1/users/', '/api/v1/products/', '/api/v1/analytics/churn-risk']) {
      for (const query of [
        { pageSize: '101' },
        { pageSize: '1000000000' },
        { pageSize: '0' },
        { page: '0' },
        { page: '100001' },
        { page: '1e400' },
        { pageSize: '-1' },
        { page: '1.5' },
      ] as Record<string, string>[]) {
        const res = await get(url, query);
        expect(res.statusCode, `${url} ${JSON.stringify(query)}`).toBe(400);
        expect(res.json().message).toMatch(/page/i);
      }
      const last = await get(url, { page: '100000', pageSize: '100' });
      expect(last.statusCode).toBe(200);
      const page = last.json();
      expect(page.items ?? page.customers).toEqual([]);
    }
    const csv = await get(`/api/v1/campaigns/${s.campaignId}/unreachable`, { pageSize: '10001' });
    expect(csv.statusCode).toBe(400);
  });

  it('refuses ranges beyond the bounds, and answers the widest allowed range', async () => {
    for (const query of [
      { from: '0001-01-01', to: '2024-01-01' },
      { from: '1900-01-01', granularity: 'week' },
      { from: '1800-01-01' },
      { to: '2100-01-01', from: '2024-01-01' },
      { from: '2024-02-30' },
      { from: '2024-06-01', to: '2024-01-01' },
      { from: '+02024-01-01' },
    ] as Record<string, string>[]) {
      const res = await get('/api/v1/analytics/churn', query);
      expect(res.statusCode, JSON.stringify(query)).toBe(400);
      expect(res.json().message).toEqual(expect.any(String));
    }
    // 260 months is the most one request may span; a month more is refused with the reason.
    const widest = await get('/api/v1/analytics/churn', { from: '2000-01-01', to: '2021-08-31' });
    expect(widest.statusCode).toBe(200);
    expect(widest.json().periods).toHaveLength(260);
    const beyond = await get('/api/v1/analytics/churn', { from: '2000-01-01', to: '2021-09-01' });
    expect(beyond.statusCode).toBe(400);
    expect(beyond.json().message).toMatch(/261 months; at most 260/);
  });
});

describe('CSV exports', () => {
  const formulaStart = /^[=+\-@\t\r]/;

  it('keep formulas in customer data as text in the unreachable list', async () => {
    const res = await s.app.inject({
      url: `/api/v1/campaigns/${s.campaignId}/unreachable`,
      query: { format: 'csv' },
      headers: headers.admin,
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    const rows: string[][] = parse(res.body, { relax_column_count: false });
    expect(rows.length).toBeGreaterThan(1);
    const cells = rows.slice(1).flat();
    expect(cells.filter((c) => formulaStart.test(c))).toEqual([]);
    const names = rows.slice(1).map((r) => r[1]);
    expect(names.some((n) => formulaNames.some((f) => n === `'${f}`))).toBe(true);
  });

  it("keep formulas as text in the import's rejects report", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'rejects-'));
    try {
      const report = new RejectReport(path.join(dir, 'rejects.csv'));
      for (const [i, f] of formulaNames.entries()) report.add(i + 2, f, f);
      await report.close();
      const rows: string[][] = parse(await readFile(report.path, 'utf8'));
      expect(rows[0]).toEqual(['line', 'column', 'reason']);
      const cells = rows.slice(1).flat();
      expect(cells.filter((c) => formulaStart.test(c))).toEqual([]);
      expect(rows[1]).toEqual(['2', `'${formulaNames[0]}`, `'${formulaNames[0]}`]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('the logs', () => {
  it('hold no bot token, API key or raw initData after all of the above', () => {
    const logs = s.logs();
    expect(logs).toMatch(/incoming request/);
    const initData = Object.values(headers).map((h) => h.authorization.slice(4));
    expect(expectCleanLogs(logs, { apiKeys: [s.apiKey], initData })).toEqual([]);
    expect(expectCleanLogs(consoleErrors.join('\n'), { apiKeys: [s.apiKey], initData })).toEqual(
      [],
    );
  });

  it('show no failure the server could not record (a hostile value that broke a write)', () => {
    expect(consoleErrors).toEqual([]);
  });
});
