// Issue 18, item 1: distinct heavy analytics answers (a weekly cohort matrix is megabytes)
// once filled the result cache by entry count until the heap ran out. Here a staff caller
// asks for a few thousand distinct ones; the cache stays within ANALYTICS_CACHE_MB and the
// heap's low point (measured after a full collection) stays flat.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoTestApp } from './helpers/demo-app.ts';
import { people, tma } from './helpers/fixtures.ts';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const cacheMb = 8;
const requests = 2400;
const concurrency = 4;
const checkEvery = 300;
const mib = (bytes: number) => Math.round(bytes / 2 ** 20);

/** Memory that survives a full collection: V8's heap and the memory outside it (Buffers). */
function settled() {
  gc();
  gc();
  const m = process.memoryUsage();
  return { heap: m.heapUsed, buffers: m.arrayBuffers, external: m.external, rss: m.rss };
}

/** The i-th distinct range: every `from` day from 2024-01-01, then `to` a week earlier. */
function query(i: number): string {
  const day = (offset: number) => new Date(Date.UTC(2024, 0, 1) + offset * 86_400_000);
  const from = day(i % 600)
    .toISOString()
    .slice(0, 10);
  const to = new Date(Date.now() - Math.floor(i / 600) * 7 * 86_400_000).toISOString().slice(0, 10);
  return `granularity=week&from=${from}&to=${to}`;
}

describe('memory under distinct heavy analytics requests', () => {
  let t: Awaited<ReturnType<typeof demoTestApp>>;
  beforeAll(async () => {
    t = await demoTestApp(300, { ANALYTICS_CACHE_MB: String(cacheMb) });
  }, 300_000);
  afterAll(async () => t?.close());

  it(`keeps the cache within ${cacheMb} MiB and the heap's low point flat over ${requests} requests`, {
    timeout: 900_000,
  }, async () => {
    const headers = tma(people.northManager);
    const samples: ({ done: number; cache: number } & ReturnType<typeof settled>)[] = [];
    let largest = 0;
    let next = 0;
    const statuses = new Map<number, number>();
    const worker = async () => {
      while (next < requests) {
        const i = next++;
        const res = await t.app.inject({ url: `/api/v1/analytics/retention?${query(i)}`, headers });
        statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
        largest = Math.max(largest, res.rawPayload.byteLength);
        expect(t.app.analytics.cache.bytes).toBeLessThanOrEqual(cacheMb * 2 ** 20);
        if ((i + 1) % checkEvery === 0) {
          samples.push({ done: i + 1, ...settled(), cache: t.app.analytics.cache.bytes });
        }
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    const shown = samples
      .map(
        (s) =>
          `${s.done}: heap ${mib(s.heap)} MiB, buffers ${mib(s.buffers)}, external ${mib(s.external)}, rss ${mib(s.rss)}, cache ${mib(s.cache)}`,
      )
      .join('\n  ');
    console.log(`largest answer ${(largest / 2 ** 20).toFixed(1)} MiB; after\n  ${shown}`);
    expect([...statuses], shown).toEqual([[200, requests]]);
    // The answers are large enough that a cache bounded by count would hold hundreds of MiB.
    expect(largest).toBeGreaterThan(1 << 20);
    expect(t.app.analytics.cache.misses).toBe(requests);
    // After the first checkpoint the cache is full; what it holds may change, not its bound.
    const [first, ...rest] = samples;
    if (!first) throw new Error('no samples');
    for (const s of rest) {
      expect(s.heap - first.heap, shown).toBeLessThan(24 * 2 ** 20);
      // Buffers made in the report threads count as external memory here, not arrayBuffers.
      expect(s.external - first.external, shown).toBeLessThan((cacheMb + 24) * 2 ** 20);
    }
  });
});
