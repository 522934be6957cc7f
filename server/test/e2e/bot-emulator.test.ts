// The bot end to end: the real server process (polling) against the Bot API emulator
// telegram-test-api, over a demo business. Telegram users are emulated clients sending
// commands, button presses and a shared contact; what the bot sent is read back from the
// emulator.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase } from '@retention/db';
import { seedDemo } from '@retention/db/seed';
import { createServerDatabase, dropServerDatabase } from '@retention/db/testing';
import { chromium } from 'playwright-core';
import { TelegramServer } from 'telegram-test-api/lib/telegramServer.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, hasChromium, repoRoot } from '../../../test/requirements.ts';
import { testBotToken } from '../helpers/build-app.ts';
import { buildMiniappOnce } from './miniapp-build.ts';
import { freePort, type ServerProcess, startServer } from './server-process.ts';
import { initDataFor, installTelegram, launchUrl, palettes } from './telegram-env.ts';

const users = {
  admin: { userId: 9001, firstName: 'Ada' },
  manager: { userId: 9002, firstName: 'Max' },
  client: { userId: 9003, firstName: 'Cleo' },
  newcomer: { userId: 9004, firstName: 'Nia' },
};
const publicUrl = 'https://retention.example.test';

type BotMessage = {
  messageId: number;
  message: { chat_id: number | string; text?: string; reply_markup?: unknown };
};

describe('the bot against the Bot API emulator', () => {
  let emulator: TelegramServer;
  let server: ServerProcess;
  let databaseUrl: string | undefined;
  let customer: { id: number; phone: string };
  let newcomerCustomer: { id: number; phone: string; name: string | null };
  const serverUrl = process.env.TEST_DATABASE_URL;

  beforeAll(async () => {
    const build = buildMiniappOnce();
    const dataDir = await mkdtemp(path.join(tmpdir(), 'rd-bot-'));
    databaseUrl = serverUrl ? await createServerDatabase(serverUrl) : undefined;
    const db = await openDatabase({ databaseUrl, dataDir: path.join(dataDir, 'pglite') });
    await db.migrate();
    await seedDemo(db.prisma, { customers: 200 });
    const withPhones = await db.prisma.customer.findMany({
      where: { phone: { not: null }, telegramUserId: null },
      orderBy: { id: 'asc' },
      take: 2,
      select: { id: true, phone: true, name: true },
    });
    customer = { id: withPhones[0]!.id, phone: withPhones[0]!.phone! };
    newcomerCustomer = { ...withPhones[1]!, phone: withPhones[1]!.phone! };
    // The client is already linked; the newcomer will link by sharing their phone.
    await db.prisma.customer.update({
      where: { id: customer.id },
      data: { telegramUserId: BigInt(users.client.userId) },
    });
    await db.close();
    await build;

    emulator = new TelegramServer({ port: await freePort(), host: '127.0.0.1', storage: 'RAM' });
    await emulator.start();
    server = await startServer({
      DATA_DIR: dataDir,
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
      DEMO_DATA: 'off',
      RETRAIN_HOURS: '0',
      BOT_TOKEN: testBotToken,
      BOT_MODE: 'polling',
      TELEGRAM_API_ROOT: emulator.config.apiURL,
      PUBLIC_URL: publicUrl,
      ADMIN_TELEGRAM_IDS: String(users.admin.userId),
      MANAGER_TELEGRAM_IDS: String(users.manager.userId),
    });
  });
  afterAll(async () => {
    await server?.stop();
    await emulator?.stop();
    if (serverUrl && databaseUrl) await dropServerDatabase(serverUrl, databaseUrl);
  });

  const clientOf = (u: (typeof users)[keyof typeof users]) =>
    emulator.getClient(testBotToken, { ...u, chatId: u.userId, timeout: 20_000 });

  /** The bot's messages in a user's chat, oldest first, as they stand now (edits applied). */
  const chat = (userId: number) =>
    (emulator.storage.botMessages as unknown as BotMessage[]).filter(
      (m) => String(m.message.chat_id) === String(userId),
    );
  const markup = (m: BotMessage | undefined) =>
    (typeof m?.message.reply_markup === 'string'
      ? JSON.parse(m.message.reply_markup)
      : m?.message.reply_markup) as
      | {
          inline_keyboard?: { text: string; callback_data?: string; web_app?: { url: string } }[][];
        }
      | undefined;

  /** Waits until the chat has more than `count` messages, or the last one satisfies `ok`. */
  async function waitFor(userId: number, ok: (messages: BotMessage[]) => boolean) {
    await expect.poll(() => ok(chat(userId)), { timeout: 20_000, interval: 100 }).toBe(true);
    return chat(userId);
  }

  async function command(u: (typeof users)[keyof typeof users], text: string) {
    const before = chat(u.userId).length;
    const c = clientOf(u);
    await c.sendCommand(c.makeCommand(text));
    return (await waitFor(u.userId, (m) => m.length > before)).at(-1)!;
  }

  async function press(u: (typeof users)[keyof typeof users], data: string, messageId: number) {
    const c = clientOf(u);
    await c.sendCallback(c.makeCallbackQuery(data, { message: { message_id: messageId } }));
  }

  it('answers /start for a manager with a web_app button opening the Mini App', async () => {
    const reply = await command(users.manager, '/start');
    expect(reply.message.text).toMatch(/^Hello, Max! You are a manager/);
    const button = markup(reply)?.inline_keyboard?.[0]?.[0];
    expect(button).toEqual({ text: 'Open the app', web_app: { url: `${publicUrl}/` } });
  });

  it.skipIf(!hasChromium())(
    'opens the Mini App from that button, signed in as the manager',
    async () => {
      const reply = await command(users.manager, '/start');
      const button = markup(reply)?.inline_keyboard?.[0]?.[0];
      // What Telegram opens for that button: the Mini App, signed in as the manager.
      const browser = await chromium.launch({
        executablePath: chromiumPath,
        args: ['--no-sandbox'],
      });
      try {
        const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
        await installTelegram(page, palettes.light);
        const path = new URL(button!.web_app!.url).pathname;
        const initData = initDataFor(
          { id: users.manager.userId, first_name: users.manager.firstName },
          testBotToken,
        );
        await page.goto(launchUrl(server.url, path, initData, palettes.light));
        await expect
          .poll(() => page.getByTestId('me-role').textContent(), { timeout: 30_000 })
          .toMatch(/manager/i);
        expect(await page.getByTestId('dashboard').count()).toBe(1);
      } finally {
        await browser.close();
      }
    },
  );

  it('lets an admin find a customer by id and by phone and assign an offer the client then sees', async () => {
    const byId = await command(users.admin, `/customer ${customer.id}`);
    expect(byId.message.text).toMatch(new RegExp(`^#${customer.id} `));
    const byPhone = await command(users.admin, `/customer ${customer.phone}`);
    expect(byPhone.message.text).toMatch(new RegExp(`^#${customer.id} `));
    expect(markup(byPhone)?.inline_keyboard?.[0]?.[0]).toEqual({
      text: 'Assign offer',
      callback_data: `ao:${customer.id}`,
    });

    const before = chat(users.admin.userId).length;
    await press(users.admin, `ao:${customer.id}`, byPhone.messageId);
    const list = (await waitFor(users.admin.userId, (m) => m.length > before)).at(-1)!;
    expect(list.message.text).toBe(`Choose an offer for #${customer.id}:`);
    const pick = markup(list)!.inline_keyboard![0]![0]!;
    await press(users.admin, pick.callback_data!, list.messageId);
    await waitFor(users.admin.userId, (m) =>
      Boolean(m.find((x) => x.messageId === list.messageId)?.message.text?.startsWith('Assign “')),
    );
    const confirm = markup(chat(users.admin.userId).find((x) => x.messageId === list.messageId));
    expect(confirm?.inline_keyboard?.[0]?.map((b) => b.text)).toEqual(['Confirm', 'Cancel']);
    await press(users.admin, confirm!.inline_keyboard![0]![0]!.callback_data!, list.messageId);
    const done = await waitFor(users.admin.userId, (m) =>
      Boolean(m.find((x) => x.messageId === list.messageId)?.message.text?.startsWith('Assigned.')),
    );
    const code = done
      .find((x) => x.messageId === list.messageId)!
      .message.text!.replace('Assigned. Personal code: ', '');
    expect(code).toMatch(/^[A-Z0-9-]+-[A-Z2-9]{6}$/);

    const offers = await command(users.client, '/offers');
    expect(offers.message.text).toContain(`code ${code}`);
  });

  it('refuses /customer to a client', async () => {
    const reply = await command(users.client, '/customer 1');
    expect(reply.message.text).toBe('This command is not available to you.');
  });

  it('links an unknown user who shares their phone number to their customer record', async () => {
    const start = await command(users.newcomer, '/start');
    expect(markup(start)).toMatchObject({
      keyboard: [[{ text: 'Share my phone number', request_contact: true }]],
    });
    const c = clientOf(users.newcomer);
    const before = chat(users.newcomer.userId).length;
    const shared = c.makeMessage('', {
      contact: {
        phone_number: newcomerCustomer.phone,
        first_name: users.newcomer.firstName,
        user_id: users.newcomer.userId,
      },
    } as never);
    await c.sendMessage(shared as never);
    const linked = (await waitFor(users.newcomer.userId, (m) => m.length > before + 1))[before]!;
    expect(linked.message.text).toBe(
      `Thank you! Your account is linked to your customer record (${newcomerCustomer.name}).`,
    );
    const stats = await command(users.newcomer, '/stats');
    expect(stats.message.text).toMatch(/^Your purchases: \d+ orders/);
  });
});

