// The dashboard's last filters, so the next opening starts where the manager left off: kept
// in Telegram's CloudStorage (per user and bot, on every device of theirs) where the client
// has it, else in this browser.
import { cloudStorage } from '@telegram-apps/sdk-react';

const key = 'dashboard-filters';
/** A client that never answers must not hold the dashboard back. */
const timeout = 1500;

/** Keeps the filters as the dashboard's query string ('' for none). */
export function saveLastFilters(search: string): void {
  if (cloudStorage.setItem.isAvailable()) {
    cloudStorage.setItem(key, search, { timeout }).catch(() => {});
    return;
  }
  try {
    localStorage.setItem(key, search);
  } catch {
    // Storage off (private mode): nothing is kept.
  }
}

/** The filters kept last time, or '' when none were. */
export async function loadLastFilters(): Promise<string> {
  if (cloudStorage.getItem.isAvailable()) {
    return cloudStorage.getItem(key, { timeout }).catch(() => '');
  }
  try {
    return localStorage.getItem(key) ?? '';
  } catch {
    return '';
  }
}
