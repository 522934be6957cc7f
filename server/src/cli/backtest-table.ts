// A backtest run's figures as a plain-text table for the terminal: per cutoff, the churn
// candidates' ROC-AUC on what followed (the one that would have served marked *), and CLV's
// forecast of the next days' purchase days against the naive rate and the last period.
import type { Forecast } from '@retention/ml';
import type { BacktestRow } from '../ml/backtest.ts';
import { pct, rho, share } from '../ml/clv/check-clv.ts';

const churnColumns = [
  ['gradient_boosting', 'boosting'],
  ['random_forest', 'forest'],
  ['logistic_rfm', 'logit RFM'],
  ['rfm_rank_sum', 'RFM rank'],
  ['frequency', 'frequency'],
  ['recency', 'recency'],
] as const;

function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

export function backtestTable(m: {
  stepDays: number;
  horizonDays: number;
  rows: BacktestRow[];
}): string {
  const churn = m.rows.map((r) => {
    if ('skipped' in r.churn) return [r.cutoff, `skipped: ${r.churn.skipped}`];
    const c = r.churn;
    return [
      r.cutoff,
      String(c.customers),
      `${((c.churned / Math.max(1, c.customers)) * 100).toFixed(1)}%`,
      ...churnColumns.map(([name]) => `${rho(c.judged[name])}${c.chosen === name ? '*' : ''}`),
    ];
  });
  const clv = m.rows.map((r) => {
    if ('skipped' in r.clv) return [r.cutoff, `skipped: ${r.clv.skipped}`];
    const c = r.clv;
    const cells = (f: Forecast) => [
      `${f.expected.toFixed(0)} (${pct(f.biasPct)})`,
      rho(f.spearman),
      share(f.topDecile),
    ];
    return [
      r.cutoff,
      String(c.customers),
      String(c.actual),
      ...cells(c.model),
      ...cells(c.naiveRate),
      ...cells(c.lastPeriod),
      c.seasonal ? `${c.seasonal.expected.toFixed(0)} (${pct(c.seasonal.biasPct)})` : '-',
    ];
  });
  return [
    `Churn: ROC-AUC on customers active at each cutoff, judged by "no order in the next ${m.horizonDays} days" (* = would have served)`,
    table(['cutoff', 'active', 'lapsed', ...churnColumns.map(([, label]) => label)], churn),
    '',
    `CLV: purchase days in the ${m.stepDays} days after each cutoff, expected (bias), Spearman per customer, and the share the top 10% by forecast made`,
    table(
      [
        'cutoff',
        'customers',
        'actual',
        'BG/NBD',
        'rho',
        'top10',
        'naive rate',
        'rho',
        'top10',
        'last period',
        'rho',
        'top10',
        'BG/NBD × season',
      ],
      clv,
    ),
  ].join('\n');
}
