// The ingestion API's gate: API keys (never initData), batch and body limits, OpenAPI.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { revokeApiKey } from '../src/auth/api-keys.ts';
import { buildTestApp, type TestApp, testBotToken } from './helpers/build-app.ts';
import { people, tma } from './helpers/fixtures.ts';
import { apiKeyFor, event } from './helpers/ingest.ts';

let t: TestApp;
let key: string;
let revoked: string;
beforeAll(async () => {
  t = await buildTestApp({ BOT_TOKEN: testBotToken, ADMIN_TELEGRAM_IDS: String(people.admin.id) });
  const prisma = t.database.db.prisma;
  key = await apiKeyFor(t);
  revoked = await apiKeyFor(t, 'old');
  await revokeApiKey(prisma, { name: 'old', actorRole: 'cli' });
});
afterAll(() => t?.close());

const post = (
  payload: unknown,
  headers: Record<string, string> = { authorization: `Bearer ${key}` },
) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/ingest/events',
    payload: payload as object,
    headers,
  });
const events = () => t.database.db.prisma.event.findMany();

describe('the ingestion gate: API keys, limits, docs', () => {
  const refused = async (headers: Record<string, string>, reason: RegExp) => {
    const res = await post({ items: [event('never')] }, headers);
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({
      statusCode: 401,
      code: 'unauthorized',
      error: 'Unauthorized',
    });
    expect(res.json().message).toMatch(reason);
  };

  it('refuses a missing, wrong, revoked or malformed key', async () => {
    await refused({}, /API key is missing/);
    await refused(
      { authorization: `Bearer ${key.slice(0, -2)}${key.endsWith('xx') ? 'yy' : 'xx'}` },
      /^API key is invalid or revoked$/,
    );
    await refused({ authorization: `Bearer ${revoked}` }, /^API key is invalid or revoked$/);
    await refused({ 'x-api-key': 'rdk_nonsense' }, /^API key is invalid or revoked$/);
    await refused({ authorization: `Basic ${key}` }, /must be 'Bearer <API key>'/);
  });

  it('does not open to Telegram initData, even an admin', async () => {
    const admin = tma(people.admin);
    expect((await t.app.inject({ url: '/api/v1/me', headers: admin })).statusCode).toBe(200);
    await refused(admin, /not Telegram initData/);
    expect(await events()).toEqual([]);
  });

  it('takes the key as Bearer or X-API-Key, and notes when it was used', async () => {
    expect((await post({ items: [event('k1')] })).statusCode).toBe(200);
    expect((await post({ items: [event('k2')] }, { 'x-api-key': key })).statusCode).toBe(200);
    const row = await t.database.db.prisma.apiKey.findUniqueOrThrow({ where: { name: 'shop' } });
    expect(row.lastUsedAt).toBeInstanceOf(Date);
  });

  it('answers 413 for more than 1,000 items or a body over the limit', async () => {
    const many = Array.from({ length: 1001 }, (_, i) => event(`m${i}`));
    const res = await post({ items: many });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ code: 'payload_too_large', message: /at most 1000 items/ });
    const huge = await post({
      items: [event('h', { properties: { x: 'a'.repeat(6 * 1024 * 1024) } })],
    });
    expect(huge.statusCode).toBe(413);
    expect(
      await t.database.db.prisma.event.count({ where: { externalId: { startsWith: 'm' } } }),
    ).toBe(0);
  });

  it('is documented in OpenAPI with the item schema and the API-key headers', async () => {
    const doc = (await t.app.inject({ url: '/docs/json' })).json();
    const op = doc.paths['/api/v1/ingest/events'].post;
    expect(op.security).toEqual([{ apiKey: [] }]);
    expect(doc.components.securitySchemes.apiKey).toMatchObject({ type: 'http', scheme: 'bearer' });
    // Authorization is covered by the bearer scheme; the X-API-Key alternative stays a parameter.
    expect(op.parameters.map((p: { name: string }) => p.name)).toEqual(['x-api-key']);
    const items = op.requestBody.content['application/json'].schema.properties.items;
    expect(items.maxItems).toBe(1000);
    expect(items.items.properties.channel.enum).toEqual(['web', 'app', 'telegram', 'offline']);
    expect(Object.keys(op.responses)).toEqual(
      expect.arrayContaining(['200', '207', '400', '401', '413']),
    );
    expect(doc.paths['/api/v1/ingest/orders'].post.description).toMatch(/unknownCustomers/);
  });
});
