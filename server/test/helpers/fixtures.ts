// A small, known business for the API tests: two regions, linked clients, staff of
// every role, products with price history.
import type { PrismaClient } from '@retention/db';
import { signInitData, type TelegramUser } from '../../src/auth/init-data.ts';
import { testBotToken } from './build-app.ts';

export const people = {
  admin: { id: 5001, first_name: 'Ada', username: 'ada' },
  manager: { id: 5002, first_name: 'Max' },
  northManager: { id: 5003, first_name: 'Nora' },
  clientA: { id: 5004, first_name: 'Ann' },
  clientB: { id: 5005, first_name: 'Ben' },
  unknown: { id: 5006, first_name: 'Uma' },
} satisfies Record<string, TelegramUser>;

export interface Fixture {
  northCustomers: number[];
  southCustomers: number[];
  clientA: number;
  clientB: number;
}

export async function loadFixture(prisma: PrismaClient): Promise<Fixture> {
  await prisma.staff.createMany({
    data: [
      { telegramUserId: BigInt(people.manager.id), role: 'manager' },
      { telegramUserId: BigInt(people.northManager.id), role: 'manager', regionScope: 'North' },
    ],
  });
  const make = (i: number, region: string, telegramUserId?: number) =>
    prisma.customer.create({
      data: {
        source: 'test',
        externalId: `T${i}`,
        name: `${region} Customer ${i}`,
        email: `c${i}@example.com`,
        phone: `7900000${String(i).padStart(4, '0')}`,
        region,
        acquisitionChannel: i % 2 ? 'organic' : 'referral',
        signupAt: new Date(Date.UTC(2024, 0, i)),
        tags: i % 3 === 0 ? ['vip'] : [],
        telegramUserId: telegramUserId === undefined ? null : BigInt(telegramUserId),
      },
      select: { id: true },
    });
  const north = [];
  const south = [];
  for (let i = 1; i <= 6; i++)
    north.push((await make(i, 'North', i === 1 ? people.clientA.id : undefined)).id);
  for (let i = 7; i <= 12; i++)
    south.push((await make(i, 'South', i === 7 ? people.clientB.id : undefined)).id);

  const product = await prisma.product.create({
    data: { source: 'test', sku: 'TEA-1', name: 'Green tea', category: 'tea', tags: ['organic'] },
  });
  await prisma.product.create({
    data: { source: 'test', sku: 'MUG-1', name: 'Mug', category: 'ware' },
  });
  await prisma.productPrice.createMany({
    data: [
      { productId: product.id, price: '10.00', validFrom: new Date('2024-01-01T00:00:00Z') },
      { productId: product.id, price: '12.50', validFrom: new Date('2024-06-01T00:00:00Z') },
      { productId: product.id, price: '99.00', validFrom: new Date('2999-01-01T00:00:00Z') },
    ],
  });
  for (const [n, customerId] of [north[0], north[0], south[0]].entries()) {
    await prisma.order.create({
      data: {
        source: 'test',
        externalId: `O${n}`,
        customerId: customerId!,
        placedAt: new Date(Date.UTC(2024, 2 + n, 1)),
        total: '25.00',
        items: {
          create: [
            { lineNo: 1, productId: product.id, quantity: 2, unitPrice: '12.50', amount: '25.00' },
          ],
        },
      },
    });
  }
  return { northCustomers: north, southCustomers: south, clientA: north[0]!, clientB: south[0]! };
}

/** `Authorization` header for a Telegram user, signed by the test bot. */
export function tma(user: TelegramUser, options: { token?: string; authDate?: Date } = {}) {
  return {
    authorization: `tma ${signInitData(user, options.token ?? testBotToken, options.authDate)}`,
  };
}
