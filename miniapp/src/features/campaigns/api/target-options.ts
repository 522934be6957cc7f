import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

type Breakdown = { rows: { key: string | null }[] };
type Segments = { segments: { name: string }[] };
type Rfm = { segments: { slug: string; name: string }[] };

export type TargetOptions = {
  segments: { value: string; label: string }[];
  regions: string[];
  channels: string[];
};

const keys = (b: Breakdown) => b.rows.flatMap((r) => (r.key ? [r.key] : []));

/**
 * What a target can name, from the same analytics reports the dashboard's filters use: RFM
 * segments (by slug), model segments (by name), and the regions and channels the viewer sees.
 */
export function useTargetOptions() {
  return useQuery({
    queryKey: ['campaigns', 'target-options'],
    queryFn: async ({ signal }): Promise<TargetOptions> => {
      const [rfm, model, regions, channels] = await Promise.all([
        api.get<Rfm>('/analytics/rfm', signal),
        api.get<Segments>('/analytics/segments', signal),
        api.get<Breakdown>('/analytics/breakdown?by=region', signal),
        api.get<Breakdown>('/analytics/breakdown?by=channel', signal),
      ]);
      return {
        segments: [
          ...rfm.segments.map((s) => ({ value: s.slug, label: `RFM: ${s.name}` })),
          ...model.segments.map((s) => ({ value: s.name, label: s.name })),
        ],
        regions: keys(regions),
        channels: keys(channels),
      };
    },
    staleTime: 5 * 60_000,
  });
}
