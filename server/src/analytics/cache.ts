// Report answers per request (route, filters, viewer scope) as JSON bytes, keyed on the
// derived tables' generation: a refresh makes every older entry unreachable. The cache is
// bounded by bytes, not entries (one five-year weekly cohort matrix is megabytes), and an
// answer larger than a share of it is served but not kept. Concurrent identical requests
// share one computation.
import { LRUCache } from 'lru-cache';

export interface CacheLimits {
  /** Bytes of answers kept in all. */
  maxBytes: number;
  /** An answer larger than this is not kept. */
  maxEntryBytes: number;
}

export const defaultCacheLimits: CacheLimits = { maxBytes: 64 << 20, maxEntryBytes: 8 << 20 };

export class ResultCache {
  private readonly kept: LRUCache<string, Buffer>;
  private readonly pending = new Map<string, Promise<Buffer>>();
  hits = 0;
  misses = 0;

  constructor(limits: CacheLimits = defaultCacheLimits) {
    this.kept = new LRUCache<string, Buffer>({
      maxSize: limits.maxBytes,
      maxEntrySize: limits.maxEntryBytes,
      sizeCalculation: (answer) => Math.max(1, answer.byteLength),
    });
  }

  get(generation: number, key: string, compute: () => Promise<Buffer>): Promise<Buffer> {
    const full = `${generation}|${key}`;
    const found = this.kept.get(full) ?? this.pending.get(full);
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
        this.kept.set(full, answer);
      },
      () => this.pending.delete(full),
    );
    return computing;
  }

  /** Bytes of answers kept now. */
  get bytes(): number {
    return this.kept.calculatedSize;
  }

  clear(): void {
    this.kept.clear();
  }
}
