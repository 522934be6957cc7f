// Report answers per request (route, filters, viewer scope) as JSON bytes, keyed on the
// derived tables' generation: a refresh makes every older entry unreachable. The cache is
// bounded by bytes, not entries (one five-year weekly cohort matrix is megabytes), and an
// answer larger than a share of it is served but not kept. Concurrent identical requests
// share one computation.
import { LRUCache } from 'lru-cache';

/** An answer larger than this share of the cache is served but not kept. */
const largestShare = 8;

export class ResultCache {
  private readonly kept: LRUCache<string, Buffer> | null;
  private readonly pending = new Map<string, Promise<Buffer>>();
  hits = 0;
  misses = 0;

  /** maxBytes: bytes of answers kept in all (ANALYTICS_CACHE_MB); 0 keeps none. */
  constructor(readonly maxBytes: number) {
    this.kept =
      maxBytes > 0
        ? new LRUCache<string, Buffer>({
            maxSize: maxBytes,
            maxEntrySize: Math.max(1, Math.floor(maxBytes / largestShare)),
            sizeCalculation: (answer) => Math.max(1, answer.byteLength),
          })
        : null;
  }

  get(generation: number, key: string, compute: () => Promise<Buffer>): Promise<Buffer> {
    const full = `${generation}|${key}`;
    const found = this.kept?.get(full) ?? this.pending.get(full);
    if (found) {
      this.hits++;
      return Promise.resolve(found);
    }
    this.misses++;
    const computing = compute();
    this.pending.set(full, computing);
    computing.then(
      (answer) => {
        this.pending.delete(full);
        this.kept?.set(full, answer);
      },
      () => this.pending.delete(full),
    );
    return computing;
  }

  /** Bytes of answers kept now. */
  get bytes(): number {
    return this.kept?.calculatedSize ?? 0;
  }

  clear(): void {
    this.kept?.clear();
  }
}
