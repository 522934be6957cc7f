import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { api } from '../../../lib/api-client';

export type Offer = {
  id: number;
  code: string;
  title: string;
  description: string | null;
  kind: 'discount_percent' | 'discount_amount' | 'gift';
  percentOff: number | null;
  amountOff: string | null;
  gift: string | null;
  terms: string | null;
  validFrom: string;
  validTo: string;
};

export type CustomerOffer = {
  assignmentId: number;
  code: string;
  assignedAt: string;
  deliveryState: string;
  openedAt: string | null;
  redeemedAt: string | null;
  status: 'active' | 'upcoming' | 'expired' | 'redeemed';
  offer: Offer;
};

/** A customer's offers, usable ones first (a client's own, or any for staff). */
export function useCustomerOffers(customerId: number) {
  return useQuery({
    queryKey: ['customer', customerId, 'offers'],
    queryFn: ({ signal }) =>
      api.get<{ items: CustomerOffer[] }>(`/users/${customerId}/offers`, signal),
  });
}

/** Offers still valid, which an admin can assign. */
export function useAssignableOffers(enabled: boolean) {
  return useQuery({
    queryKey: ['offers'],
    queryFn: ({ signal }) => api.get<{ items: Offer[] }>('/offers', signal),
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
