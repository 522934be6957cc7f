// Reading Prometheus' text format in tests.
import type { FastifyInstance } from 'fastify';
import { testMetricsToken } from './rebuild.ts';

/** The scrape, with the test servers' token. */
export async function scrape(app: FastifyInstance): Promise<string> {
  const res = await app.inject({
    url: '/metrics',
    headers: { authorization: `Bearer ${testMetricsToken}` },
  });
  if (res.statusCode !== 200) throw new Error(`/metrics: ${res.statusCode} ${res.body}`);
  return res.body;
}

/** The samples of one metric: labels and value per line. */
export function samples(text: string, name: string) {
  const out: { labels: Record<string, string>; value: number }[] = [];
  for (const line of text.split('\n')) {
    const m = line.match(/^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/);
    if (!m || m[1] !== name) continue;
    const labels = Object.fromEntries(
      [...(m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((l) => [l[1], l[2]]),
    );
    out.push({ labels: labels as Record<string, string>, value: Number(m[3]) });
  }
  return out;
}

/** The value of the sample whose labels include `labels` (summed over the rest); 0 if none. */
export function value(text: string, name: string, labels: Record<string, string> = {}) {
  return samples(text, name)
    .filter((s) => Object.entries(labels).every(([k, v]) => s.labels[k] === v))
    .reduce((sum, s) => sum + s.value, 0);
}
