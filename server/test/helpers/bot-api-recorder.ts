// A small HTTP server playing the Bot API for the alerts scheduler: it answers sendMessage
// and sendPhoto (JSON or multipart) with success and records who got what. `failNext` makes
// the next calls fail the way Telegram does (429 with retry_after, or a refusal).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedMessage {
  method: string;
  chatId: number;
  text: string;
}

export async function botApiRecorder() {
  const messages: RecordedMessage[] = [];
  const failures: { status: number; body: Record<string, unknown> }[] = [];
  let messageId = 1;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const method = (req.url ?? '').split('/').pop() ?? '';
      const raw = Buffer.concat(chunks).toString('latin1');
      let chatId = 0;
      let text = '';
      if ((req.headers['content-type'] ?? '').includes('json')) {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
        chatId = Number(body.chat_id);
        text = String(body.text ?? body.caption ?? '');
      } else {
        const field = (name: string) =>
          new RegExp(`name="${name}"\\r\\n\\r\\n([^\\r]*)`).exec(raw)?.[1] ?? '';
        chatId = Number(field('chat_id'));
        text = Buffer.from(field('caption'), 'latin1').toString('utf8');
      }
      const failure = failures.shift();
      res.setHeader('content-type', 'application/json');
      if (failure) {
        res.statusCode = failure.status;
        res.end(JSON.stringify(failure.body));
        return;
      }
      messages.push({ method, chatId, text });
      res.end(
        JSON.stringify({
          ok: true,
          result: {
            message_id: messageId++,
            date: Math.floor(Date.now() / 1000),
            chat: { id: chatId, type: 'private' },
          },
        }),
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    apiRoot: `http://127.0.0.1:${port}`,
    messages,
    /** The next call answers 429 with this retry_after (seconds). */
    tooManyRequests(retryAfter: number) {
      failures.push({
        status: 429,
        body: {
          ok: false,
          error_code: 429,
          description: `Too Many Requests: retry after ${retryAfter}`,
          parameters: { retry_after: retryAfter },
        },
      });
    },
    /** The next call is refused as for a user who blocked the bot. */
    blocked() {
      failures.push({
        status: 403,
        body: { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' },
      });
    },
    /** The next call fails on Telegram's side (502). */
    badGateway() {
      failures.push({
        status: 502,
        body: { ok: false, error_code: 502, description: 'Bad Gateway' },
      });
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