describe('the bot on its own (npm run bot)', () => {
  it('answers by long polling without an HTTP server, and stops on SIGTERM', {
    timeout: 150_000,
  }, async () => {
    const emulator = new TelegramServer({ port: await freePort(), host: '127.0.0.1' });
    await emulator.start();
    const dataDir = await mkdtemp(path.join(tmpdir(), 'rd-botonly-'));
    const { BOT_TOKEN: _t, DATABASE_URL: _d, ...inherited } = process.env;
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/cli/bot.ts'], {
      cwd: repoRoot,
      env: {
        ...inherited,
        DATA_DIR: dataDir,
        DEMO_DATA: 'off',
        BOT_TOKEN: testBotToken,
        TELEGRAM_API_ROOT: emulator.config.apiURL,
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    child.stdout.on('data', (d) => (log += d));
    child.stderr.on('data', (d) => (log += d));
    try {
      await expect.poll(() => log, { timeout: 60_000 }).toMatch(/bot only: long polling/);
      const client = emulator.getClient(testBotToken, {
        userId: 9100,
        chatId: 9100,
        firstName: 'Oz',
      });
      await client.sendCommand(client.makeCommand('/start'));
      // The reply comes when the process gets to it: on a loaded machine, after more than one
      // of the emulator's waits.
      await expect
        .poll(async () => String((await client.getUpdates()).result[0]?.message.text), {
          timeout: 60_000,
        })
        .toMatch(/^Hello, Oz! This bot serves/);
      child.kill('SIGTERM');
      const [code] = await once(child, 'exit');
      expect(code).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await emulator.stop();
    }
  });
});
