// One statement at a time on the transaction's connection, but the next batch is built while
// the database works on the current one: on Postgres that runs the generator and the server
// side by side on two cores instead of taking turns. (PGlite runs in this thread: no gain.)
export class WriteQueue {
  private inflight: Promise<unknown> = Promise.resolve();

  /** Waits for the previous write, starts this one and returns once it is on its way. */
  async push(write: () => PromiseLike<unknown>): Promise<void> {
    await this.inflight;
    // Prisma's promises are lazy: `then` is what sends the query.
    const started = Promise.resolve().then(write);
    started.catch(() => {}); // reported by the next push or by drain()
    this.inflight = started;
    // Lets the driver write the query to the socket before the caller's next busy stretch.
    await new Promise((resolve) => setImmediate(resolve));
  }

  async drain(): Promise<void> {
    await this.inflight;
  }
}
