// A deterministic transactions CSV (one row per order line) of any size, for import
// tests and the import benchmark: orders of 1-6 lines, 1 customer per ~25 lines.

import { once } from 'node:events';
import { createWriteStream } from 'node:fs';

export interface GeneratedFile {
  lines: number;
  orders: number;
  /** Sum of quantity x unit price over all lines, in cents. */
  cents: bigint;
}

export async function generateTransactions(
  path: string,
  lines: number,
  seed = 7,
): Promise<GeneratedFile> {
  let state = seed >>> 0;
  const next = () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 4_294_967_296;
  };
  const out = createWriteStream(path);
  const customers = Math.max(1, Math.floor(lines / 25));
  let chunk = 'order_id,customer_id,date,sku,product_name,quantity,unit_price,region,channel\n';
  const regions = ['North', 'South', 'East', 'West'];
  const channelNames = ['web', 'app', 'telegram', 'offline'];
  let written = 0;
  let orders = 0;
  let cents = 0n;
  const start = Date.UTC(2023, 0, 1);
  while (written < lines) {
    orders++;
    const customer = 1 + Math.floor(next() * customers);
    const day = new Date(
      start + Math.floor(next() * 900) * 86_400_000 + Math.floor(next() * 86_400) * 1000,
    );
    const n = Math.min(lines - written, 1 + Math.floor(next() * 6));
    const region = regions[customer % 4];
    const channel = channelNames[Math.floor(next() * 4)];
    for (let i = 0; i < n; i++) {
      const product = 1 + Math.floor(next() * 500);
      const quantity = 1 + Math.floor(next() * 3);
      const price = 199 + product * 37;
      cents += BigInt(price * quantity);
      chunk += `O${orders},C${customer},${day.toISOString()},SKU-${product},Product ${product},${quantity},${(price / 100).toFixed(2)},${region},${channel}\n`;
      written++;
    }
    if (chunk.length > 1 << 16) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
  return { lines, orders, cents };
}
