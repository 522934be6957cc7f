import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, apiRequest } from '../../../lib/api-client';

export type CustomerAction =
  | { kind: 'assign-offer'; offerId: number }
  | { kind: 'add-tag'; tag: string }
  | { kind: 'remove-tag'; tag: string }
  | { kind: 'add-note'; text: string };

function send(customerId: number, a: CustomerAction): Promise<unknown> {
  const base = `/users/${customerId}`;
  switch (a.kind) {
    case 'assign-offer':
      return api.post(`${base}/offers`, { offerId: a.offerId });
    case 'add-tag':
      return api.post(`${base}/tags`, { tag: a.tag });
    case 'remove-tag':
      return apiRequest(`${base}/tags/${encodeURIComponent(a.tag)}`, { method: 'DELETE' });
    case 'add-note':
      return api.post(`${base}/notes`, { text: a.text });
  }
}

/** An admin's change to a customer; the card and its offers reload after it. */
export function useCustomerAction(customerId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (a: CustomerAction) => send(customerId, a),
    onSuccess: () => client.invalidateQueries({ queryKey: ['customer', customerId] }),
  });
}
