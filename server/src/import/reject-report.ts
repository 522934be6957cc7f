// Rejected rows go to a CSV report (line, column, reason), created only when needed.
// People open it in spreadsheets, and reasons quote the file's values: cells that would
// run as formulas stay text (csvCell).
import { createWriteStream, type WriteStream } from 'node:fs';
import { csvCell } from '../lib/csv-export.ts';

export class RejectReport {
  count = 0;
  private out: WriteStream | undefined;

  constructor(readonly path: string) {}

  add(line: number, column: string, reason: string): void {
    this.count++;
    if (!this.out) {
      this.out = createWriteStream(this.path);
      this.out.write('line,column,reason\n');
    }
    this.out.write(`${[line, column, reason].map(csvCell).join(',')}\n`);
  }

  async close(): Promise<void> {
    const out = this.out;
    if (out)
      await new Promise<void>((resolve, reject) =>
        out.end((err?: Error | null) => (err ? reject(err) : resolve())),
      );
  }
}
