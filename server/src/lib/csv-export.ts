// CSV for people to open in spreadsheets: RFC 4180 quoting, a cell that a spreadsheet would
// run as a formula (=, +, -, @, tab, carriage return first) prefixed with ' so it stays text,
// and a byte order mark first, so that Excel reads Cyrillic names as UTF-8.

const formulaStart = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let s = String(value);
  if (typeof value === 'string' && formulaStart.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** A header row and data rows as CSV text (BOM, CRLF line ends, as spreadsheets expect). */
export function toCsv(
  header: readonly string[],
  rows: readonly (readonly (string | number | null | undefined)[])[],
): string {
  return '\uFEFF'.concat(
    [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n'),
    '\r\n',
  );
}
