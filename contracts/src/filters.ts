// The dashboard's filters live in the URL's query (so a view can be bookmarked, shared and
// re-opened), and travel through Telegram's `startapp` parameter, which allows only
// [A-Za-z0-9_-] and 512 characters: there they are compact JSON in base64url.

export type Granularity = 'week' | 'month';

export type Filters = {
  from?: string;
  to?: string;
  granularity: Granularity;
  region?: string;
  channel?: string;
  segment?: string;
  /** A saved audience's id. */
  audience?: string;
};

const keys = ['from', 'to', 'region', 'channel', 'segment', 'audience'] as const;
/** One-letter names in a start parameter. */
const short = {
  from: 'f',
  to: 't',
  region: 'r',
  channel: 'c',
  segment: 's',
  audience: 'a',
} as const;
const isoDate = /^\d{4}-\d{2}-\d{2}$/;

export function filtersFromSearch(search: string): Filters {
  const q = new URLSearchParams(search);
  const filters: Filters = { granularity: q.get('granularity') === 'week' ? 'week' : 'month' };
  for (const key of keys) {
    const value = q.get(key)?.trim();
    if (!value) continue;
    if ((key === 'from' || key === 'to') && !isoDate.test(value)) continue;
    if (key === 'audience' && !/^\d{1,10}$/.test(value)) continue;
    filters[key] = value.slice(0, 100);
  }
  return filters;
}

/** The query string the API and the app's URL share (without the leading "?"). */
export function filtersToSearch(filters: Filters): string {
  const q = new URLSearchParams();
  for (const key of keys) {
    const value = filters[key];
    if (value) q.set(key, value);
  }
  if (filters.granularity === 'week') q.set('granularity', 'week');
  return q.toString();
}

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): string {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

/** A screen of the app as a `startapp` value: `d` + filters for the dashboard, `c` + id for a
 * customer card. */
export type StartTarget =
  | { screen: 'dashboard'; filters: Filters }
  | { screen: 'customer'; id: number };

export function encodeStartParam(target: StartTarget): string {
  if (target.screen === 'customer') return `c${target.id}`;
  const compact: Record<string, string> = {};
  for (const key of keys) {
    const value = target.filters[key];
    if (value) compact[short[key]] = value;
  }
  if (target.filters.granularity === 'week') compact.g = 'w';
  const encoded = `d${toBase64Url(JSON.stringify(compact))}`;
  if (encoded.length > 512) throw new Error('these filters are too long for a Telegram link');
  return encoded;
}

export function decodeStartParam(param: string | undefined): StartTarget | null {
  if (!param || !/^[A-Za-z0-9_-]{1,512}$/.test(param)) return null;
  if (/^c\d{1,9}$/.test(param)) return { screen: 'customer', id: Number(param.slice(1)) };
  if (!param.startsWith('d')) return null;
  try {
    const compact = JSON.parse(fromBase64Url(param.slice(1))) as Record<string, unknown>;
    const q = new URLSearchParams();
    for (const key of keys) {
      const value = compact[short[key]];
      if (typeof value === 'string') q.set(key, value);
    }
    if (compact.g === 'w') q.set('granularity', 'week');
    return { screen: 'dashboard', filters: filtersFromSearch(q.toString()) };
  } catch {
    return null;
  }
}
