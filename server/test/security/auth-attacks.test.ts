// Attacks on authentication: forged, altered, stale and replayed initData, oversized
// headers, the webhook secret, and API-key guessing. Every refusal is a 4xx with a reason.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInitData, type TelegramUser } from '../../src/auth/init-data.ts';
import { buildTestApp, otherBotToken, testBotToken } from '../helpers/build-app.ts';
import { people } from '../helpers/fixtures.ts';
import { apiKeyFor } from '../helpers/ingest.ts';
import { signFields, unixSeconds } from '../helpers/init-data-fields.ts';
import { expectCleanLogs } from '../helpers/logs.ts';
import { otherModes } from './access-matrix.ts';
import { buildSecurityApp, type SecurityApp } from './security-app.ts';

let s: SecurityApp;
beforeAll(async () => {
  s = await buildSecurityApp();
});
afterAll(() => s?.close());

/** Every raw initData sent, to check that none reached the logs. */
const sent = new Set<string>();
const signed = (user: TelegramUser, o: { token?: string; authDate?: Date } = {}) =>
  signInitData(user, o.token ?? testBotToken, o.authDate);
const get = (url: string, raw: string) => {
  sent.add(raw);
  return s.app.inject({ url: `/api/v1${url}`, headers: { authorization: `tma ${raw}` } });
};
const refused = async (raw: string, reason: RegExp, url = '/me') => {
  const res = await get(url, raw);
  expect(res.statusCode, raw).toBe(401);
  expect(res.json()).toMatchObject({
    code: 'unauthorized',
    message: expect.stringMatching(reason),
  });
};
/** initData as ordered pairs, and back (URLSearchParams keeps repeats and order). */
const pairs = (raw: string) => [...new URLSearchParams(raw)];
const join = (p: [string, string][]) => new URLSearchParams(p).toString();

