import {
  type LaunchParams,
  parseLaunchParamsQuery,
  retrieveRawLaunchParams,
} from '@telegram-apps/sdk-react';

// Telegram clients before Bot API 8.0 send initData without `signature`. The SDK's parser
// requires one, so for them it finds no launch params at all and the app cannot start. The
// copy the SDK parses gets an empty `signature`; the API gets initData exactly as Telegram sent
// it (the server checks the hash, which covers only the fields that are there).

/** initData with an empty `signature` if it has none: for the SDK's parser only. */
export function withSignature(initDataRaw: string): string {
  const params = new URLSearchParams(initDataRaw);
  if (params.has('signature')) return initDataRaw;
  params.set('signature', '');
  return params.toString();
}

export interface TelegramLaunch {
  /** What the SDK is started with. */
  params: LaunchParams;
  /** initData as Telegram signed it, for the API's Authorization header. */
  initDataRaw: string | undefined;
}

const storageKey = 'retention-desk/launch-params';

/**
 * The launch params Telegram opened the app with: read by the SDK when it can; else from the
 * URL (first load) or from this tab's session (reloads after in-app navigation dropped the
 * hash), as the SDK itself would. Throws when there are none (not opened by Telegram).
 */
export function readLaunch(): TelegramLaunch {
  const query = new URLSearchParams(rawLaunchParams());
  const initDataRaw = query.get('tgWebAppData') ?? undefined;
  if (initDataRaw) query.set('tgWebAppData', withSignature(initDataRaw));
  return { params: parseLaunchParamsQuery(query), initDataRaw };
}

function rawLaunchParams(): string {
  try {
    return retrieveRawLaunchParams();
  } catch (error) {
    const navigation = performance.getEntriesByType('navigation')[0]?.name;
    for (const url of [window.location.href, navigation]) {
      const query = url?.replace(/^[^?#]*[?#]/, '').replace(/[?#]/g, '&');
      if (query && new URLSearchParams(query).has('tgWebAppData')) {
        sessionStorage.setItem(storageKey, query);
        return query;
      }
    }
    const stored = sessionStorage.getItem(storageKey);
    if (stored) return stored;
    throw error;
  }
}
