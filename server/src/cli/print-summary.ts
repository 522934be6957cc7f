import type { ImportSummary } from '../import/summary.ts';

export function printSummary(s: ImportSummary): void {
  const n = new Intl.NumberFormat('en-US').format;
  const lines = [
    `rows read          ${n(s.read)}${s.skipped ? ` (and ${n(s.skipped)} title or total lines passed over)` : ''}`,
    `loaded             ${n(s.loaded)}${s.dryRun ? ' (dry run: nothing written)' : ''}`,
    `duplicates skipped ${n(s.duplicates)}`,
    `rejected           ${n(s.rejected)}${s.reportPath ? `  (see ${s.reportPath})` : ''}`,
    `new orders ${n(s.ordersCreated)}, customers ${n(s.customersCreated)}, products ${n(s.productsCreated)}`,
    `now in the database: ${n(s.database.customers)} customers, ${n(s.database.orders)} orders, ${n(s.database.orderLines)} order lines, revenue ${s.database.revenue}`,
    `took ${s.seconds.toFixed(1)} s`,
  ];
  console.log(lines.join('\n'));
  if (s.failure) console.error(`import: ${s.failure}`);
}
