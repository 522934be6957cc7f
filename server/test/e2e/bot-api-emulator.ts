// The Bot API emulator (telegram-test-api), answering an HTML message the way Telegram does:
// text that does not parse (a stray `<` from a customer's name) is refused with 400 "can't
// parse entities" and never reaches the chat. The emulator itself accepts any text. It also
// learns savePreparedInlineMessage (Bot API 8.0), which it lacks: checked and answered as the
// Bot API documents it, and kept for the tests to read (`preparedMessages`).
import { randomBytes } from 'node:crypto';
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
  prepareInlineMessages(emulator);
  await emulator.start();
  return emulator;
}

/** A prepared inline message as the bot saved it. */
export interface PreparedMessage {
  id: string;
  userId: number;
  result: Record<string, unknown>;
  allow: Record<string, unknown>;
}

const prepared = new WeakMap<TelegramServer, PreparedMessage[]>();

/** The prepared inline messages the bot saved, oldest first. */
export function preparedMessages(emulator: TelegramServer): PreparedMessage[] {
  return prepared.get(emulator) ?? [];
}

/** The little of Express 4 used here (the emulator's app; no types are installed for it). */
interface ExpressApp {
  post(path: string, handler: (req: Req, res: Res, next: () => void) => void): void;
  _router: { stack: { name: string }[] };
}
type Req = { params: { method: string }; body?: Record<string, unknown> };
type Res = { status(code: number): { json(body: unknown): void } };
type Handler = (req: Req, res: Res, next: () => void) => void;

/**
 * The emulator registers its routes in its constructor and has no hook before them: a handler
 * is added as a route, then moved to just after the body parsers (Express 4's stack).
 */
function before(emulator: TelegramServer, handler: Handler): void {
  const app = (emulator as unknown as { webServer: ExpressApp }).webServer;
  app.post('/bot:token/:method', handler);
  const stack = app._router.stack;
  const added = stack.pop()!;
  const parsed = stack.findIndex((l) => l.name === 'requestLogger');
  if (parsed < 0) throw new Error('telegram-test-api changed: no requestLogger middleware');
  stack.splice(parsed + 1, 0, added);
}

const refuse = (res: Res, description: string) =>
  res.status(400).json({ ok: false, error_code: 400, description });

function refuseUnparsableHtml(emulator: TelegramServer): void {
  before(emulator, (req, res, next) => {
    const body = req.body;
    if (body?.parse_mode !== 'HTML' || typeof body.text !== 'string') return next();
    const refusal = refusalOf(body.text);
    if (refusal) refuse(res, refusal);
    else next();
  });
}

/** savePreparedInlineMessage: a user id and an InlineQueryResult (a photo needs its URLs). */
function prepareInlineMessages(emulator: TelegramServer): void {
  const saved: PreparedMessage[] = [];
  prepared.set(emulator, saved);
  before(emulator, (req, res, next) => {
    if (req.params.method !== 'savePreparedInlineMessage') return next();
    const { user_id, result, ...allow } = req.body ?? {};
    const r = (typeof result === 'string' ? JSON.parse(result) : result) as Record<string, unknown>;
    if (!Number.isInteger(Number(user_id)))
      return refuse(res, 'Bad Request: invalid user_id specified');
    if (typeof r?.type !== 'string' || typeof r.id !== 'string') {
      return refuse(res, 'Bad Request: RESULT_ID_INVALID');
    }
    if (
      r.type === 'photo' &&
      (typeof r.photo_url !== 'string' || typeof r.thumbnail_url !== 'string')
    ) {
      return refuse(res, 'Bad Request: PHOTO_INVALID');
    }
    const id = randomBytes(8).toString('hex');
    saved.push({ id, userId: Number(user_id), result: r, allow });
    const expiration = Math.floor(Date.now() / 1000) + 86_400;
    res.status(200).json({ ok: true, result: { id, expiration_date: expiration } });
  });
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