describe('initData attacks', () => {
  it('refuses initData with any one field changed, added or removed', async () => {
    const raw = signed(people.clientA);
    const fields = pairs(raw).map(([k]) => k);
    expect(fields.sort()).toEqual(['auth_date', 'hash', 'query_id', 'signature', 'user']);
    const changed: Record<string, string> = {
      user: JSON.stringify({ ...people.clientA, id: people.admin.id }),
      query_id: 'AAH-forged',
      auth_date: String(Math.floor(Date.now() / 1000) - 5),
      signature: 'c2lnbmF0dXJl',
      hash: 'f'.repeat(64),
    };
    for (const [field, value] of Object.entries(changed)) {
      const tampered = pairs(raw).map(([k, v]): [string, string] => [k, k === field ? value : v]);
      await refused(join(tampered), /signature is invalid/);
    }
    for (const field of fields.filter((f) => f !== 'hash')) {
      await refused(
        join(pairs(raw).filter(([k]) => k !== field)),
        /signature is invalid|auth_date/,
      );
    }
    await refused(join(pairs(raw).filter(([k]) => k !== 'hash')), /no hash/);
    await refused(`${raw}&start_param=admin`, /signature is invalid/);
    await refused(raw.replace('5004', '5001'), /signature is invalid/);
  });

  it('accepts the fields in any order (the check string is sorted)', async () => {
    const p = pairs(signed(people.clientA));
    const orders = [[...p].reverse(), [...p.slice(2), ...p.slice(0, 2)], [p[4]!, ...p.slice(0, 4)]];
    for (const order of orders) {
      const res = await get('/me', join(order));
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ role: 'client', customer: { id: s.f.clientA } });
    }
  });

  it('refuses a field given twice, with the same or another value', async () => {
    const raw = signed(people.clientA);
    for (const [k, v] of pairs(raw)) {
      await refused(`${raw}&${join([[k, v]])}`, /repeats a field/);
      await refused(`${join([[k, `${v}0`]])}&${raw}`, /repeats a field/);
    }
    const admin = JSON.stringify(people.admin);
    await refused(`${join([['user', admin]])}&${raw}`, /repeats a field/);
  });

  it("refuses initData signed with another bot's token", async () => {
    await refused(signed(people.admin, { token: otherBotToken }), /signature is invalid/);
  });

  it('refuses expired and future auth_date, with the reason; accepts small clock drift', async () => {
    const day = 86_400_000;
    await refused(
      signed(people.admin, { authDate: new Date(Date.now() - day - 60_000) }),
      /expired/,
    );
    await refused(signed(people.admin, { authDate: new Date(0) }), /expired/);
    await refused(signed(people.admin, { authDate: new Date(Date.now() + 120_000) }), /future/);
    await refused(
      signed(people.admin, { authDate: new Date(Date.now() + 10 * 365 * day) }),
      /future/,
    );
    const drift = await get(
      '/me',
      signed(people.admin, { authDate: new Date(Date.now() + 30_000) }),
    );
    expect(drift.statusCode).toBe(200);
    const old = await get(
      '/me',
      signed(people.admin, { authDate: new Date(Date.now() - day + 60_000) }),
    );
    expect(old.statusCode).toBe(200);
  });

  it("replays user X's valid initData: X's rights only, whatever resource is named", async () => {
    const a = signed(people.clientA);
    for (const url of [
      `/users/${s.f.clientB}`,
      `/users/${s.f.clientB}/offers`,
      `/recommendations/user/${s.f.clientB}`,
    ]) {
      const res = await get(url, a);
      expect(res.statusCode, url).toBe(404);
      expect(res.json().message).toBe(`customer ${s.f.clientB} not found`);
    }
    const open = await s.app.inject({
      method: 'POST',
      url: `/api/v1/users/${s.f.clientB}/offers/${s.assignments.get(s.f.clientB)}/open`,
      headers: { authorization: `tma ${a}` },
    });
    expect(open.statusCode).toBe(404);
    for (const url of ['/users/', '/analytics/dashboard', '/campaigns/']) {
      expect((await get(url, a)).statusCode, url).toBe(403);
    }
    // A scoped manager's initData stays scoped on another region's customer.
    expect((await get(`/users/${s.f.clientB}`, signed(people.northManager))).statusCode).toBe(404);
  });

  it('refuses oversized and malformed Authorization headers with a 4xx, and keeps serving', async () => {
    const raw = signed(people.admin);
    for (const authorization of [
      `tma ${'A'.repeat(1_000_000)}`,
      `tma ${raw}${'&x=1'.repeat(20_000)}`,
      `tma ${raw} ${raw}`,
      `tma  ${raw}`,
      `TMA ${raw}`,
      `tma ${raw}\u0000`,
      'tma %E0%A4%A',
      `tma ${'%'.repeat(5000)}`,
    ]) {
      const res = await s.app.inject({ url: '/api/v1/me', headers: { authorization } });
      expect(res.statusCode, authorization.slice(0, 40)).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
      expect(res.json().message).toEqual(expect.any(String));
    }
    expect((await get('/me', raw)).statusCode).toBe(200);
  });

  it('answers oversized headers on a real socket with 431, and keeps serving', async () => {
    const address = await s.app.listen({ port: 0, host: '127.0.0.1' });
    const big = await fetch(`${address}/api/v1/me`, {
      headers: { authorization: `tma ${'A'.repeat(64 * 1024)}` },
    });
    expect(big.status).toBe(431);
    const many: Record<string, string> = {};
    for (let i = 0; i < 400; i++) many[`x-h${i}`] = 'v'.repeat(100);
    const manyRes = await fetch(`${address}/api/v1/me`, { headers: many });
    expect(manyRes.status).toBe(431);
    const ok = await fetch(`${address}/api/v1/me`, {
      headers: { authorization: `tma ${signed(people.admin)}` },
    });
    expect(ok.status).toBe(200);
  });
});

