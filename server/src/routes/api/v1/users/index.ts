import {
  AssignedOffer,
  AssignOfferBody,
  authErrors,
  CustomerDetail,
  CustomerOffers,
  CustomerPage,
  CustomerParams,
  ErrorBody,
  ListUsersQuery,
  Note,
  NoteBody,
  OfferOpened,
  OfferParams,
  TagBody,
  TagParams,
  TagsReply,
} from '@retention/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../../../auth/identity.ts';
import { identityOf, staffOnly } from '../../../../plugins/auth.ts';
import { addNote, changeTag } from '../../../../services/customer-changes.ts';
import {
  assignOffer,
  listCustomerOffers,
  openOffer,
} from '../../../../services/customer-offers.ts';
import { getCustomer } from '../../../../services/get-customer.ts';
import { listCustomers } from '../../../../services/list-customers.ts';

const adminOnly = ['admin'] as const;
const changeErrors = { ...authErrors, 404: ErrorBody, 409: ErrorBody };

const userRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/',
    {
      config: { access: staffOnly },
      schema: {
        summary:
          'Customers, paginated, searchable and filterable (staff; scoped managers see their region)',
        tags: ['customers'],
        querystring: ListUsersQuery,
        response: { 200: CustomerPage, ...authErrors },
      },
    },
    async (request) => listCustomers(app.prisma, identityOf(request), request.query),
  );

  app.get(
    '/:id',
    {
      config: { access: ['admin', 'manager', 'client'] },
      schema: {
        summary: "One customer's card (clients: their own only; others are 404)",
        tags: ['customers'],
        params: CustomerParams,
        response: { 200: CustomerDetail, ...authErrors, 404: ErrorBody },
      },
    },
    async (request) =>
      getCustomer(app.prisma, identityOf(request), request.params.id, {
        loyaltyTiers: app.config.loyaltyTiers,
        now: app.analytics.refresher.businessDay().at,
      }),
  );

  app.get(
    '/:id/offers',
    {
      config: { access: ['admin', 'manager', 'client'] },
      schema: {
        summary: "A customer's offers, usable first (clients: their own only; others are 404)",
        tags: ['customers'],
        params: CustomerParams,
        response: { 200: CustomerOffers, ...authErrors, 404: ErrorBody },
      },
    },
    async (request) => ({
      items: await listCustomerOffers(app.prisma, identityOf(request), request.params.id),
    }),
  );

  app.post(
    '/:id/offers/:assignmentId/open',
    {
      config: { access: ['client'] },
      schema: {
        summary:
          'The client opened one of their offers: the first open is recorded (their own only; others are 404)',
        tags: ['customers'],
        params: OfferParams,
        response: { 200: OfferOpened, ...authErrors, 404: ErrorBody },
      },
    },
    async (request) =>
      openOffer(app.prisma, identityOf(request), {
        customerId: request.params.id,
        assignmentId: request.params.assignmentId,
      }),
  );

  app.post(
    '/:id/offers',
    {
      config: { access: adminOnly },
      schema: {
        summary: 'Assign an offer to a customer with a personal code (admin; audited)',
        tags: ['customers'],
        params: CustomerParams,
        body: AssignOfferBody,
        response: { 201: AssignedOffer, ...changeErrors },
      },
    },
    async (request, reply) => {
      const assignment = await assignOffer(app.prisma, actorOf(identityOf(request)), {
        customerId: request.params.id,
        offerId: request.body.offerId,
      });
      return reply.code(201).send(assignment);
    },
  );

  app.post(
    '/:id/tags',
    {
      config: { access: adminOnly },
      schema: {
        summary: 'Add a tag to a customer (admin; audited; adding a tag it has changes nothing)',
        tags: ['customers'],
        params: CustomerParams,
        body: TagBody,
        response: { 200: TagsReply, ...changeErrors },
      },
    },
    async (request) =>
      changeTag(app.prisma, actorOf(identityOf(request)), {
        customerId: request.params.id,
        tag: request.body.tag,
        op: 'add',
      }),
  );

  app.delete(
    '/:id/tags/:tag',
    {
      config: { access: adminOnly },
      schema: {
        summary: 'Remove a tag from a customer (admin; audited)',
        tags: ['customers'],
        params: TagParams,
        response: { 200: TagsReply, ...changeErrors },
      },
    },
    async (request) =>
      changeTag(app.prisma, actorOf(identityOf(request)), {
        customerId: request.params.id,
        tag: request.params.tag,
        op: 'remove',
      }),
  );

  app.post(
    '/:id/notes',
    {
      config: { access: adminOnly },
      schema: {
        summary: 'Add a note to a customer (admin; audited)',
        tags: ['customers'],
        params: CustomerParams,
        body: NoteBody,
        response: { 201: Note, ...changeErrors },
      },
    },
    async (request, reply) => {
      const note = await addNote(app.prisma, actorOf(identityOf(request)), {
        customerId: request.params.id,
        text: request.body.text,
      });
      return reply.code(201).send(note);
    },
  );
};

export default userRoutes;
