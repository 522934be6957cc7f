// What a file reader yields (fields with the file line they start on, or a line that could
// not be read as a record at all), what a mapper makes of it, and what mapping is told.
import type { DateFormat, DecimalMark } from '../lib/parse-values.ts';
import type { ColumnMap } from './columns.ts';
export interface ImportRecord {
  line: number;
  fields: string[];
}

export type RowOutcome<T> = { ok: true; value: T } | { ok: false; field: string; reason: string };

export interface BadRecord {
  line: number;
  reason: string;
}

/** A header read: how each row becomes a value, and which column each field comes from. */
export interface Mapped<T> {
  map: (r: ImportRecord) => RowOutcome<T>;
  columns: Record<string, string>;
  /** The export layout recognised (layouts.ts), if any. */
  layout?: string | undefined;
}

export interface PlanOptions {
  source: string;
  map: ColumnMap;
  dateFormat: DateFormat;
  /** The file's decimal mark (given, or "," in files separated by ";"). */
  decimal: DecimalMark;
  cancelledPrefix: string | null;
  strict: boolean;
}
