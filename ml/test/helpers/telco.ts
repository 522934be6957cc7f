// IBM Telco churn as a feature matrix, and stratified folds for cross-validation.
import { readFileSync } from 'node:fs';
import { createRng } from '../../src/random.ts';

// Telco: no quoted fields in the file, so a plain split on ',' is exact. customerID is dropped;
// numeric columns stay numbers (TotalCharges is blank for the 11 customers with tenure 0: read as
// 0, what they have been charged so far); every other column is one-hot encoded, one column per
// level. Churn Yes = 1.
export function loadTelco(file: string): { X: number[][]; y: number[] } {
  const lines = readFileSync(file, 'utf8').trim().split('\n');
  const header = lines[0]!.split(',');
  const rows = lines.slice(1).map((l) => l.split(','));
  const numeric = new Set(['SeniorCitizen', 'tenure', 'MonthlyCharges', 'TotalCharges']);
  const encoders: ((r: string[]) => number[])[] = [];
  header.forEach((name, c) => {
    if (name === 'customerID' || name === 'Churn') return;
    if (numeric.has(name)) {
      encoders.push((r) => [r[c]!.trim() === '' ? 0 : Number(r[c])]);
      return;
    }
    const levels = [...new Set(rows.map((r) => r[c]!))].sort();
    encoders.push((r) => levels.map((v) => (r[c] === v ? 1 : 0)));
  });
  const churn = header.indexOf('Churn');
  return {
    X: rows.map((r) => encoders.flatMap((e) => e(r))),
    y: rows.map((r) => (r[churn] === 'Yes' ? 1 : 0)),
  };
}

/** Fold of each row: each class shuffled (seeded) and dealt round-robin over k folds. */
export function stratifiedFolds(y: number[], k: number, seed: number): number[] {
  const rng = createRng(seed);
  const fold = new Array<number>(y.length).fill(0);
  for (const label of [0, 1]) {
    const idx = y.flatMap((v, i) => (v === label ? [i] : []));
    for (let i = idx.length - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [idx[i], idx[j]] = [idx[j]!, idx[i]!];
    }
    idx.forEach((row, i) => {
      fold[row] = i % k;
    });
  }
  return fold;
}
