// LOG_DIR: JSON lines with request ids also go to a rotating file there, the console gets
// the same lines, and no credential a request carried reaches either.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../src/auth/api-keys.ts';
import { signInitData } from '../src/auth/init-data.ts';
import { launchUrl, palettes } from '../src/screenshots/telegram-bridge.ts';
import { buildTestApp, testBotToken } from './helpers/build-app.ts';
import { people } from './helpers/fixtures.ts';
import { event } from './helpers/ingest.ts';
import { capturedLogs, expectCleanLogs } from './helpers/logs.ts';

describe('LOG_DIR', () => {
  const cleanup: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const step of cleanup.reverse()) await step();
  });

  it('writes JSON lines with request ids to a file there, with credentials redacted', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'rd-logs-'));
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    const stdout = capturedLogs();
    const { app, database } = await buildTestApp(
      { BOT_TOKEN: testBotToken, LOG_DIR: dir, LOG_LEVEL: 'info' },
      { logStream: stdout.stream },
    );
    cleanup.push(() => database.drop());

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
    expect(lines).toEqual(stdout.lines);

    expect(expectCleanLogs(text, { apiKeys: [key], initData: [initData] })).toEqual([]);
    // The launch URL carries initData URL-encoded.
    const encoded = new URLSearchParams({ tgWebAppData: initData }).toString().slice(13);
    expect(text).not.toContain(encoded);
    expect(text).toContain('[REDACTED]');
  });
});
