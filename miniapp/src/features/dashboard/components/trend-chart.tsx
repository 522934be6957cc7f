import { formatCompact, formatPercent, localeOf } from '@retention/contracts';
import { themeParams, useSignal } from '@telegram-apps/sdk-react';
import { useEffect, useRef } from 'react';
import { useLang } from '../../../lib/i18n';
import { usePanGuard } from '../../../lib/native';
import type { DashboardReport } from '../api/reports';

/**
 * Churn rate and active customers per period (lightweight-charts, loaded on demand so the
 * first screen stays small). Colours follow the Telegram theme and change with it; numbers,
 * percents and dates on the axes follow the viewer's language.
 */
export function TrendChart({ series }: { series: DashboardReport['series'] }) {
  const box = useRef<HTMLDivElement>(null);
  const text = useSignal(themeParams.textColor) ?? '#000000';
  const hint = useSignal(themeParams.hintColor) ?? '#999999';
  const accent = useSignal(themeParams.buttonColor) ?? '#40a7e3';
  const danger = useSignal(themeParams.destructiveTextColor) ?? '#e53935';
  const lang = useLang();
  usePanGuard(box);

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
      const active = chart.addSeries(HistogramSeries, {
        color: `${accent}66`,
        priceScaleId: 'left',
        priceFormat: {
          type: 'custom',
          minMove: 1,
          formatter: (n: number) => formatCompact(n, lang),
        },
      });
      const churn = chart.addSeries(LineSeries, {
        color: danger,
        lineWidth: 2,
        priceFormat: {
          type: 'custom',
          minMove: 0.1,
          formatter: (percent: number) => formatPercent(percent, lang),
        },
      });
      active.setData(series.map((p) => ({ time: p.period.start, value: p.activeAtEnd })));
      churn.setData(
        series
          .filter((p) => p.churnRate !== null)
          .map((p) => ({ time: p.period.start, value: (p.churnRate ?? 0) * 100 })),
      );
      chart.timeScale().fitContent();
      dispose = () => chart.remove();
    });
    return () => {
      cancelled = true;
      dispose();
    };
  }, [series, hint, accent, danger, lang]);

  return <div ref={box} className="chart" data-testid="trend-chart" style={{ color: text }} />;
}
