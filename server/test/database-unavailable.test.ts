// Which errors mean "the database is not there right now" (503, retry) rather than a bug (500).
import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from '../src/lib/database-unavailable.ts';

const withCode = (message: string, code: string, extra: object = {}) =>
  Object.assign(new Error(message), { code, ...extra });

describe('isDatabaseUnavailable', () => {
  it('knows an outage from Prisma, pg and the socket', () => {
    for (const err of [
      withCode("Can't reach database server at 127.0.0.1:5432", 'P1001'),
      withCode('Server has closed the connection.', 'P1017'),
      withCode('Database error. Code: `57P03`', 'P2039', {
        meta: { driverAdapterError: { cause: { originalCode: '57P03' } } },
      }),
      withCode('terminating connection due to administrator command', '57P01'),
      withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'),
      new Error('Connection terminated unexpectedly'),
      new Error('wrapped', { cause: withCode('read ECONNRESET', 'ECONNRESET') }),
      new AggregateError([withCode('connect ECONNREFUSED ::1:5432', 'ECONNREFUSED')], ''),
    ]) {
      expect(isDatabaseUnavailable(err), String(err)).toBe(true);
    }
  });

  it('leaves every other error a 500', () => {
    for (const err of [
      new Error('boom'),
      withCode('Unique constraint failed', 'P2002'),
      withCode('division by zero', '22012'),
      withCode('Database error. Code: `42P01`', 'P2039', {
        meta: { driverAdapterError: { cause: { originalCode: '42P01' } } },
      }),
      null,
      'a string',
    ]) {
      expect(isDatabaseUnavailable(err), String(err)).toBe(false);
    }
  });
});
