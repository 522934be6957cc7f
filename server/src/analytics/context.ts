// What a report is computed for (the database, the settings, the range and the selection of
// customers), and the definition block every report returns: the metric texts, the window,
// the time zone, the range and the filters in words.
import { type DefinitionKey, definitions } from '@retention/contracts';
import type { Database } from '@retention/db';
import type { AnalyticsSettings } from '../config.ts';
import { isoOf, type Range } from './periods.ts';
import type { Selection } from './selection.ts';

export interface MetricContext {
  db: Database;
  settings: AnalyticsSettings;
  range: Range;
  selection: Selection;
}

export function definitionOf(ctx: MetricContext, keys: DefinitionKey[]) {
  return {
    keys,
    text: keys.map((k) => definitions[k].en).join(' '),
    windowDays: ctx.settings.windowDays,
    timeZone: ctx.settings.timeZone,
    granularity: ctx.range.granularity,
    from: isoOf(ctx.range.from),
    to: isoOf(ctx.range.to),
    asOf: isoOf(ctx.range.asOf),
    filters: describeSelection(ctx.selection),
  };
}

/** The filters in words, for a response's definition. */
export function describeSelection(s: Selection) {
  return {
    region: s.region ?? null,
    channel: s.channel ?? null,
    segment: s.segment ? (s.segment.kind === 'rfm' ? s.segment.slug : s.segment.name) : null,
    segmentKind: s.segment?.kind ?? null,
    plan: s.plan ?? null,
    audience: s.audience?.name ?? null,
    scope: s.scopedRegion === null ? null : `region ${s.scopedRegion} (your access scope)`,
  };
}
