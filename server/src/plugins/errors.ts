// The one place that turns errors into HTTP: AppError codes map to statuses, validation
// failures become 400 with the failing fields, a database outage is 503 (retry), and 5xx
// never leak internals.
import type { Reason } from '@retention/contracts';
import type { FastifyError, FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, errorStatus } from '../errors.ts';
import { isDatabaseUnavailable } from '../lib/database-unavailable.ts';

const statusNames: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

const statusCodes: Record<number, string> = {
  ...Object.fromEntries(Object.entries(errorStatus).map(([code, status]) => [status, code])),
  415: 'unsupported_media_type',
};

/**
 * The error body every route answers with: `{ statusCode, code, error, message }`, and the
 * message's `reason` when it has one (for clients that show it in the user's language).
 */
export function errorBody(statusCode: number, code: string, message: string, reason?: Reason) {
  const body = { statusCode, code, error: statusNames[statusCode] ?? 'Error', message };
  return reason ? { ...body, reason } : body;
}

export function sendError(
  reply: FastifyReply,
  statusCode: number,
  code: string,
  message: string,
  reason?: Reason,
) {
  return reply.status(statusCode).send(errorBody(statusCode, code, message, reason));
}

/** When a caller turned away for being busy may try again. */
const busyRetrySeconds = 2;

export default fp(
  async (app) => {
    app.setErrorHandler((err: FastifyError, request, reply) => {
      if (err instanceof AppError) {
        const reason = err.reason ?? undefined;
        if (err.code === 'busy') reply.header('retry-after', String(busyRetrySeconds));
        return sendError(reply, errorStatus[err.code], err.code, err.message, reason);
      }
      if (hasZodFastifySchemaValidationErrors(err)) {
        const where = err.validationContext ?? 'request';
        const details = err.validation
          .map((v) => {
            const field = v.instancePath.replace(/^\//, '').replaceAll('/', '.');
            return `${where}${field ? `.${field}` : ''}: ${v.message}`;
          })
          .join('; ');
        return sendError(reply, 400, 'bad_request', details);
      }
      const status = err.statusCode ?? 500;
      if (status >= 400 && status < 500) {
        return sendError(reply, status, statusCodes[status] ?? 'bad_request', err.message);
      }
      if (isDatabaseUnavailable(err)) {
        request.log.warn(`database unavailable: ${err.message.trim().split('\n').at(-1)}`);
        reply.header('retry-after', '5');
        return sendError(
          reply,
          503,
          'unavailable',
          'The database is unavailable right now; retry in a few seconds.',
        );
      }
      request.log.error({ err }, 'unhandled error');
      return sendError(reply, 500, 'internal', 'Internal server error');
    });
  },
  { name: 'errors' },
);