describe('initData from every Telegram client (read after the hash, never a 5xx)', () => {
  const me = (raw: string) => get('/me', raw);
  const oldClient = (user: Record<string, unknown>, extra: Record<string, string> = {}) =>
    signFields({
      query_id: 'AAHdF6IQAAAAAN0XohDhrOrc',
      user: JSON.stringify(user),
      auth_date: unixSeconds(),
      ...extra,
    });

  it('signs in initData without `signature`, as clients before Bot API 8.0 send it', async () => {
    const ada = {
      ...people.admin,
      last_name: 'Lovelace',
      language_code: 'en',
      allows_write_to_pm: true,
      photo_url: 'https://t.me/i/userpic/320/ada.svg',
    };
    for (const raw of [
      oldClient(ada),
      oldClient(ada, { signature: '' }),
      oldClient(ada, { signature: 'c2lnbmF0dXJl', chat_type: 'sender', start_param: 'x' }),
    ]) {
      const res = await me(raw);
      expect(res.statusCode, raw).toBe(200);
      expect(res.json()).toMatchObject({
        role: 'admin',
        user: { telegramId: '5001', firstName: 'Ada', lastName: 'Lovelace', username: 'ada' },
      });
    }
    // Optional fields missing or of another type are dropped, not a reason to refuse.
    const bare = await me(oldClient({ id: people.clientA.id, first_name: 'Ann', username: 7 }));
    expect(bare.statusCode).toBe(200);
    expect(bare.json()).toMatchObject({
      role: 'client',
      user: { firstName: 'Ann', lastName: null, username: null, languageCode: null },
    });
  });

  it('refuses validly signed initData whose user or auth_date is malformed: 401 with the reason', async () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ auth_date: unixSeconds() }, /carries no Telegram user/],
      [{ user: '{"id":5001,', auth_date: unixSeconds() }, /user is not valid JSON/],
      [{ user: '5001', auth_date: unixSeconds() }, /user is not a JSON object/],
      [{ user: 'null', auth_date: unixSeconds() }, /user is not a JSON object/],
      [{ user: '[{"id":5001,"first_name":"Ada"}]', auth_date: unixSeconds() }, /not a JSON object/],
      [{ user: '{"id":"5001","first_name":"Ada"}', auth_date: unixSeconds() }, /user\.id/],
      [{ user: '{"id":5001.5,"first_name":"Ada"}', auth_date: unixSeconds() }, /user\.id/],
      [{ user: '{"id":-5001,"first_name":"Ada"}', auth_date: unixSeconds() }, /user\.id/],
      [{ user: '{"id":0,"first_name":"Ada"}', auth_date: unixSeconds() }, /user\.id/],
      // 2^53 + 1 would be read as 2^53: a different user, so refused rather than rounded.
      [{ user: '{"id":9007199254740993,"first_name":"A"}', auth_date: unixSeconds() }, /user\.id/],
      [{ user: '{"first_name":"Ada"}', auth_date: unixSeconds() }, /user\.id/],
      [{ user: '{"id":5001}', auth_date: unixSeconds() }, /first_name/],
      [{ user: '{"id":5001,"first_name":null}', auth_date: unixSeconds() }, /first_name/],
      [{ user: '{"id":5001,"first_name":"A"}', auth_date: `${unixSeconds()}x` }, /auth_date/],
    ];
    for (const [fields, reason] of cases) await refused(signFields(fields), reason);
  });

  it('answers every generated validly signed initData with 200 or a 401 that says why', async () => {
    const name = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 24 }),
      fc.constantFrom('Tom <3 & "Jerry" >_<', 'Zoë', '王小明', '👩‍💻 Dev', 'مرحبا', '', 'a\u0000b'),
    );
    const notString = fc.jsonValue({ maxDepth: 2 }).filter((v) => typeof v !== 'string');
    /** A field as JSON text (undefined: absent), and what the server should read from it. */
    const textField = fc.option(fc.oneof(name, notString), { nil: undefined });
    const id = fc.oneof(
      fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }).map((n) => ({ json: String(n), n })),
      fc
        .oneof(
          fc.integer({ min: Number.MIN_SAFE_INTEGER, max: 0 }).map(String),
          fc.double({ noInteger: true, noNaN: true, noDefaultInfinity: true }).map(String),
          fc.bigInt({ min: 2n ** 53n + 1n, max: 2n ** 80n }).map(String),
          fc.integer({ min: 1 }).map((n) => JSON.stringify(String(n))),
          fc.constantFrom('-0', '1e400', 'null', 'true', '[5004]', '{"id":5004}', '"0x10"'),
        )
        .map((json) => ({ json, n: null })),
    );
    const optional = ['last_name', 'username', 'language_code', 'photo_url'] as const;
    const flags = ['is_premium', 'allows_write_to_pm', 'added_to_attachment_menu', 'is_bot'];
    const known = new Set<string>(['id', 'first_name', ...optional, ...flags]);
    const userObject = fc
      .record({
        id,
        first_name: fc.option(fc.oneof(name, name, notString), { nil: undefined }),
        texts: fc.tuple(textField, textField, textField, textField),
        flags: fc.tuple(
          ...flags.map(() => fc.option(fc.oneof(fc.boolean(), fc.jsonValue()), { nil: undefined })),
        ),
        extra: fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 2 }), {
          maxKeys: 3,
        }),
      })
      .map((u) => {
        const entries: [string, unknown][] = Object.entries(u.extra).filter(([k]) => !known.has(k));
        for (const [k, v] of [
          ...optional.map((k, i) => [k, u.texts[i]] as const),
          ...flags.map((k, i) => [k, u.flags[i]] as const),
        ]) {
          if (v !== undefined) entries.push([k, v]);
        }
        if (u.first_name !== undefined) entries.push(['first_name', u.first_name]);
        const body = entries.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`);
        const json = `{${[`"id":${u.id.json}`, ...body].join(',')}}`;
        const text = (v: unknown) => (typeof v === 'string' ? v : null);
        const expected =
          u.id.n === null
            ? { reason: /user\.id/ }
            : typeof u.first_name !== 'string'
              ? { reason: /first_name/ }
              : {
                  user: {
                    telegramId: String(u.id.n),
                    firstName: u.first_name,
                    lastName: text(u.texts[0]),
                    username: text(u.texts[1]),
                    languageCode: text(u.texts[2]),
                  },
                };
        return { json, expected };
      });
    const notJson = fc.string().filter((v) => {
      try {
        JSON.parse(v);
        return false;
      } catch {
        return true;
      }
    });
    const user = fc.oneof(
      { weight: 6, arbitrary: userObject },
      userObject.map((u) => ({ json: `[${u.json}]`, expected: { reason: /not a JSON object/ } })),
      fc
        .jsonValue({ maxDepth: 2 })
        .filter((v) => v === null || typeof v !== 'object' || Array.isArray(v))
        .map((v) => ({ json: JSON.stringify(v), expected: { reason: /not a JSON object/ } })),
      notJson.map((json) => ({ json, expected: { reason: /not valid JSON/ } })),
      fc.constant({ json: undefined, expected: { reason: /no Telegram user/ } }),
    );
    const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
    const initData = fc.record({
      user,
      signature: maybe(fc.oneof(fc.constant(''), fc.base64String({ maxLength: 88 }))),
      query_id: maybe(fc.string({ maxLength: 24 })),
      start_param: maybe(fc.stringMatching(/^[\w-]{0,64}$/)),
      chat_type: maybe(fc.constantFrom('sender', 'private', 'group', 'supergroup', 'channel')),
      age: fc.integer({ min: 0, max: 3600 }),
    });
    await fc.assert(
      fc.asyncProperty(initData, async ({ user, age, ...rest }) => {
        const fields: Record<string, string> = {
          auth_date: String(Math.floor(Date.now() / 1000) - age),
        };
        if (user.json !== undefined) fields.user = user.json;
        for (const [k, v] of Object.entries(rest)) if (v !== undefined) fields[k] = v;
        const res = await me(signFields(fields));
        const body = res.json();
        if ('user' in user.expected) {
          expect(res.statusCode, JSON.stringify(body)).toBe(200);
          expect(body.user).toEqual(user.expected.user);
        } else {
          expect(res.statusCode, JSON.stringify(body)).toBe(401);
          expect(body).toMatchObject({ code: 'unauthorized' });
          expect(body.message).toMatch(user.expected.reason);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('the webhook secret (BOT_MODE=webhook)', () => {
  it('refuses a missing, wrong, wrong-length or differently-cased secret', async () => {
    const secret = 'the-webhook-secret-0001';
    const t = await buildTestApp({
      BOT_TOKEN: testBotToken,
      BOT_MODE: 'webhook',
      PUBLIC_URL: 'https://desk.example',
      WEBHOOK_SECRET: secret,
      TELEGRAM_API_ROOT: 'http://127.0.0.1:9',
    });
    try {
      const post = (headers: Record<string, string>) =>
        t.app.inject({
          method: 'POST',
          url: '/telegram/webhook',
          headers,
          payload: { update_id: 1 },
        });
      for (const given of [
        undefined,
        '',
        'x',
        `${secret}x`,
        secret.slice(0, -1),
        secret.toUpperCase(),
        `${secret.slice(0, -1)}2`,
      ]) {
        const res = await post(
          given === undefined ? {} : { 'x-telegram-bot-api-secret-token': given },
        );
        const { withoutSecret, wrongSecret } = otherModes['POST /telegram/webhook'];
        expect(res.statusCode, String(given)).toBe(given ? wrongSecret : withoutSecret);
        expect(res.json().message).toBe('wrong or missing webhook secret token');
      }
    } finally {
      await t.close();
    }
  });
});

describe('API keys', () => {
  const ingest = (app: SecurityApp['app'], headers: Record<string, string>) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/ingest/events',
      headers,
      payload: { items: [] },
    });

  it('refuses wrong keys of the right length and of wrong lengths alike', async () => {
    const [, prefix, secret] = /^rdk_([0-9a-f]{12})_(.+)$/.exec(s.apiKey)!;
    const flip = (c: string) => (c === 'A' ? 'B' : 'A');
    const wrong = [
      `rdk_${prefix}_${secret!.slice(0, -1)}${flip(secret!.at(-1)!)}`,
      `rdk_${prefix}_${'A'.repeat(secret!.length)}`,
      `rdk_${prefix}_${secret!.slice(0, -1)}`,
      `rdk_${prefix}_${secret}A`,
      `rdk_${prefix}_`,
      `rdk_000000000000_${secret}`,
      `rdk_${prefix!.toUpperCase()}_${secret}`,
      secret!,
      `rdk_${prefix}_${'A'.repeat(10_000)}`,
    ];
    for (const key of wrong) {
      for (const headers of [{ authorization: `Bearer ${key}` }, { 'x-api-key': key }] as Record<
        string,
        string
      >[]) {
        const res = await ingest(s.app, headers);
        expect(res.statusCode, key.slice(0, 30)).toBe(401);
        expect(res.json().message).toMatch(/API key is invalid or revoked/);
      }
    }
  });

  it('compares the secret in constant time (reading the code)', () => {
    // The secret's SHA-256 is compared with timingSafeEqual; both digests are 32 bytes, so
    // the length check never depends on the secret. The prefix that finds the row is public.
    const code = readFileSync(new URL('../../src/auth/api-keys.ts', import.meta.url), 'utf8');
    expect(code).toMatch(/timingSafeEqual\(given, stored\)/);
    expect(code).toMatch(/Buffer\.from\(hashSecret\(m\[2\]!\), 'hex'\)/);
    expect(code).not.toMatch(/hash\s*===|===\s*row\.hash/);
  });

  it('rate-limits guessing: 429 after the limit, for right keys too, with a reason', async () => {
    // A bare app: every request counts against the limit of 5 a minute per address.
    const limited = await buildTestApp({ BOT_TOKEN: testBotToken, RATE_LIMIT_MAX: '5' });
    const key = await apiKeyFor(limited);
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 8; i++) {
        const key = `rdk_${'0'.repeat(12)}_${String(i).padStart(43, 'A')}`;
        statuses.push((await ingest(limited.app, { authorization: `Bearer ${key}` })).statusCode);
      }
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
      const right = await ingest(limited.app, { authorization: `Bearer ${key}` });
      expect(right.statusCode).toBe(429);
      expect(right.json().message).toEqual(expect.any(String));
      // initData guessing is limited the same way.
      const me = await limited.app.inject({
        url: '/api/v1/me',
        headers: { authorization: 'tma x' },
      });
      expect(me.statusCode).toBe(429);
    } finally {
      await limited.close();
    }
  });
});

describe('the logs', () => {
  it('hold no bot token, API key or raw initData after all of the above', () => {
    const logs = s.logs();
    expect(logs).toMatch(/incoming request/);
    expect(expectCleanLogs(logs, { apiKeys: [s.apiKey], initData: sent })).toEqual([]);
  });
});
