import { formatCompact, formatPercent, localeOf } from '@retention/contracts';
import { themeParams, useSignal } from '@telegram-apps/sdk-react';
import { useEffect, useRef, useState } from 'react';
import { formatDateRange, formatValue } from '../../../lib/format';
import { useLang } from '../../../lib/i18n';
import { usePanGuard } from '../../../lib/native';
import type { DashboardReport } from '../api/reports';

const words = {
  active: { en: 'Active customers', ru: 'Активные клиенты' },
  churn: { en: 'Churn rate', ru: 'Доля оттока' },
  partial: {
    en: (days: string) =>
      `Faded: ${days}, a period cut by the range or not over yet; its figures cover those days only.`,
    ru: (days: string) =>
      `Бледнее: ${days} — период обрезан диапазоном или ещё не закончился; цифры только за эти дни.`,
  },
};

/**
 * Churn rate and active customers per period (lightweight-charts, loaded on demand so the
 * first screen stays small). Colours follow the Telegram theme and change with it; numbers,
 * percents and dates on the axes follow the viewer's language. A legend names both series;
 * the current, unfinished period is faded and said to be partial (its churn so far is not a
 * collapse). A line under the legend reads out the values of the period touched (the last one
 * until then).
 */
export function TrendChart({ series }: { series: DashboardReport['series'] }) {
  const box = useRef<HTMLDivElement>(null);
  const text = useSignal(themeParams.textColor) ?? '#000000';
  const hint = useSignal(themeParams.hintColor) ?? '#999999';
  const accent = useSignal(themeParams.buttonColor) ?? '#40a7e3';
  const danger = useSignal(themeParams.destructiveTextColor) ?? '#e53935';
  const lang = useLang();
  usePanGuard(box);
  const [picked, setPicked] = useState<string | null>(null);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    let dispose = () => {};
    let cancelled = false;
    void import('lightweight-charts').then(({ createChart, LineSeries, HistogramSeries }) => {
      if (cancelled) return;
      const chart = createChart(el, {
        autoSize: true,
        layout: { background: { color: 'transparent' }, textColor: hint, attributionLogo: false },
        grid: { vertLines: { visible: false }, horzLines: { color: `${hint}33` } },
        rightPriceScale: { borderVisible: false },
        leftPriceScale: { visible: true, borderVisible: false },
        timeScale: { borderVisible: false },
        // A finger drags the periods sideways; vertical swipes stay the page's (see usePanGuard).
        handleScroll: {
          horzTouchDrag: true,
          pressedMouseMove: true,
          mouseWheel: false,
          vertTouchDrag: false,
        },
        handleScale: false,
        localization: { locale: localeOf(lang) },
      });
      // No last-value tags: the last period is often partial, and the legend names the series.
      const plain = { lastValueVisible: false, priceLineVisible: false };
      const active = chart.addSeries(HistogramSeries, {
        ...plain,
        color: `${accent}66`,
        priceScaleId: 'left',
        priceFormat: {
          type: 'custom',
          minMove: 1,
          formatter: (n: number) => formatCompact(n, lang),
        },
      });
      const churn = chart.addSeries(LineSeries, {
        ...plain,
        color: danger,
        lineWidth: 2,
        priceFormat: {
          type: 'custom',
          minMove: 0.1,
          formatter: (percent: number) => formatPercent(percent, lang),
        },
      });
      const faded = `${hint}66`;
      active.setData(
        series.map((p) => ({
          time: p.period.start,
          value: p.activeAtEnd,
          ...(p.period.partial ? { color: faded } : {}),
        })),
      );
      churn.setData(
        series
          .filter((p) => p.churnRate !== null)
          .map((p) => ({
            time: p.period.start,
            value: (p.churnRate ?? 0) * 100,
            ...(p.period.partial ? { color: faded } : {}),
          })),
      );
      // A period's room on each side, so the first and last date labels are not cut off.
      chart.timeScale().setVisibleLogicalRange({ from: -1, to: series.length });
      chart.subscribeCrosshairMove((param) => {
        if (typeof param.time === 'string') setPicked(param.time);
      });
      dispose = () => chart.remove();
    });
    return () => {
      cancelled = true;
      dispose();
    };
  }, [series, hint, accent, danger, lang]);

  const shown = series.find((p) => p.period.start === picked) ?? series.at(-1);
  const partial = series
    .filter((p) => p.period.partial)
    .map((p) => formatDateRange(p.period.start, p.period.end, lang));
  return (
    <>
      <div className="chart-legend" data-testid="trend-legend">
        <span>
          <i className="swatch" style={{ background: `${accent}66` }} />
          {words.active[lang]}
        </span>
        <span>
          <i className="swatch line" style={{ background: danger }} />
          {words.churn[lang]}
        </span>
      </div>
      {shown && (
        <p className="hint chart-readout" data-testid="trend-readout" aria-live="polite">
          {formatDateRange(shown.period.start, shown.period.end, lang)}: {words.active[lang]}{' '}
          {formatValue(shown.activeAtEnd, 'int', lang)} · {words.churn[lang]}{' '}
          {formatValue(shown.churnRate, 'pct', lang)}
        </p>
      )}
      <div ref={box} className="chart" data-testid="trend-chart" style={{ color: text }} />
      {partial.length > 0 && (
        <p className="hint" data-testid="trend-partial">
          {words.partial[lang](partial.join(', '))}
        </p>
      )}
    </>
  );
}
