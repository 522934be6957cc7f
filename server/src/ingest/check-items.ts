// Parses each item of a batch on its own: valid items keep their index (for rejections
// found later, such as unknown customers), invalid ones become errors naming the field.
import type { z } from 'zod';

export interface ItemError {
  index: number;
  /** Path in the item, e.g. `lines[2].quantity`; `item` for the item as a whole. */
  field: string;
  reason: string;
}

export interface CheckedItems<T> {
  valid: { index: number; item: T }[];
  errors: ItemError[];
}

/** A few reasons per item are enough to fix it; a broken client would flood the answer. */
const maxErrorsPerItem = 5;

function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    out += typeof key === 'number' ? `[${key}]` : `${out ? '.' : ''}${String(key)}`;
  }
  return out || 'item';
}

export function checkItems<S extends z.ZodType>(
  items: readonly unknown[],
  schema: S,
): CheckedItems<z.output<S>> {
  const result: CheckedItems<z.output<S>> = { valid: [], errors: [] };
  for (const [index, raw] of items.entries()) {
    const parsed = schema.safeParse(raw);
    if (parsed.success) {
      result.valid.push({ index, item: parsed.data });
      continue;
    }
    for (const issue of parsed.error.issues.slice(0, maxErrorsPerItem)) {
      result.errors.push({ index, field: fieldPath(issue.path), reason: issue.message });
    }
  }
  return result;
}
