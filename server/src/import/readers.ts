// Streams a file as records with their line numbers, so memory stays flat whatever the
// file size. CSV: UTF-8 with or without BOM, delimiter sniffed from the first line (or
// given), RFC 4180 quoting; a record that cannot be parsed is reported, not fatal.
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { parse } from 'csv-parse';
import type { BadRecord, ImportRecord } from './records.ts';

export interface ReadProgress {
  /** Bytes of the file read so far. */
  bytes: number;
}

const candidates = [',', ';', '\t', '|'];

/** The delimiter that splits the first line into the most fields, outside quotes. */
export async function sniffDelimiter(file: string): Promise<string> {
  const handle = await open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(65_536), 0, 65_536, 0);
    const firstLine =
      buffer
        .subarray(0, bytesRead)
        .toString('utf8')
        .replace(/^\uFEFF/, '')
        .split(/\r?\n/)[0] ?? '';
    const unquoted = firstLine.replace(/"[^"]*"/g, '');
    const counts = candidates.map((d) => unquoted.split(d).length - 1);
    const best = Math.max(...counts);
    return best === 0 ? ',' : candidates[counts.indexOf(best)]!;
  } finally {
    await handle.close();
  }
}

export async function* csvRecords(
  file: string,
  delimiter: string,
  progress: ReadProgress,
  onBad: (bad: BadRecord) => void,
): AsyncGenerator<ImportRecord> {
  const input = createReadStream(file, { highWaterMark: 1 << 20 });
  input.on('data', (chunk) => {
    progress.bytes += chunk.length;
  });
  const parser = input.pipe(
    parse({
      bom: true,
      delimiter,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      info: true,
    }),
  );
  parser.on('skip', (err: Error & { lines?: number }) => {
    onBad({ line: err.lines ?? 0, reason: `unreadable record: ${err.message}` });
  });
  for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    yield { line: item.info.lines, fields: item.record };
  }
}

/** Whitespace-separated columns, as the CDNOW files are published (CRLF line ends). */
export async function* whitespaceRecords(
  file: string,
  progress: ReadProgress,
): AsyncGenerator<ImportRecord> {
  const input = createReadStream(file, { highWaterMark: 1 << 20 });
  input.on('data', (chunk) => {
    progress.bytes += chunk.length;
  });
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let line = 0;
  for await (const text of lines) {
    line++;
    const trimmed = text.replace(/^\uFEFF/, '').trim();
    if (trimmed !== '') yield { line, fields: trimmed.split(/\s+/) };
  }
}
