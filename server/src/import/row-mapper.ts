// What every header-based row mapper does: read named fields while remembering which one
// is being read, refuse a row whose column count differs from the header, and turn a
// FieldError into a rejection naming that column.
import { FieldError } from '../lib/parse-values.ts';
import type { ImportRecord, RowOutcome } from './records.ts';

export function mapRow<F extends string, T>(
  header: string[],
  cols: Partial<Record<F, number>>,
  r: ImportRecord,
  build: (get: (f: F) => string) => T,
): RowOutcome<T> {
  if (r.fields.length !== header.length) {
    const reason = `has ${r.fields.length} columns; the header has ${header.length}`;
    return { ok: false, field: 'row', reason };
  }
  let field = 'row';
  const get = (f: F) => {
    const i = cols[f];
    field = (i === undefined ? undefined : header[i]) ?? f;
    return i === undefined ? '' : (r.fields[i] ?? '').trim();
  };
  try {
    return { ok: true, value: build(get) };
  } catch (err) {
    if (err instanceof FieldError) return { ok: false, field, reason: err.message };
    throw err;
  }
}
