import type * as contracts from '@retention/contracts';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type { z } from 'zod';
import { api } from '../../../lib/api-client';

export type Offer = z.input<typeof contracts.Offer>;
export type CustomerOffer = z.input<typeof contracts.CustomerOffer>;

/** A customer's offers, usable ones first (a client's own, or any for staff). */
export function useCustomerOffers(customerId: number) {
  return useQuery({
    queryKey: ['customer', customerId, 'offers'],
    queryFn: ({ signal }) =>
      api.get<z.input<typeof contracts.CustomerOffers>>(`/users/${customerId}/offers`, signal),
  });
}

/** Offers still valid, which an admin can assign. */
export function useAssignableOffers(enabled: boolean) {
  return useQuery({
    queryKey: ['offers'],
    queryFn: ({ signal }) => api.get<z.input<typeof contracts.OfferList>>('/offers', signal),
    enabled,
  });
}

/**
 * A client looking at their usable offers has opened them: each first sight is recorded once
 * (the campaign results count opens). Failures are left alone; the next visit tries again.
 */
export function useRecordOpens(customerId: number, offers: CustomerOffer[] | undefined) {
  const sent = useRef(new Set<number>());
  useEffect(() => {
    for (const o of offers ?? []) {
      const usable = o.status === 'active' || o.status === 'upcoming';
      if (!usable || o.openedAt || sent.current.has(o.assignmentId)) continue;
      sent.current.add(o.assignmentId);
      void api.post(`/users/${customerId}/offers/${o.assignmentId}/open`).catch(() => {
        sent.current.delete(o.assignmentId);
      });
    }
  }, [customerId, offers]);
}
