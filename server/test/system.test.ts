import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp, testBotToken } from './helpers/build-app.ts';

describe('health, docs and errors', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ BOT_TOKEN: testBotToken });
  });
  afterAll(() => t?.close());

  it('/health says which database and how many migrations', async () => {
    const res = await t.app.inject({ url: '/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'ok',
      database: process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite',
      mode: 'telegram',
      bot: 'off',
    });
    expect(res.json().migrations.applied).toBeGreaterThan(0);
    expect(res.headers['x-request-id']).toBeTruthy();
  });

  it('serves OpenAPI with every API route documented and secured', async () => {
    const doc = (await t.app.inject({ url: '/docs/json' })).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/me',
        '/api/v1/users/',
        '/api/v1/users/{id}',
        '/api/v1/products/',
      ]),
    );
    expect(doc.paths['/api/v1/me'].get.security).toEqual([{ tma: [] }]);
    expect(
      doc.paths['/api/v1/users/'].get.parameters.map((p: { name: string }) => p.name),
    ).toContain('pageSize');
    expect((await t.app.inject({ url: '/docs' })).statusCode).toBeLessThan(400);
    const redoc = await t.app.inject({ url: '/redoc' });
    expect(redoc.body).toContain('spec-url="/docs/json"');
    expect((await t.app.inject({ url: '/redoc/redoc.standalone.js' })).statusCode).toBe(200);
  });

  it('answers unknown API routes with a JSON 404', async () => {
    const res = await t.app.inject({ url: '/api/v1/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({
      code: 'not_found',
      message: 'Route GET /api/v1/nothing-here not found',
    });
  });

  it('refuses to start when an API route declares no access rule', async () => {
    const { buildApp } = await import('../src/app.ts');
    const { testConfig } = await import('./helpers/rebuild.ts');
    const app = await buildApp(testConfig(), { db: t.database.db });
    app.register(async (scope) => {
      scope.get('/api/v1/late', async () => 'open to anyone?');
    });
    await expect(app.ready()).rejects.toThrow('route GET /api/v1/late declares no access');
    await app.close().catch(() => {});
  });
});

describe('logs', () => {
  it('never contain the bot token or the raw initData', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const { loggerOptions } = await import('../src/lib/logger.ts');
    const { loadConfig } = await import('../src/config.ts');
    const Fastify = (await import('fastify')).default;
    const options = loggerOptions(
      loadConfig({ NODE_ENV: 'test', BOT_TOKEN: testBotToken, LOG_LEVEL: 'info' }),
    ) as object;
    const log = Fastify({ logger: { ...options, stream: sink } }).log;
    log.info(`calling https://api.telegram.org/bot${testBotToken}/getMe`);
    log.error({ err: new Error(`fetch failed for bot${testBotToken}`) }, 'bot error');
    log.info({ req: { headers: { authorization: 'tma user=secret&hash=abc' } } }, 'request');
    const all = lines.join('');
    expect(all).not.toContain(testBotToken);
    expect(all).not.toContain('user=secret');
    expect(all).toContain('[REDACTED]');
  });
});
