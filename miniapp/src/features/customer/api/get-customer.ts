import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export type Reason = { group: string; impact: number; en: string; ru: string };

export type CustomerCard = {
  id: number;
  name: string | null;
  region: string | null;
  acquisitionChannel: string | null;
  signupAt: string | null;
  tags?: string[];
  stats: {
    orders: number;
    revenue: string;
    firstOrderAt: string | null;
    lastOrderAt: string | null;
  };
  recentOrders: {
    id: number;
    externalId: string;
    placedAt: string;
    status: string;
    total: string;
    items: number;
  }[];
  loyalty: Loyalty;
  notes?: { id: number; text: string; authorName: string | null; createdAt: string }[];
  history?: { id: number; action: string; actorRole: string; at: string }[];
  score?: {
    segment: string | null;
    churnProbability: number | null;
    atRisk: boolean | null;
    reasons: Reason[];
    pAlive: number | null;
    clv: string | null;
    valueAtRisk: string | null;
  } | null;
};

export type Loyalty = {
  tier: string;
  spend: string;
  windowDays: number;
  next: { tier: string; from: number; remaining: string } | null;
};

export type Recommendations = {
  items: { id: number; sku: string; name: string; category: string | null; basis: string }[];
  message: string | null;
};

export function useCustomer(id: number) {
  return useQuery({
    queryKey: ['customer', id],
    queryFn: ({ signal }) => api.get<CustomerCard>(`/users/${id}`, signal),
  });
}

export function useRecommendations(id: number) {
  return useQuery({
    queryKey: ['recommendations', id],
    queryFn: ({ signal }) => api.get<Recommendations>(`/recommendations/user/${id}`, signal),
  });
}
