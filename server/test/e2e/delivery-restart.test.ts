// Offer delivery under Telegram's errors and a restart: the real server process sends a
// campaign's offers to a scripted Bot API that answers one chat 429 (retry_after), one 403
// (the bot is blocked), one 400 (chat not found) and the rest slowly; the server is stopped
// (SIGTERM) mid-delivery and started again on the same database. Nothing is left `sending`
// when the process exits, every offer ends in its right state and no chat receives its offer
// twice.
import { once } from 'node:events';
import { createServer, type IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBotToken } from '../helpers/build-app.ts';
import { scoreCustomers } from '../helpers/scores.ts';
import {
  botServerEnv,
  freePort,
  processDatabase,
  type ServerProcess,
  startServer,
} from './server-process.ts';
import { initDataFor } from './telegram-env.ts';

const admin = { id: 9601, first_name: 'Ada' };
const chats = Array.from({ length: 30 }, (_, i) => 8001 + i);
const [limited, blocker, missing] = chats as [number, number, number];
const day = 86_400_000;

interface Call {
  chatId: number;
  status: number;
}

/** A Bot API that answers from a script and records every sendMessage. */
async function scriptedBotApi() {
  const calls: Call[] = [];
  let messageId = 1;
  const body = async (req: IncomingMessage) => {
    let s = '';
    for await (const chunk of req) s += chunk;
    return s ? (JSON.parse(s) as Record<string, unknown>) : {};
  };
  const server = createServer(async (req, res) => {
    const method = req.url?.split('/').at(-1) ?? '';
    const params = await body(req);
    const answer = (status: number, payload: Record<string, unknown>) => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(payload));
    };
    if (method === 'getMe') {
      return answer(200, {
        ok: true,
        result: { id: 7000000001, is_bot: true, first_name: 'Shop', username: 'shop_bot' },
      });
    }
    if (method === 'getUpdates') {
      await new Promise((r) => setTimeout(r, 500));
      return answer(200, { ok: true, result: [] });
    }
    if (method !== 'sendMessage') return answer(200, { ok: true, result: true });
    const chatId = Number(params.chat_id);
    const earlier = calls.filter((c) => c.chatId === chatId).length;
    if (chatId === limited && earlier === 0) {
      calls.push({ chatId, status: 429 });
      return answer(429, {
        ok: false,
        error_code: 429,
        description: 'Too Many Requests: retry after 2',
        parameters: { retry_after: 2 },
      });
    }
    if (chatId === blocker) {
      calls.push({ chatId, status: 403 });
      return answer(403, {
        ok: false,
        error_code: 403,
        description: 'Forbidden: bot was blocked by the user',
      });
    }
    if (chatId === missing) {
      calls.push({ chatId, status: 400 });
      return answer(400, {
        ok: false,
        error_code: 400,
        description: 'Bad Request: chat not found',
      });
    }
    await new Promise((r) => setTimeout(r, 300));
    calls.push({ chatId, status: 200 });
    return answer(200, {
      ok: true,
      result: {
        message_id: messageId++,
        date: Math.floor(Date.now() / 1000),
        chat: { id: chatId, type: 'private' },
        text: params.text,
      },
    });
  });
  server.listen(await freePort(), '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, calls, close: () => server.close() };
}

