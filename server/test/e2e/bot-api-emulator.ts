// The Bot API emulator (telegram-test-api), answering an HTML message the way Telegram does:
// text that does not parse (a stray `<` from a customer's name) is refused with 400 "can't
// parse entities" and never reaches the chat. The emulator itself accepts any text.
import { renderTelegramHtml, TelegramHtmlError } from '@retention/bot/testing';
import { TelegramServer } from 'telegram-test-api/lib/telegramServer.js';
import { freePort } from './server-process.ts';

export async function startEmulator(): Promise<TelegramServer> {
  const emulator = new TelegramServer({
    port: await freePort(),
    host: '127.0.0.1',
    storage: 'RAM',
  });
  refuseUnparsableHtml(emulator);
  await emulator.start();
  return emulator;
}

/** The little of Express 4 used here (the emulator's app; no types are installed for it). */
interface ExpressApp {
  post(path: string, handler: (req: Req, res: Res, next: () => void) => void): void;
  _router: { stack: { name: string }[] };
}
type Req = { body?: { parse_mode?: unknown; text?: unknown } };
type Res = { status(code: number): { json(body: unknown): void } };

function refuseUnparsableHtml(emulator: TelegramServer): void {
  // The emulator registers its routes in its constructor and has no hook before them: the
  // check is added as a route, then moved to just after the body parsers (Express 4's stack).
  const app = (emulator as unknown as { webServer: ExpressApp }).webServer;
  app.post('/bot:token/:method', (req, res, next) => {
    const body = req.body;
    if (body?.parse_mode !== 'HTML' || typeof body.text !== 'string') return next();
    const refusal = refusalOf(body.text);
    if (refusal) res.status(400).json({ ok: false, error_code: 400, description: refusal });
    else next();
  });
  const stack = app._router.stack;
  const check = stack.pop()!;
  const parsed = stack.findIndex((l) => l.name === 'requestLogger');
  if (parsed < 0) throw new Error('telegram-test-api changed: no requestLogger middleware');
  stack.splice(parsed + 1, 0, check);
}

function refusalOf(html: string): string | null {
  try {
    renderTelegramHtml(html);
    return null;
  } catch (error) {
    if (error instanceof TelegramHtmlError) return error.message;
    throw error;
  }
}
