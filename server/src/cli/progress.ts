// Progress for long commands: a bar redrawn in place on a terminal; plain lines every two
// seconds otherwise (CI logs, pipes).
export function progressPrinter(label: string, stream: NodeJS.WriteStream = process.stderr) {
  const started = Date.now();
  let lastPlain = 0;
  const fmt = new Intl.NumberFormat('en-US');
  return {
    update(done: number, total: number, rows: number) {
      const seconds = (Date.now() - started) / 1000;
      const rate = seconds > 0 ? rows / seconds : 0;
      const share = total > 0 ? Math.min(1, done / total) : 0;
      const eta = share > 0 ? (seconds / share) * (1 - share) : 0;
      const text = `${label} ${(share * 100).toFixed(0).padStart(3)}%  ${fmt.format(rows)} rows  ${fmt.format(Math.round(rate))} rows/s  ETA ${eta.toFixed(0)} s`;
      if (stream.isTTY) {
        const width = 24;
        const bar = '#'.repeat(Math.round(share * width)).padEnd(width, '.');
        stream.write(`\r[${bar}] ${text}   `);
      } else if (Date.now() - lastPlain >= 2000 || share === 1) {
        lastPlain = Date.now();
        stream.write(`${text}\n`);
      }
    },
    done() {
      if (stream.isTTY) stream.write('\n');
    },
  };
}
