// Matches a file's header to the fields an import needs: by --map first, then by common
// names in English and Russian (compared in any script without case, spaces or
// punctuation: "Кол-во" is "колво", "Order #" is "order"). A missing required field stops
// the import before any row is read.
export type ColumnMap = Record<string, string>;

/** A column name as compared: letters and digits of any script, lower case, ё as е. */
export const norm = (s: string) =>
  s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[^\p{L}\p{N}]/gu, '');

export class HeaderError extends Error {}

/** Each compared name of a header → its first column (unnamed columns left out). */
export function columnIndex(header: readonly string[]): Map<string, number> {
  const index = new Map<string, number>();
  header.forEach((h, i) => {
    const key = norm(h);
    if (key !== '' && !index.has(key)) index.set(key, i);
  });
  return index;
}

/**
 * The column of each field: --map first, then the first of the field's names the header
 * has. `required` lists fields, or groups of which one will do (["sku", "productName"]); a
 * missing group is named by its first field.
 */
export function resolveColumns<K extends Record<string, readonly string[]>>(
  header: string[],
  known: K,
  required: readonly ((keyof K & string) | readonly (keyof K & string)[])[],
  overrides: ColumnMap,
): Partial<Record<keyof K & string, number>> {
  type F = keyof K & string;
  const index = columnIndex(header);
  const cols: Partial<Record<F, number>> = {};
  for (const [column, field] of Object.entries(overrides)) {
    if (!(field in known)) {
      throw new HeaderError(
        `--map ${column}=${field}: unknown field "${field}" (fields: ${Object.keys(known).join(', ')})`,
      );
    }
    const i = index.get(norm(column));
    if (i === undefined)
      throw new HeaderError(`--map ${column}=${field}: the file has no column "${column}"`);
    cols[field as F] = i;
  }
  for (const field of Object.keys(known) as F[]) {
    if (cols[field] !== undefined) continue;
    const i = (known[field] ?? [])
      .map((name) => index.get(norm(name)))
      .find((x) => x !== undefined);
    if (i !== undefined && !Object.values(cols).includes(i)) cols[field] = i;
  }
  const missing = required
    .map((r) => (typeof r === 'string' ? [r] : r))
    .filter((group) => group.every((f) => cols[f] === undefined))
    .map((group) => group[0]);
  if (missing.length > 0) {
    throw new HeaderError(
      `no column found for ${missing.join(', ')} (header: ${header.join(', ')}); name them with --map COLUMN=FIELD`,
    );
  }
  return cols;
}

/** Field → the header of the column it is read from, for the import's report. */
export function namedColumns(
  header: string[],
  cols: Partial<Record<string, number>>,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(cols).map(([field, i]) => [field, header[i as number] ?? '']),
  );
}
