// Streams a file as records with their line numbers, so memory stays flat whatever the
// file size. CSV: the encoding detected (encoding.ts) or given, the delimiter sniffed from
// the first line (or given), RFC 4180 quoting; a record that cannot be parsed is reported,
// not fatal.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { parse } from 'csv-parse';
import { type Detected, decoder, detectEncoding, type Encoding, sampleOf } from './encoding.ts';
import type { BadRecord, ImportRecord } from './records.ts';

export interface ReadProgress {
  /** Bytes of the file read so far. */
  bytes: number;
}

const candidates = [',', ';', '\t', '|'];

export interface CsvFormat {
  encoding: Detected;
  delimiter: string;
}

/** The file's encoding and delimiter: as given, else detected from its first 64 KiB. */
export async function detectCsvFormat(
  file: string,
  given: { encoding?: Encoding | undefined; delimiter?: string | undefined },
): Promise<CsvFormat> {
  const sample = await sampleOf(file);
  const encoding: Detected = given.encoding
    ? { encoding: given.encoding, by: 'given' }
    : detectEncoding(sample);
  const text = new TextDecoder(encoding.encoding).decode(sample);
  return { encoding, delimiter: given.delimiter ?? sniffDelimiter(text) };
}

/** The delimiter that splits the first line into the most fields, outside quotes. */
function sniffDelimiter(text: string): string {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/)[0] ?? '';
  const unquoted = firstLine.replace(/"[^"]*"/g, '');
  const counts = candidates.map((d) => unquoted.split(d).length - 1);
  const best = Math.max(...counts);
  return best === 0 ? ',' : (candidates[counts.indexOf(best)] as string);
}

export async function* csvRecords(
  file: string,
  format: CsvFormat,
  progress: ReadProgress,
  onBad: (bad: BadRecord) => void,
): AsyncGenerator<ImportRecord> {
  const input = createReadStream(file, { highWaterMark: 1 << 20 });
  const text = input.pipe(decoder(format.encoding.encoding));
  const consumed = consumption(input, text, progress);
  const parser = text.pipe(
    parse({
      bom: true,
      delimiter: format.delimiter,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      info: true,
    }),
  );
  parser.on('skip', (err: Error & { lines?: number }) => {
    onBad({ line: err.lines ?? 0, reason: `unreadable record: ${err.message}` });
  });
  type Item = { record: string[]; info: { lines: number; bytes: number } };
  for await (const item of parser as AsyncIterable<Item>) {
    consumed(item.info.bytes);
    yield { line: item.info.lines, fields: item.record };
  }
}

/** Whitespace-separated columns, as the CDNOW files are published (CRLF line ends). */
export async function* whitespaceRecords(
  file: string,
  progress: ReadProgress,
): AsyncGenerator<ImportRecord> {
  const input = createReadStream(file, { highWaterMark: 1 << 20, encoding: 'latin1' });
  const consumed = consumption(input, input, progress);
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let line = 0;
  let characters = 0;
  for await (const text of lines) {
    line++;
    characters += text.length + 1;
    consumed(characters);
    const trimmed = text.replace(/^\uFEFF/, '').trim();
    if (trimmed !== '') yield { line, fields: trimmed.split(/\s+/) };
  }
}

/**
 * Progress as the bytes of the file the rows handed on so far stand for, not the bytes read
 * ahead: the characters consumed, in the proportion of bytes read to characters decoded.
 */
function consumption(
  bytes: NodeJS.ReadableStream,
  characters: NodeJS.ReadableStream,
  progress: ReadProgress,
) {
  let read = 0;
  let decoded = 0;
  bytes.on('data', (chunk: Buffer | string) => {
    read += typeof chunk === 'string' ? Buffer.byteLength(chunk, 'latin1') : chunk.length;
  });
  characters.on('data', (chunk: Buffer | string) => {
    decoded += chunk.length;
  });
  return (consumedCharacters: number) => {
    if (decoded > 0)
      progress.bytes = Math.round((read * Math.min(consumedCharacters, decoded)) / decoded);
  };
}
