// npm run import -- FILE --kind transactions|customers|products|cdnow [--map COLUMN=FIELD ...] [--date-format F]
//   [--encoding E] [--delimiter D] [--decimal , | .] [--source NAME] [--cancelled-prefix P]
//   [--strict] [--dry-run] [--max-errors N] [--report PATH] [--batch-size N]
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { launchDir, openDatabaseFromEnv } from '@retention/db';
import { HeaderError } from '../import/columns.ts';
import { type Encoding, encodings } from '../import/encoding.ts';
import { importKinds } from '../import/plans.ts';
import { type Detection, type ImportKind, runImport } from '../import/run-import.ts';
import { type DateFormat, type DecimalMark, dateFormats } from '../lib/parse-values.ts';
import { printSummary } from './print-summary.ts';
import { progressPrinter } from './progress.ts';

const kinds = importKinds;
const usage = `usage: npm run import -- FILE --kind ${kinds.join('|')} [--map COLUMN=FIELD ...]
  [--date-format ${dateFormats.join('|')}] [--encoding ${encodings.join('|')}]
  [--delimiter D] [--decimal , | .] [--source NAME] [--cancelled-prefix P] [--strict]
  [--dry-run] [--max-errors N] [--report PATH] [--batch-size N]`;

function fail(message: string): never {
  console.error(`import: ${message}\n${usage}`);
  process.exit(2);
}

function positiveInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value)) fail(`--${name} must be a whole number, not "${value}"`);
  return Number(value);
}

let args: ReturnType<typeof parseArgs<{ options: typeof options; allowPositionals: true }>>;
const options = {
  kind: { type: 'string' },
  map: { type: 'string', multiple: true },
  'date-format': { type: 'string' },
  encoding: { type: 'string' },
  delimiter: { type: 'string' },
  decimal: { type: 'string' },
  source: { type: 'string' },
  'cancelled-prefix': { type: 'string' },
  strict: { type: 'boolean' },
  'dry-run': { type: 'boolean' },
  'max-errors': { type: 'string' },
  report: { type: 'string' },
  'batch-size': { type: 'string' },
} as const;
try {
  args = parseArgs({ options, allowPositionals: true });
} catch (err) {
  fail((err as Error).message);
}
const { values: v, positionals } = args;
const cwd = launchDir();
if (positionals.length !== 1) fail('give exactly one FILE');
const file = path.resolve(cwd, positionals[0]!);
if (!existsSync(file)) fail(`no such file: ${file}`);
const kind = v.kind as ImportKind;
if (!kinds.includes(kind)) fail(`--kind must be one of ${kinds.join(', ')}`);
const dateFormat = (v['date-format'] ?? 'auto') as DateFormat;
if (!dateFormats.includes(dateFormat))
  fail(`--date-format must be one of ${dateFormats.join(', ')}`);
const map: Record<string, string> = {};
for (const m of v.map ?? []) {
  const [column, field] = m.split('=');
  if (!column || !field) fail(`--map takes COLUMN=FIELD, not "${m}"`);
  map[column] = field;
}
const delimiter = v.delimiter === '\\t' ? '\t' : v.delimiter;
if (delimiter !== undefined && delimiter.length !== 1)
  fail('--delimiter is one character (\\t for tab)');
const encoding = v.encoding?.toLowerCase().replace(/^(cp|win)-?(\d+)$/, 'windows-$2');
if (encoding !== undefined && !encodings.includes(encoding as Encoding))
  fail(`--encoding must be one of ${encodings.join(', ')}`);
const decimal = v.decimal;
if (decimal !== undefined && decimal !== ',' && decimal !== '.')
  fail('--decimal is "," or "." (the mark before a number\'s fraction)');

/** What the import found in the file, before a row is written. */
function printDetected(d: Detection): void {
  const lines = [
    d.encoding ? `encoding   ${d.encoding.encoding} (${d.encoding.by})` : null,
    d.delimiter ? `delimiter  ${d.delimiter === '\t' ? 'tab' : `"${d.delimiter}"`}` : null,
    d.delimiter ? `decimal    "${d.decimal}"` : null,
    `layout     ${d.layout ?? 'columns by name'}`,
    ...Object.entries(d.columns).map(([field, column]) => `  ${column} → ${field}`),
  ];
  console.error(lines.filter((l) => l !== null).join('\n'));
}

const { db, where } = await openDatabaseFromEnv();
await db.migrate();
console.error(
  `importing ${path.basename(file)} (${kind}) into ${where}${v['dry-run'] ? ' — dry run, nothing is written' : ''}`,
);
const bar = progressPrinter('import');
try {
  const summary = await runImport(db, {
    file,
    kind,
    source: v.source ?? (kind === 'cdnow' ? 'cdnow' : 'default'),
    map,
    dateFormat,
    encoding: encoding as Encoding | undefined,
    delimiter,
    decimal: decimal as DecimalMark | undefined,
    cancelledPrefix: v['cancelled-prefix'] ?? null,
    strict: v.strict ?? false,
    dryRun: v['dry-run'] ?? false,
    maxErrors: positiveInt('max-errors', v['max-errors'], 100),
    // Beside the input, where its reader will look.
    reportPath: v.report ? path.resolve(cwd, v.report) : `${file}.rejects.csv`,
    batchSize: positiveInt('batch-size', v['batch-size'], db.kind === 'postgres' ? 20_000 : 5_000),
    onProgress: (p) => bar.update(p.bytes, p.totalBytes, p.rows),
    onDetected: printDetected,
  });
  bar.done();
  printSummary(summary);
  await db.close();
  process.exit(summary.failed ? 1 : 0);
} catch (err) {
  bar.done();
  await db.close();
  if (err instanceof HeaderError) fail(err.message);
  console.error(`import failed: ${(err as Error).message}`);
  process.exit(1);
}