describe('offer delivery under Telegram errors and a restart', () => {
  let botApi: Awaited<ReturnType<typeof scriptedBotApi>>;
  let server: ServerProcess | undefined;
  let database: Awaited<ReturnType<typeof processDatabase>>;

  const start = () =>
    startServer({
      ...database.env,
      ...botServerEnv(botApi.url, { ADMIN_TELEGRAM_IDS: String(admin.id) }),
    });

  beforeAll(async () => {
    botApi = await scriptedBotApi();
    database = await processDatabase('rd-delivery-');
    const db = await database.open();
    const ids = [];
    for (const [i, chat] of chats.entries()) {
      const c = await db.prisma.customer.create({
        data: {
          source: 'shop',
          externalId: `C${i}`,
          name: `Customer ${i}`,
          telegramUserId: BigInt(chat),
        },
      });
      ids.push(c.id);
    }
    await scoreCustomers(
      db.prisma,
      ids.map((customerId) => ({ customerId, probability: 0.8, clv: 100 })),
    );
    await db.close();
    server = await start();
  });
  afterAll(async () => {
    await server?.stop();
    botApi?.close();
    await database?.drop();
  });

  const api = async (method: string, url: string, body?: unknown) => {
    const r = await fetch(`${server!.url}/api/v1${url}`, {
      method,
      headers: {
        authorization: `tma ${initDataFor(admin, testBotToken)}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    return {
      status: r.status,
      json: (await r.json()) as { id: number; delivery: Record<string, number> },
    };
  };

  it('ends every offer in its state, once per chat, across a restart mid-delivery', async () => {
    const launched = await api('POST', '/campaigns', {
      name: 'Everyone back',
      offer: { code: 'ALL10', title: '10% off', kind: 'discount_percent', percentOff: 10 },
      target: { minChurnProbability: 0.5 },
      controlShare: 0,
      startAt: new Date(Date.now() - 60_000).toISOString(),
      endAt: new Date(Date.now() + 7 * day).toISOString(),
    });
    expect(launched.status).toBe(201);
    const id = launched.json.id;
    // Stop the server once a few offers are out and most are not.
    await expect
      .poll(() => botApi.calls.filter((c) => c.status === 200).length, {
        timeout: 30_000,
        interval: 50,
      })
      .toBeGreaterThanOrEqual(3);
    expect(await server!.stop()).toBe(0);
    // The round in flight finished before the process exited: no offer is left `sending`
    // (one would be marked failed at the next start, never sent).
    const stopped = await database.open();
    try {
      const left = await stopped.prisma.offerAssignment.count({
        where: { deliveryState: 'sending' },
      });
      expect(left).toBe(0);
    } finally {
      await stopped.close();
    }
    const beforeRestart = botApi.calls.filter((c) => c.status === 200).length;
    expect(beforeRestart).toBeLessThan(chats.length - 3);
    server = await start();
    await expect
      .poll(
        async () => {
          const d = (await api('GET', `/campaigns/${id}`)).json.delivery;
          return (d.queued ?? 0) + (d.sending ?? 0);
        },
        { timeout: 60_000, interval: 500 },
      )
      .toBe(0);
    const delivery = (await api('GET', `/campaigns/${id}`)).json.delivery;
    expect(delivery).toMatchObject({
      sent: chats.length - 2,
      blocked: 1,
      failed: 1,
      queued: 0,
      sending: 0,
    });
    // Once per chat: exactly one accepted message each, none twice; the 429 was waited out.
    for (const chat of chats) {
      const ok = botApi.calls.filter((c) => c.chatId === chat && c.status === 200);
      expect(ok, `chat ${chat}`).toHaveLength(chat === blocker || chat === missing ? 0 : 1);
    }
    expect(botApi.calls.filter((c) => c.chatId === limited).map((c) => c.status)).toEqual([
      429, 200,
    ]);
    expect(botApi.calls.filter((c) => c.chatId === blocker)).toHaveLength(1);
    expect(botApi.calls.filter((c) => c.chatId === missing)).toHaveLength(1);
    // The restarted server did send the rest.
    expect(botApi.calls.filter((c) => c.status === 200).length).toBeGreaterThan(beforeRestart);
  });

  it('stores the reasons Telegram gave', async () => {
    await server?.stop();
    server = undefined;
    const db = await database.open();
    try {
      const rows = await db.prisma.offerAssignment.findMany({ include: { customer: true } });
      const of = (chat: number) => rows.find((r) => Number(r.customer.telegramUserId) === chat)!;
      expect(of(blocker)).toMatchObject({
        deliveryState: 'blocked',
        deliveryError: '403 Forbidden: bot was blocked by the user',
      });
      expect(of(missing)).toMatchObject({
        deliveryState: 'failed',
        deliveryError: '400 Bad Request: chat not found',
      });
      expect(of(limited)).toMatchObject({ deliveryState: 'sent', attempts: 1 });
      expect(
        rows.filter((r) => r.deliveryState === 'sent').every((r) => r.messageId && r.sentAt),
      ).toBe(true);
      expect(new Set(rows.filter((r) => r.messageId).map((r) => r.messageId)).size).toBe(
        chats.length - 2,
      );
    } finally {
      await db.close();
    }
  });
});
