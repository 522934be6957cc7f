// Which character encoding a file is in, from its first bytes: a byte order mark (UTF-8,
// UTF-16), UTF-16 without one (every other byte zero), UTF-8 when the bytes are valid UTF-8,
// else the Windows code page of the letters it holds: 1251 (Cyrillic: 1C and Excel exports
// in Russia) when most bytes above 127 are Cyrillic letters there, else 1252 (Western).
import { open } from 'node:fs/promises';
import { Transform } from 'node:stream';

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1251' | 'windows-1252';
export const encodings: Encoding[] = [
  'utf-8',
  'utf-16le',
  'utf-16be',
  'windows-1251',
  'windows-1252',
];

export interface Detected {
  encoding: Encoding;
  /** How it was found, for the import's report. */
  by: 'byte order mark' | 'zero bytes' | 'valid UTF-8' | 'letters' | 'given';
}

const sampleBytes = 65_536;

export async function sampleOf(file: string): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(sampleBytes), 0, sampleBytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

export function detectEncoding(sample: Buffer): Detected {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf)
    return { encoding: 'utf-8', by: 'byte order mark' };
  if (sample[0] === 0xff && sample[1] === 0xfe)
    return { encoding: 'utf-16le', by: 'byte order mark' };
  if (sample[0] === 0xfe && sample[1] === 0xff)
    return { encoding: 'utf-16be', by: 'byte order mark' };
  const pairs = Math.floor(Math.min(sample.length, 4096) / 2);
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < pairs; i++) {
    if (sample[2 * i] === 0) evenZero++;
    if (sample[2 * i + 1] === 0) oddZero++;
  }
  if (pairs >= 4 && oddZero > pairs * 0.3 && evenZero < pairs * 0.05)
    return { encoding: 'utf-16le', by: 'zero bytes' };
  if (pairs >= 4 && evenZero > pairs * 0.3 && oddZero < pairs * 0.05)
    return { encoding: 'utf-16be', by: 'zero bytes' };
  if (validUtf8(sample)) return { encoding: 'utf-8', by: 'valid UTF-8' };
  // Windows-1251 puts Cyrillic letters at 0xC0-0xFF (and Ё ё at 0xA8, 0xB8): Russian words
  // are runs of such bytes. Windows-1252 puts ä, é, ü there too, but Western words have one
  // among ASCII letters ("Müller", "café"), so most of those bytes stand alone.
  const letter = (b: number | undefined) =>
    b !== undefined && (b >= 0xc0 || b === 0xa8 || b === 0xb8);
  let letters = 0;
  let inRuns = 0;
  for (let i = 0; i < sample.length; i++) {
    if (!letter(sample[i])) continue;
    letters++;
    if (letter(sample[i - 1]) || letter(sample[i + 1])) inRuns++;
  }
  const encoding = letters > 8 && inRuns / letters > 0.6 ? 'windows-1251' : 'windows-1252';
  return { encoding, by: 'letters' };
}

/** Valid UTF-8, allowing a character cut at the end of the sample. */
function validUtf8(sample: Buffer): boolean {
  let end = sample.length;
  // Step back over a sequence the sample may have cut (at most 3 bytes).
  for (let k = 1; k <= 3 && k <= sample.length; k++) {
    const b = sample[sample.length - k] as number;
    if ((b & 0xc0) !== 0x80) {
      if (b >= 0xc0) end = sample.length - k;
      break;
    }
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample.subarray(0, end));
    return true;
  } catch {
    return false;
  }
}

/** Bytes in `encoding` to text, chunk by chunk (a character split across chunks is kept whole); a byte order mark is dropped. */
export function decoder(encoding: Encoding): Transform {
  const text = new TextDecoder(encoding);
  return new Transform({
    readableObjectMode: false,
    decodeStrings: true,
    transform(chunk: Buffer, _enc, done) {
      done(null, text.decode(chunk, { stream: true }));
    },
    flush(done) {
      done(null, text.decode());
    },
  });
}
