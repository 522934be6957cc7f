import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../../../errors.ts';
import { type BatchResult, ingestEvents, ingestOrders } from '../../../../ingest/ingest-batch.ts';
import { recordIngestFailure } from '../../../../ingest/record-failure.ts';
import { apiKeyOf } from '../../../../plugins/api-key-auth.ts';
import { errorBody } from '../../../../plugins/errors.ts';
import {
  EventsBody,
  ingestBodyLimit,
  ingestResponses,
  KeyHeaders,
  maxItems,
  OrdersBody,
} from './schemas.ts';

const rules = `Authenticated by an API key (\`npm run apikey -- create --name NAME\`) in \`Authorization: Bearer <key>\` or \`X-API-Key\`; Telegram initData is refused (401). Up to ${maxItems} items and 5 MiB per request (413 beyond). Items are checked one by one: 200 when all are taken, 207 when some are (the others listed by index in \`errors\`), 400 when none is. Each item carries its own id: a repeated id, in the batch or from an earlier one, is counted in \`duplicates\` and not stored again (the first delivery wins). Unknown customers follow \`unknownCustomers\`. Unknown fields in items are ignored.`;

/** Too many items is a 413 before the body is validated, like a body over the byte limit. */
async function limitItems(request: FastifyRequest) {
  const items = (request.body as { items?: unknown } | undefined)?.items;
  if (Array.isArray(items) && items.length > maxItems) {
    throw new AppError(
      'payload_too_large',
      `a batch holds at most ${maxItems} items; this one has ${items.length}`,
    );
  }
}

function answer(reply: FastifyReply, result: BatchResult, rejected: number) {
  if (result.errors.length === 0) return reply.status(200).send(result);
  if (result.accepted > 0) return reply.status(207).send(result);
  const message = `no item was taken: ${rejected} rejected (see errors)`;
  return reply.status(400).send({ ...errorBody(400, 'bad_request', message), ...result });
}

const ingestRoutes: FastifyPluginAsyncZod = async (app) => {
  /** Logs the batch under its key, refreshes analytics soon when anything was stored. */
  const take = async (
    request: FastifyRequest,
    reply: FastifyReply,
    ingesting: Promise<BatchResult>,
    what: 'events' | 'orders',
  ) => {
    const key = apiKeyOf(request);
    // A batch that fails, or of which nothing is taken, is kept for the staff's failure alerts.
    const failed = (message: string) =>
      recordIngestFailure(app.prisma, { channel: 'api', what: `${what} (${key.name})`, message });
    const result = await ingesting.catch(async (error: Error) => {
      app.metrics.ingest(what, null);
      await failed(error.message);
      throw error;
    });
    // Items refused: an item can have several errors.
    const rejected = new Set(result.errors.map((e) => e.index)).size;
    app.metrics.ingest(what, { ...result, rejected });
    if (result.accepted === 0 && result.errors.length > 0) {
      const first = result.errors[0]!;
      await failed(
        `no item was taken: ${rejected} rejected, e.g. item ${first.index} ${first.field}: ${first.reason}`,
      );
    }
    request.log.info({ apiKey: key.name, ...result, errors: result.errors.length }, what);
    if (result.stored > 0) app.analytics.refresher.soon();
    return answer(reply, result, rejected);
  };
  const route = {
    config: { access: 'api-key' as const },
    bodyLimit: ingestBodyLimit,
    preValidation: limitItems,
  };

  app.post(
    '/events',
    {
      ...route,
      schema: {
        summary: 'Ingest a batch of customer events (web, app, telegram, offline)',
        description: rules,
        tags: ['ingestion'],
        headers: KeyHeaders,
        body: EventsBody,
        response: ingestResponses,
      },
    },
    async (request, reply) => {
      const { items, ...options } = request.body;
      return take(request, reply, ingestEvents(app.db, items, options), 'events');
    },
  );

  app.post(
    '/orders',
    {
      ...route,
      schema: {
        summary: 'Ingest a batch of orders with their lines',
        description: `${rules} Order totals are the sums of their lines (quantity × unitPrice, exact to the cent); a negative quantity is a returned unit, and an order whose lines are all negative is a return. Unknown skus create products.`,
        tags: ['ingestion'],
        headers: KeyHeaders,
        body: OrdersBody,
        response: ingestResponses,
      },
    },
    async (request, reply) => {
      const { items, ...options } = request.body;
      return take(request, reply, ingestOrders(app.db, items, options), 'orders');
    },
  );
};

export default ingestRoutes;
