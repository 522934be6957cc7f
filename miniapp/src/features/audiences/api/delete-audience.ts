import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export function useDeleteAudience() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.delete(`/audiences/${id}`),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['audiences'] }),
  });
}
