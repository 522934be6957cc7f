// Tells "the database is not there right now" (down, restarting, unreachable, the connection
// dropped) from every other error, so a request during an outage is a 503 with a reason the
// client can retry on, not a 500. Errors come from Prisma (its P1xxx codes, or a driver-adapter
// error carrying Postgres's SQLSTATE), from pg directly (bulk writes, analytics reads) or from
// the socket.

/** Prisma: server unreachable, timed out, connection closed, no pool connection in time. */
const prismaCodes = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);
const socketCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);
/** SQLSTATE class 08 (connection exception) and 57P01-57P05 (shutdown, starting up). */
const sqlState = /^(08|57P0)/;
const pgMessages =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection closed/i;

interface ErrorLike {
  code?: unknown;
  message?: unknown;
  cause?: unknown;
  errors?: unknown;
  meta?: { driverAdapterError?: { cause?: { originalCode?: unknown; kind?: unknown } } };
}

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 5) return false;
  const e = error as ErrorLike;
  if (typeof e.code === 'string') {
    if (prismaCodes.has(e.code) || socketCodes.has(e.code) || sqlState.test(e.code)) return true;
  }
  const original = e.meta?.driverAdapterError?.cause?.originalCode;
  if (typeof original === 'string' && sqlState.test(original)) return true;
  if (typeof e.message === 'string' && pgMessages.test(e.message)) return true;
  if (Array.isArray(e.errors) && e.errors.some((x) => isDatabaseUnavailable(x, depth + 1)))
    return true;
  return isDatabaseUnavailable(e.cause, depth + 1);
}
