// Results per request (route, filters, viewer scope), keyed on the derived tables'
// generation: a refresh makes every older entry unreachable. Concurrent identical requests
// share one computation.
import { LRUCache } from 'lru-cache';

export class ResultCache {
  private readonly entries = new LRUCache<string, Promise<unknown>>({ max: 1000 });
  hits = 0;
  misses = 0;

  get<T>(generation: number, key: string, compute: () => Promise<T>): Promise<T> {
    const full = `${generation}|${key}`;
    const found = this.entries.get(full);
    if (found) {
      this.hits++;
      return found as Promise<T>;
    }
    this.misses++;
    const pending = compute();
    this.entries.set(full, pending);
    pending.catch(() => this.entries.delete(full));
    return pending;
  }

  clear(): void {
    this.entries.clear();
  }
}
