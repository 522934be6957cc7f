// Waiting in tests for work that happens in the background: refreshes, retries, another
// process's log. Every wait has a deadline and says what it waited for.

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface WaitOptions {
  /** Give up after this long (default 30 s). */
  ms?: number;
  /** Poll this often (default 100 ms). */
  every?: number;
  /** Added to the failure, e.g. a server process's output. */
  detail?: () => string;
}

/** Polls `ok` until it holds; fails naming `what` once the deadline has passed. */
export async function waitUntil(
  what: string,
  ok: () => boolean | Promise<boolean>,
  o: WaitOptions = {},
): Promise<void> {
  const deadline = Date.now() + (o.ms ?? 30_000);
  while (!(await ok())) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}${o.detail ? `:\n${o.detail()}` : ''}`);
    }
    await sleep(o.every ?? 100);
  }
}

/** Polls until `check` passes (stops throwing); after `ms` its last error is the failure. */
export async function eventually(check: () => Promise<void>, ms = 20_000): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > until) throw err;
      await sleep(100);
    }
  }
}
