// Credentials sent in a query string (an API key as ?api_key=, the webhook secret, initData)
// are refused, and the request is still logged: the logged URL keeps the query's names but
// none of its values, in the request lines and in messages that quote a URL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInitData } from '../../src/auth/init-data.ts';
import { buildTestApp, type TestApp, testBotToken } from '../helpers/build-app.ts';
import { people } from '../helpers/fixtures.ts';
import { apiKeyFor } from '../helpers/ingest.ts';
import { capturedLogs, expectCleanLogs } from '../helpers/logs.ts';

const webhookSecret = 'a-webhook-secret-in-a-url-0042';

describe('secrets in query strings', () => {
  const logs = capturedLogs();
  let t: TestApp;
  let key: string;
  let initData: string;
  beforeAll(async () => {
    t = await buildTestApp(
      { BOT_TOKEN: testBotToken, WEBHOOK_SECRET: webhookSecret, LOG_LEVEL: 'info' },
      { logStream: logs.stream },
    );
    key = await apiKeyFor(t);
    initData = signInitData(people.clientA, testBotToken);
  });
  afterAll(() => t?.close());

  it('are refused, and no logged URL holds one', async () => {
    const q = (v: string) => encodeURIComponent(v);
    const calls: [string, string][] = [
      ['POST', `/api/v1/ingest/events?api_key=${q(key)}`],
      ['POST', `/api/v1/ingest/events?key=${key}&source=shop`],
      ['POST', `/api/v1/ingest/events?${key}`],
      ['GET', `/api/v1/me?secret=${webhookSecret}`],
      ['GET', `/api/v1/me?tgWebAppData=${q(initData)}`],
      ['GET', `/api/v1/analytics/dashboard?x=${q(key)}&y=${q(webhookSecret)}`],
      ['GET', `/api/v1/no-such-route?token=${q(key)}`],
      ['GET', `/health?k=${q(initData)}`],
    ];
    for (const [method, url] of calls) {
      const res = await t.app.inject({
        method: method as 'GET' | 'POST',
        url,
        ...(method === 'POST' ? { payload: { items: [] } } : {}),
      });
      // Credentials are taken from headers only: a key in the URL authenticates nothing.
      if (url.startsWith('/api/v1/')) expect(res.statusCode, url).toBeGreaterThanOrEqual(401);
    }
    // A message that quotes a URL (a fetch error, a proxy's 404) is redacted the same way.
    t.app.log.warn(`upstream said 404 for GET https://shop.example/hook?apikey=${key}&s=1`);

    const text = logs.text();
    const urls = logs
      .entries()
      .map((e) => (e.req as { url?: string } | undefined)?.url)
      .filter((u): u is string => !!u);
    expect(urls).toContain('/api/v1/ingest/events?api_key=[REDACTED]');
    expect(urls).toContain('/api/v1/ingest/events?key=[REDACTED]&source=[REDACTED]');
    expect(urls).toContain('/api/v1/ingest/events?[REDACTED]');
    expect(urls).toContain('/api/v1/analytics/dashboard?x=[REDACTED]&y=[REDACTED]');
    expect(urls).toContain('/health?k=[REDACTED]');
    expect(text).toContain('https://shop.example/hook?apikey=[REDACTED]&s=[REDACTED]');
    expect(text).not.toContain(webhookSecret);
    expect(text).not.toContain(q(key));
    expect(expectCleanLogs(text, { apiKeys: [key], initData: [initData, q(initData)] })).toEqual(
      [],
    );
  });

  it('keeps the path and the names, so the logs still say what was called', () => {
    const urls = logs
      .entries()
      .map((e) => (e.req as { url?: string } | undefined)?.url)
      .filter((u): u is string => !!u);
    expect(urls).toContain('/api/v1/me?secret=[REDACTED]');
    expect(urls).toContain('/api/v1/me?tgWebAppData=[REDACTED]');
    expect(urls).toContain('/api/v1/no-such-route?token=[REDACTED]');
  });
});
