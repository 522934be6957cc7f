// Worker thread of bench:api: runs autocannon against one URL, off the server's event loop,
// and posts back the latency of every 2xx response as measured by autocannon (hrtime, from
// writing the request to the end of the response; fractional ms). autocannon's own summary
// keeps latencies in an integer-millisecond histogram and has no p95, so the percentiles are
// computed from these exact values by the caller.
import { parentPort } from 'node:worker_threads';
import autocannon from 'autocannon';

export interface LoadRequest {
  url: string;
  headers: Record<string, string>;
  connections: number;
  seconds: number;
}

export interface LoadResult {
  /** Latency of each 2xx response, ms, in completion order. */
  latencies: Float64Array<ArrayBuffer>;
  /** Responses by status code, 2xx included. */
  statuses: Record<string, number>;
  errors: number;
  timeouts: number;
  /** Wall time of the run, s. */
  seconds: number;
  /** autocannon's own figures (integer-ms histogram), for cross-checking. */
  autocannon: { p50: number; p99: number; sent: number };
}

// In a worker thread autocannon leaves its histograms encoded; its aggregateResult (missing
// from @types/autocannon) decodes them as it does on the main thread.
const aggregate = (
  autocannon as unknown as { aggregateResult(r: unknown[], o: object): autocannon.Result }
).aggregateResult;

async function run({ url, headers, connections, seconds }: LoadRequest): Promise<LoadResult> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const raw = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url, headers, connections, duration: seconds }, (err, r) =>
      err ? reject(err) : resolve(r),
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
      if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
    });
  });
  const summary = aggregate([raw], { url, connections, duration: seconds });
  return {
    latencies: Float64Array.from(latencies),
    statuses,
    errors: raw.errors,
    timeouts: raw.timeouts,
    seconds: (new Date(raw.finish).getTime() - new Date(raw.start).getTime()) / 1000,
    autocannon: {
      p50: summary.latency.p50,
      p99: summary.latency.p99,
      sent: summary.requests.sent,
    },
  };
}

// One worker serves every run of a bench, one request at a time: its client code stays warm.
const port = parentPort;
if (!port) throw new Error('api-load.ts runs as a worker thread of bench/api.ts');
port.on('message', async (request: LoadRequest) => {
  const out = await run(request);
  port.postMessage(out, [out.latencies.buffer]);
});
