// What a file reader yields: fields with the file line they start on, or a line that
// could not be read as a record at all.
export interface ImportRecord {
  line: number;
  fields: string[];
}

export type RowOutcome<T> = { ok: true; value: T } | { ok: false; field: string; reason: string };

export interface BadRecord {
  line: number;
  reason: string;
}
