import { useQuery } from '@tanstack/react-query';
import {
  type AnalyticsOptions,
  getAnalyticsOptionsQueryOptions,
} from '../../../lib/get-analytics-options';

export type TargetOptions = {
  segments: { value: string; label: string }[];
  regions: string[];
  channels: string[];
};

const toTargetOptions = (o: AnalyticsOptions): TargetOptions => ({
  segments: o.segments.map((s) => ({
    value: s.value,
    label: s.kind === 'rfm' ? `RFM: ${s.name}` : s.name,
  })),
  regions: o.regions,
  channels: o.channels,
});

/**
 * What a target can name: the values the dashboard's filters offer (one request, shared with
 * them), with RFM segments labelled as such.
 */
export function useTargetOptions() {
  return useQuery({ ...getAnalyticsOptionsQueryOptions(), select: toTargetOptions });
}
