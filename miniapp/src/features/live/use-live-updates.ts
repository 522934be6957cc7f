import type * as contracts from '@retention/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { z } from 'zod';
import { api } from '../../lib/api-client';

type Version = z.input<typeof contracts.AnalyticsVersion>;

/** How often open screens ask whether new data arrived (the server refreshes every 30 s and
 * 200 ms after its own ingestion). */
const pollMs = 5000;

/** The analytics version, polled: one query shared by every screen that asks. */
function useVersion(enabled = true) {
  return useQuery({
    queryKey: ['version'],
    queryFn: ({ signal }) => api.get<Version>('/analytics/version', signal),
    refetchInterval: pollMs,
    refetchIntervalInBackground: false,
    enabled,
  });
}

/** The business's today (YYYY-MM-DD): the data's last day when it ended long ago; null until known. */
export function useBusinessToday(): string | null {
  return useVersion().data?.asOf ?? null;
}

/** Where a model's training stands (never, training, failed with why, trained); null until known. */
export function useTraining(kind: keyof Version['models']) {
  return useVersion().data?.models[kind] ?? null;
}

/**
 * Keeps open screens current without a reload: polls the analytics version and, when it moves,
 * refetches every data query. Returns when the data last changed, whether it just did, and
 * the data's last day when it ended long ago (the screens then show that day, not today).
 */
export function useLiveUpdates(enabled: boolean) {
  const client = useQueryClient();
  const version = useVersion(enabled);
  const seen = useRef<number | null>(null);
  const [justUpdated, setJustUpdated] = useState(false);
  const generation = version.data?.generation;
  useEffect(() => {
    if (generation === undefined) return;
    if (seen.current !== null && seen.current !== generation) {
      void client.invalidateQueries({
        predicate: (q) =>
          ['analytics', 'customer', 'recommendations'].includes(String(q.queryKey[0])),
      });
      setJustUpdated(true);
      const off = setTimeout(() => setJustUpdated(false), 4000);
      seen.current = generation;
      return () => clearTimeout(off);
    }
    seen.current = generation;
  }, [generation, client]);
  return {
    changedAt: version.data?.changedAt ?? null,
    dataEnds: version.data?.dataEnds ?? null,
    justUpdated,
  };
}
