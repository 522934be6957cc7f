// LOG_DIR: JSON lines with request ids also go to a rotating file there, the console gets
// the same lines, and no credential a request carried reaches either.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { createTestDatabase } from '@retention/db/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { signInitData } from '../src/lib/init-data.ts';
import { launchUrl, palettes } from '../src/screenshots/telegram-bridge.ts';
import { createApiKey } from '../src/services/api-keys.ts';
import { testBotToken } from './helpers/build-app.ts';
import { people } from './helpers/fixtures.ts';
import { event } from './helpers/ingest.ts';
import { testConfig } from './helpers/rebuild.ts';

describe('LOG_DIR', () => {
  const cleanup: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const step of cleanup.reverse()) await step();
  });

  it('writes JSON lines with request ids to a file there, with credentials redacted', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'rd-logs-'));
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    const database = await createTestDatabase();
    cleanup.push(() => database.drop());
    const consoleLines: string[] = [];
    const logStream = new Writable({
      write(chunk, _enc, done) {
        consoleLines.push(...chunk.toString().split('\n').filter(Boolean));
        done();
      },
    });
    const app = await buildApp(
      testConfig({ BOT_TOKEN: testBotToken, LOG_DIR: dir, LOG_LEVEL: 'info' }),
      { db: database.db, logStream },
    );
    await app.ready();

    const initData = signInitData(people.clientA, testBotToken);
    const { key } = await createApiKey(database.db.prisma, { name: 'shop', actorRole: 'cli' });
    const me = await app.inject({
      url: '/api/v1/me',
      headers: { authorization: `tma ${initData}`, 'x-request-id': 'trace-logs-0001' },
    });
    expect(me.headers['x-request-id']).toBe('trace-logs-0001');
    for (const headers of [{ authorization: `Bearer ${key}` }, { 'x-api-key': key }]) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/ingest/events',
        headers,
        payload: { items: [event('log-1')] },
      });
      expect(res.statusCode).toBe(200);
    }
    await app.inject({ url: '/api/v1/me', headers: { authorization: `tma ${initData}x` } });
    app.log.warn(`bot: getMe failed at https://api.telegram.org/bot${testBotToken}/getMe`);
    app.log.error({ err: new Error(`fetch bot${testBotToken}/getUpdates failed`) }, 'bot');
    // Messages that quote credentials: a failed page.goto quotes the launch URL (initData in
    // its hash), a careless line an API key or an Authorization value.
    const launch = launchUrl('http://127.0.0.1:3000', '/block/kpis', initData, palettes.light);
    app.log.error({ err: new Error(`page.goto: net::ERR_ABORTED at ${launch}`) }, 'screenshot');
    app.log.warn(`ingest: key ${key} refused; header was tma ${initData}`);
    await app.close();

    const files = await readdir(dir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^server\.\d{4}-\d{2}-\d{2}\.1\.log$/);
    const text = await readFile(path.join(dir, files[0]!), 'utf8');
    const lines = text.split('\n').filter(Boolean);
    const entries = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(entries).toContainEqual(
      expect.objectContaining({ reqId: 'trace-logs-0001', msg: 'request completed' }),
    );
    expect(entries.filter((e) => e.msg === 'events' && e.apiKey === 'shop')).toHaveLength(2);
    expect(lines).toEqual(consoleLines);

    const hash = new URLSearchParams(initData).get('hash')!;
    const encoded = new URLSearchParams({ tgWebAppData: initData }).toString().slice(13);
    const secrets = [testBotToken, initData, encoded, hash, key, key.split('_').at(-1)!];
    for (const secret of secrets) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('[REDACTED]');
  });
});
