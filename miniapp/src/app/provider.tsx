import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { ApiErrorScreen } from '../components/api-error-screen';
import { type ApiError, isApiError } from '../lib/api-client';

// Retrying a 4xx only repeats the same refusal; a network or server error may pass.
function shouldRetry(failureCount: number, error: Error): boolean {
  if (isApiError(error) && error.status >= 400 && error.status < 500) return false;
  return failureCount < 2;
}

/**
 * TanStack Query for the whole app. A 401 from any request means the sign-in data has expired
 * while the app was open (initData is only renewed by reopening it): every screen gives way to
 * the "reopen the app" screen instead of each block showing the error.
 */
export function AppProvider({ children }: { children: ReactNode }) {
  const [expired, setExpired] = useState<ApiError | null>(null);
  const [queryClient] = useState(() => {
    const onError = (error: Error) => {
      if (isApiError(error) && error.status === 401) setExpired(error);
    };
    return new QueryClient({
      queryCache: new QueryCache({ onError }),
      mutationCache: new MutationCache({ onError }),
      defaultOptions: {
        // Telegram's webview gains and loses focus with every swipe of the sheet.
        queries: { retry: shouldRetry, refetchOnWindowFocus: false },
      },
    });
  });
  if (expired) return <ApiErrorScreen error={expired} onRetry={() => {}} />;
  return <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
}
