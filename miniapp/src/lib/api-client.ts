import { type Lang, type Reason, reasonOf, reasonOr } from '@retention/contracts';

/** A failed API call: the HTTP status and the server's own explanation. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  /** The server's `code` (lower case, e.g. `forbidden`, `not_found`), when it answered with its error body. */
  readonly code: string | undefined;
  /** No answer from the server itself: offline, or a proxy in front of it gave up. */
  readonly serverUnreachable: boolean;
  /** The server's message as a reason (contracts/src/reasons.ts), when it sent one. */
  readonly reason: Reason | null;

  constructor(
    /** HTTP status; 0 when no HTTP answer came at all. */
    readonly status: number,
    message: string,
    details: { code?: string; serverUnreachable?: boolean; reason?: Reason | null } = {},
  ) {
    super(message);
    this.code = details.code;
    this.serverUnreachable = details.serverUnreachable ?? false;
    this.reason = details.reason ?? null;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** What went wrong, in the viewer's language where the server gave a reason, else as it came. */
export function errorMessage(error: unknown, lang: Lang): string {
  const text = error instanceof Error ? error.message : String(error);
  return reasonOr(isApiError(error) ? error.reason : null, text, lang);
}

// Set once at start-up, before the first authenticated request: inside Telegram it is the
// client's initData, in demo mode the one the server signed for us.
let initDataRaw: string | undefined;

export function setInitDataRaw(raw: string): void {
  initDataRaw = raw;
}

type RequestOptions = {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
  /** `text`: the body as it came (a CSV export), not parsed as JSON. */
  as?: 'json' | 'text';
};

/** Calls `/api/v1<path>` and returns the parsed JSON body; throws `ApiError` on failure. */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const asText = options.as === 'text';
  const headers = new Headers({
    Accept: asText ? 'text/csv, text/plain, */*' : 'application/json',
  });
  if (initDataRaw) headers.set('Authorization', `tma ${initDataRaw}`);
  if (options.body !== undefined) headers.set('Content-Type', 'application/json');

  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    // An abort is TanStack Query cancelling a stale request, not a failure to report.
    if (options.signal?.aborted) throw error;
    throw new ApiError(0, 'The server cannot be reached.', { serverUnreachable: true });
  }

  const text = await response.text();
  if (!response.ok) throw toApiError(response, parseJson(text));
  if (asText) return text as T;
  // 204 No Content and the like.
  if (!text) return undefined as T;
  const body = parseJson(text);
  if (body === undefined) {
    throw new ApiError(response.status, 'The server sent a response that is not JSON.');
  }
  return body as T;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // A proxy in front of the server may answer with an HTML or plain-text error page.
    return undefined;
  }
}

// The server's error body is `{ statusCode, code, error, message, reason? }`. A 502-504 without it
// comes from a proxy (the Vite dev server, nginx) that could not reach the server.
function toApiError(response: Response, body: unknown): ApiError {
  const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const fromServer = typeof fields.message === 'string' && fields.message !== '';
  const message = fromServer
    ? String(fields.message)
    : `${response.status} ${response.statusText || 'Request failed'}`;
  return new ApiError(response.status, message, {
    code: typeof fields.code === 'string' ? fields.code : undefined,
    serverUnreachable: !fromServer && [502, 503, 504].includes(response.status),
    reason: reasonOf(fields),
  });
}

export const api = {
  get: <T>(path: string, signal?: AbortSignal) => apiRequest<T>(path, { signal }),
  post: <T>(path: string, body?: unknown) => apiRequest<T>(path, { method: 'POST', body }),
  delete: (path: string) => apiRequest<void>(path, { method: 'DELETE' }),
  /** A non-JSON answer (a CSV export), fetched with the same authorization. */
  text: (path: string, signal?: AbortSignal) => apiRequest<string>(path, { signal, as: 'text' }),
};
