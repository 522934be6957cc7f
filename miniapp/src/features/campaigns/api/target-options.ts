import { type Lang, nameFor } from '@retention/contracts';
import { useQuery } from '@tanstack/react-query';
import {
  type AnalyticsOptions,
  getAnalyticsOptionsQueryOptions,
} from '../../../lib/get-analytics-options';
import { useLang } from '../../../lib/i18n';

export type TargetOptions = {
  segments: { value: string; label: string }[];
  regions: string[];
  channels: string[];
};

const toTargetOptions = (o: AnalyticsOptions, lang: Lang): TargetOptions => ({
  segments: o.segments.map((s) => ({
    value: s.value,
    label: s.kind === 'rfm' ? `RFM: ${nameFor(s.value, lang)}` : nameFor(s.name, lang),
  })),
  regions: o.regions,
  channels: o.channels,
});

/**
 * What a target can name: the values the dashboard's filters offer (one request, shared with
 * them), with RFM segments labelled as such.
 */
export function useTargetOptions() {
  const lang = useLang();
  return useQuery({
    ...getAnalyticsOptionsQueryOptions(),
    select: (o: AnalyticsOptions) => toTargetOptions(o, lang),
  });
}
