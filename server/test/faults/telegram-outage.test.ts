// The Bot API fails under the real server process: first nothing listens (connection
// refused), then it answers 500, then getUpdates hangs past TELEGRAM_TIMEOUT_SECONDS, then it
// works. The process never exits, logs the failures, retries with growing pauses (no hot
// loop), keeps serving HTTP, and answers a /start sent after the recovery.
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  botServerEnv,
  freePort,
  processDatabase,
  type ServerProcess,
  startServer,
} from '../e2e/server-process.ts';
import { testBotToken } from '../helpers/build-app.ts';
import { sleep, waitUntil } from '../helpers/wait.ts';

type Mode = 'error' | 'hang' | 'ok';
interface Call {
  method: string;
  at: number;
  mode: Mode;
}

/** A Bot API on a fixed port that can be down, failing, hanging or working. */
function flakyBotApi(port: number) {
  let mode: Mode = 'error';
  const calls: Call[] = [];
  const sent: { chatId: number; text: string }[] = [];
  const updates: unknown[] = [];
  const sockets = new Set<Socket>();
  const hanging: ServerResponse[] = [];
  const read = async (req: IncomingMessage) => {
    let s = '';
    for await (const chunk of req) s += chunk;
    return s ? (JSON.parse(s) as Record<string, unknown>) : {};
  };
  const server = createServer(async (req, res) => {
    const method = req.url?.split('/').at(-1) ?? '';
    const params = await read(req);
    calls.push({ method, at: Date.now(), mode });
    const answer = (status: number, body: unknown) =>
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (mode === 'error') {
      return answer(500, { ok: false, error_code: 500, description: 'Internal Server Error' });
    }
    if (mode === 'hang' && method === 'getUpdates') {
      hanging.push(res);
      return;
    }
    if (method === 'getMe') {
      return answer(200, {
        ok: true,
        result: { id: 7000000001, is_bot: true, first_name: 'Shop', username: 'shop_bot' },
      });
    }
    if (method === 'getUpdates') {
      const offset = Number(params.offset ?? 0);
      const due = updates.filter((u) => (u as { update_id: number }).update_id >= offset);
      if (due.length === 0) await new Promise((r) => setTimeout(r, 300));
      return answer(200, { ok: true, result: due });
    }
    if (method === 'sendMessage') {
      sent.push({ chatId: Number(params.chat_id), text: String(params.text) });
      return answer(200, {
        ok: true,
        result: {
          message_id: sent.length,
          date: Math.floor(Date.now() / 1000),
          chat: { id: Number(params.chat_id), type: 'private' },
          text: params.text,
        },
      });
    }
    return answer(200, { ok: true, result: true });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    sent,
    setMode: (m: Mode) => {
      mode = m;
    },
    listen: async () => {
      server.listen(port, '127.0.0.1');
      await once(server, 'listening');
    },
    push: (update: unknown) => updates.push(update),
    close: () => {
      for (const s of sockets) s.destroy();
      server.close();
    },
  };
}

describe('the bot when the Telegram Bot API fails', () => {
  let api: ReturnType<typeof flakyBotApi>;
  let server: ServerProcess | undefined;
  let database: Awaited<ReturnType<typeof processDatabase>>;

  beforeAll(async () => {
    api = flakyBotApi(await freePort());
    database = await processDatabase('rd-telegram-faults-');
    await (await database.open()).close();
  });
  afterAll(async () => {
    await server?.stop();
    api?.close();
    await database?.drop();
  });

  const until = (what: string, ok: () => boolean, ms: number) =>
    waitUntil(what, ok, { ms, detail: () => server?.output() ?? '' });
  const healthy = async () => (await fetch(`${server!.url}/health`)).status;

  it('survives refused connections, 500s and a hang, then answers /start', {
    timeout: 150_000,
  }, async () => {
    // Nothing listens at the Bot API's address yet: the server starts anyway.
    server = await startServer({
      ...database.env,
      ...botServerEnv(api.url, { TELEGRAM_TIMEOUT_SECONDS: '5' }),
    });
    await until(
      'a logged connection failure',
      () => /bot: Telegram getMe failed \(1 in a row\)/.test(server!.output()),
      30_000,
    );
    expect(await healthy()).toBe(200);

    // 500s for 10 s: retried with growing pauses (grammY's own, and auto-retry's 3, 6, 12 s),
    // not in a loop that would make hundreds of calls.
    await api.listen();
    const errorsFrom = Date.now();
    await until(
      '500s to be retried',
      () => api.calls.filter((c) => c.mode === 'error').length >= 2,
      40_000,
    );
    await sleep(Math.max(0, errorsFrom + 10_000 - Date.now()));
    const failing = api.calls.filter((c) => c.mode === 'error');
    expect(failing.length).toBeGreaterThanOrEqual(2);
    expect(failing.length).toBeLessThanOrEqual(12);
    expect(await healthy()).toBe(200);

    // getUpdates hangs: the call times out after TELEGRAM_TIMEOUT_SECONDS and is made again.
    api.setMode('hang');
    await until(
      'a getUpdates to hang',
      () => api.calls.some((c) => c.mode === 'hang' && c.method === 'getUpdates'),
      40_000,
    );
    const hangFrom = api.calls.find((c) => c.mode === 'hang' && c.method === 'getUpdates')!.at;
    await until(
      'getUpdates to be called again after the timeout',
      () => api.calls.filter((c) => c.mode === 'hang' && c.method === 'getUpdates').length >= 2,
      40_000,
    );
    const again = api.calls.filter((c) => c.mode === 'hang' && c.method === 'getUpdates')[1]!.at;
    expect(again - hangFrom).toBeGreaterThanOrEqual(4500);
    expect(server!.output()).toMatch(/bot: Telegram getUpdates failed .*timed out/);
    expect(await healthy()).toBe(200);

    // Telegram is back: a /start is answered.
    api.setMode('ok');
    const chatId = 5551001;
    api.push({
      update_id: 1,
      message: {
        message_id: 1,
        date: Math.floor(Date.now() / 1000),
        chat: { id: chatId, type: 'private', first_name: 'Olga' },
        from: { id: chatId, is_bot: false, first_name: 'Olga', language_code: 'en' },
        text: '/start',
        entities: [{ type: 'bot_command', offset: 0, length: 6 }],
      },
    });
    await until(
      'the /start to be answered',
      () => api.sent.some((m) => m.chatId === chatId),
      60_000,
    );
    expect(server!.output()).toMatch(/bot: Telegram answers again/);
    expect(server!.output()).not.toContain(testBotToken.split(':')[1]!); // causes are redacted
    expect(server!.output()).not.toMatch(/uncaught|unhandled/i);
    expect(await server!.stop()).toBe(0);
    server = undefined;
  });
});
