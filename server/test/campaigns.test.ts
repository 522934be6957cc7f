// Campaigns on the server: the preview and launch (who may, what is refused, the seeded split,
// the frozen control group, the audit row), the delivery queue under every answer Telegram
// gives (with a fake clock and a scripted sender), redemption by an ingested order's code,
// and the list of customers to reach by other channels.

import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { OfferSender, SendOutcome } from '@retention/bot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverDue } from '../src/campaigns/deliver.ts';
import { splitGroups } from '../src/campaigns/launch.ts';
import { ingestOrders } from '../src/ingest/ingest-batch.ts';
import { buildTestApp, type TestApp, testBotToken } from './helpers/build-app.ts';
import { type Fixture, loadFixture, people, tma } from './helpers/fixtures.ts';
import { importFile, scratchDir } from './helpers/import.ts';
import { scoreCustomers } from './helpers/scores.ts';

const minute = 60_000;
const day = 86_400_000;

/** A sender answering from a script per chat (default: sent), recording every call. */
function scriptedSender(script: Record<number, SendOutcome[]> = {}) {
  const calls: { chatId: number; assignmentId: number; text: string }[] = [];
  let nextId = 100;
  const sender: OfferSender = {
    async send(chatId, offer) {
      calls.push({ chatId, assignmentId: offer.assignmentId, text: offer.title });
      const planned = script[chatId]?.shift();
      return planned ?? { kind: 'sent', messageId: nextId++ };
    },
  };
  return { sender, calls };
}

describe('campaigns', () => {
  let t: TestApp;
  let f: Fixture;
  /** Telegram ids of linked customers by customer id. */
  const linked = new Map<number, number>();
  const call = (
    who: { id: number; first_name: string },
    method: 'GET' | 'POST',
    url: string,
    payload?: unknown,
  ) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: tma(who), payload: payload as object });
  const prisma = () => t.database.db.prisma;

  beforeAll(async () => {
    t = await buildTestApp({
      BOT_TOKEN: testBotToken,
      BOT_MODE: 'off',
      ADMIN_TELEGRAM_IDS: String(people.admin.id),
    });
    f = await loadFixture(prisma());
    linked.set(f.clientA, people.clientA.id);
    linked.set(f.clientB, people.clientB.id);
    // More linked customers: north 2-4 and south 2-3 (7001...); south 3 turned offers off.
    const more = [...f.northCustomers.slice(1, 4), ...f.southCustomers.slice(1, 3)];
    for (const [i, id] of more.entries()) {
      linked.set(id, 7001 + i);
      await prisma().customer.update({
        where: { id },
        data: {
          telegramUserId: BigInt(7001 + i),
          offersOptOutAt: id === f.southCustomers[2] ? new Date() : null,
        },
      });
    }
    // North customers are at risk (0.8, CLV 100 → 80 at risk); south 1-3 too (0.6, CLV 50 →
    // 30); south 4-6 are not (0.2).
    await scoreCustomers(prisma(), [
      ...f.northCustomers.map((customerId) => ({ customerId, probability: 0.8, clv: 100 })),
      ...f.southCustomers.map((customerId, i) => ({
        customerId,
        probability: i < 3 ? 0.6 : 0.2,
        clv: 50,
      })),
    ]);
  });
  afterAll(() => t?.close());

  const atRisk = { minChurnProbability: 0.5 };
  const body = (code: string, extra: Record<string, unknown> = {}) => ({
    name: `Win back ${code}`,
    offer: {
      code,
      title: '15% off your next order',
      kind: 'discount_percent',
      percentOff: 15,
      terms: 'One order.',
    },
    target: atRisk,
    controlShare: 0.2,
    startAt: new Date(Date.now() - minute).toISOString(),
    endAt: new Date(Date.now() + 14 * day).toISOString(),
    seed: 42,
    ...extra,
  });

  /** Launches a campaign with no control group and answers its id. */
  const launch = async (code: string, target: Record<string, unknown>) => {
    const r = await call(
      people.admin,
      'POST',
      '/campaigns',
      body(code, { target, controlShare: 0 }),
    );
    expect(r.statusCode, r.body).toBe(201);
    return r.json().id as number;
  };

  it('previews a target: its size, the split, reach in Telegram and value at risk', async () => {
    const r = await call(people.admin, 'POST', '/campaigns/preview', {
      target: atRisk,
      controlShare: 0.2,
    });
    expect(r.statusCode).toBe(200);
    // 6 north + 3 south at risk; linked among them: north 1-4 and south 1-3, south 3 opted out.
    expect(r.json()).toEqual({
      size: 9,
      treatment: 7,
      control: 2,
      withTelegram: 6,
      optedOut: 1,
      withoutTelegram: 2,
      valueAtRisk: '570.00',
      expectedChurners: 6.6,
      averageChurnProbability: expect.closeTo(6.6 / 9, 10),
    });
    const valuable = await call(people.admin, 'POST', '/campaigns/preview', {
      target: { minValueAtRisk: 50, region: 'North' },
    });
    expect(valuable.json()).toMatchObject({ size: 6, control: 1, treatment: 5 });
  });

  it('refuses managers and clients, bad input with the reason, an empty target', async () => {
    expect((await call(people.manager, 'POST', '/campaigns', body('MGR15'))).statusCode).toBe(403);
    expect(
      (await call(people.clientA, 'POST', '/campaigns/preview', { target: {} })).statusCode,
    ).toBe(403);
    expect((await call(people.clientA, 'GET', '/campaigns')).statusCode).toBe(403);
    const noPercent = await call(
      people.admin,
      'POST',
      '/campaigns',
      body('BAD15', {
        offer: { code: 'BAD15', title: 'x', kind: 'discount_percent' },
      }),
    );
    expect(noPercent.statusCode).toBe(400);
    expect(noPercent.json().message).toMatch(/percentOff is required/);
    const backwards = await call(
      people.admin,
      'POST',
      '/campaigns',
      body('BAD16', {
        endAt: new Date(Date.now() - day).toISOString(),
      }),
    );
    expect(backwards.json().message).toMatch(/endAt must be after startAt/);
    const share = await call(people.admin, 'POST', '/campaigns/preview', {
      target: {},
      controlShare: 0.9,
    });
    expect(share.statusCode).toBe(400);
    const unknownSegment = await call(people.admin, 'POST', '/campaigns/preview', {
      target: { segment: 'nope' },
    });
    expect(unknownSegment.statusCode).toBe(400);
    expect(unknownSegment.json().message).toMatch(/unknown segment "nope"/);
    const empty = await call(
      people.admin,
      'POST',
      '/campaigns',
      body('NONE15', { target: { minChurnProbability: 0.99 } }),
    );
    expect(empty.statusCode).toBe(409);
    expect(empty.json().message).toBe('the target has no customers');
    expect(await prisma().offer.findUnique({ where: { code: 'NONE15' } })).toBeNull();
  });

  let launched: { id: number };

  it('launches: a seeded split, the control group frozen, codes queued for the bot, audited', async () => {
    const r = await call(people.admin, 'POST', '/campaigns', body('BACK15'));
    expect(r.statusCode).toBe(201);
    launched = r.json();
    expect(r.json()).toMatchObject({
      status: 'running',
      seed: 42,
      controlShare: 0.2,
      members: { target: 7, control: 2 },
      target: atRisk,
      offer: { code: 'BACK15', kind: 'discount_percent', percentOff: 15, terms: 'One order.' },
    });
    const members = await prisma().campaignMember.findMany({ where: { campaignId: launched.id } });
    const atRiskIds = [...f.northCustomers, ...f.southCustomers.slice(0, 3)].sort((a, b) => a - b);
    const expected = splitGroups(
      atRiskIds.map((customerId) => ({
        customerId,
        linked: false,
        optedOut: false,
        churnProbability: 0,
        valueAtRiskCents: 0,
      })),
      0.2,
      42,
    );
    const ids = (group: string) =>
      members
        .filter((m) => m.group === group)
        .map((m) => m.customerId)
        .sort((a, b) => a - b);
    expect(ids('control')).toEqual(expected.control.map((m) => m.customerId).sort((a, b) => a - b));
    expect(ids('target')).toEqual(
      expected.treatment.map((m) => m.customerId).sort((a, b) => a - b),
    );
    // Only the treatment group holds the offer; each code is personal.
    const assignments = await prisma().offerAssignment.findMany({
      where: { campaignId: launched.id },
    });
    expect(assignments.map((a) => a.customerId).sort((a, b) => a - b)).toEqual(ids('target'));
    expect(new Set(assignments.map((a) => a.code)).size).toBe(7);
    for (const a of assignments) {
      expect(a.code).toMatch(/^BACK15-[A-Z2-9]{6}$/);
      const state =
        a.customerId === f.southCustomers[2]
          ? 'opted_out'
          : linked.has(a.customerId)
            ? 'queued'
            : 'no_telegram';
      expect(a.deliveryState).toBe(state);
    }
    const audit = await prisma().auditLog.findFirstOrThrow({
      where: { action: 'campaign.launch' },
    });
    expect(audit).toMatchObject({
      actorRole: 'admin',
      actorTelegramId: BigInt(people.admin.id),
      targetId: String(launched.id),
    });
    expect(audit.after).toMatchObject({
      seed: 42,
      controlShare: 0.2,
      offer: 'BACK15',
      members: { target: 7, control: 2 },
    });
    const again = await call(people.admin, 'POST', '/campaigns', body('back15'));
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toMatch(/BACK15 exists already/);
  });

  it('lets staff read campaigns; a scoped manager sees their region’s unreachable customers', async () => {
    const list = await call(people.manager, 'GET', '/campaigns');
    expect(list.json().items.map((c: { id: number }) => c.id)).toContain(launched.id);
    // The North manager's counts are the North members' only.
    const northMembers = await prisma().campaignMember.count({
      where: { campaignId: launched.id, customer: { region: 'North' } },
    });
    const north = (await call(people.northManager, 'GET', `/campaigns/${launched.id}`)).json();
    expect(north.members.target + north.members.control).toBe(northMembers);
    expect(northMembers).toBeLessThan(9);
    expect((await call(people.manager, 'GET', '/campaigns/999999')).statusCode).toBe(404);
    const all = await call(people.admin, 'GET', `/campaigns/${launched.id}/unreachable`);
    const northList = await call(
      people.northManager,
      'GET',
      `/campaigns/${launched.id}/unreachable`,
    );
    const noTelegram = await prisma().offerAssignment.findMany({
      where: { campaignId: launched.id, deliveryState: 'no_telegram' },
      include: { customer: true },
    });
    expect(all.json().total).toBe(noTelegram.length);
    expect(
      northList
        .json()
        .items.every((i: { customerId: number }) => f.northCustomers.includes(i.customerId)),
    ).toBe(true);
    // The opted-out client is not offered to other channels either.
    expect(all.json().items.map((i: { customerId: number }) => i.customerId)).not.toContain(
      f.southCustomers[2],
    );
  });

  it('exports the unreachable list as CSV with formulas neutralised', async () => {
    const row = await prisma().offerAssignment.findFirstOrThrow({
      where: { campaignId: launched.id, deliveryState: 'no_telegram' },
    });
    await prisma().customer.update({
      where: { id: row.customerId },
      data: { name: '=HYPERLINK("http://x","y")' },
    });
    const r = await call(people.admin, 'GET', `/campaigns/${launched.id}/unreachable?format=csv`);
    expect(r.headers['content-type']).toMatch(/^text\/csv/);
    // A byte order mark first, so that Excel reads it as UTF-8.
    expect(r.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = r.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('customer_id,name,email,phone,code,reason,error');
    expect(r.body).toContain(`${row.customerId},"'=HYPERLINK(""http://x"",""y"")"`);
  });

  it('delivers with a fake clock: sent, Telegram’s 429 waited out, 403 blocked, 400 failed, network retried', async () => {
    const queued = await prisma().offerAssignment.findMany({
      where: { campaignId: launched.id, deliveryState: 'queued' },
      orderBy: { id: 'asc' },
    });
    const chats = queued.map((a) => linked.get(a.customerId)!);
    expect(chats.length).toBeGreaterThanOrEqual(4);
    const [wait, blocked, bad, flaky] = chats as [number, number, number, number];
    const { sender, calls } = scriptedSender({
      [wait]: [{ kind: 'wait', seconds: 30, reason: '429 Too Many Requests: retry after 30' }],
      [blocked]: [{ kind: 'blocked', reason: '403 Forbidden: bot was blocked by the user' }],
      [bad]: [{ kind: 'failed', reason: '400 Bad Request: chat not found' }],
      [flaky]: [{ kind: 'transient', reason: 'network: socket hang up' }],
    });
    const t0 = new Date();
    const began = performance.now();
    const first = await deliverDue(t.database.db, sender, t0);
    // The round's clock moved on while it ran: a wait starts when Telegram answered.
    const ran = performance.now() - began;
    expect(first).toMatchObject({
      claimed: chats.length,
      sent: chats.length - 4,
      blocked: 1,
      failed: 1,
      waiting: 2,
    });
    // Each waits 30 s from its answer: 429 asked for 30 s, the network retry waits 30 s.
    const waiting = await prisma().offerAssignment.findMany({
      where: { campaignId: launched.id, deliveryState: 'queued' },
    });
    for (const w of waiting) {
      const after = (w.nextAttemptAt as Date).getTime() - t0.getTime();
      expect(after).toBeGreaterThanOrEqual(30_000);
      expect(after).toBeLessThanOrEqual(30_000 + Math.ceil(ran) + 1);
    }
    // Ten seconds on: nothing is due yet.
    expect((await deliverDue(t.database.db, sender, new Date(t0.getTime() + 10_000))).claimed).toBe(
      0,
    );
    const due = new Date(t0.getTime() + 30_000 + Math.ceil(ran) + 1);
    const later = await deliverDue(t.database.db, sender, due);
    expect(later).toMatchObject({ claimed: 2, sent: 2 });
    const rows = await prisma().offerAssignment.findMany({ where: { campaignId: launched.id } });
    const byChat = (chat: number) => rows.find((a) => linked.get(a.customerId) === chat)!;
    expect(byChat(wait)).toMatchObject({ deliveryState: 'sent', attempts: 1 });
    expect(byChat(flaky)).toMatchObject({ deliveryState: 'sent', attempts: 2 });
    expect(byChat(blocked)).toMatchObject({
      deliveryState: 'blocked',
      deliveryError: '403 Forbidden: bot was blocked by the user',
    });
    expect(byChat(bad)).toMatchObject({
      deliveryState: 'failed',
      deliveryError: '400 Bad Request: chat not found',
    });
    // Every chat was answered "sent" at most once; opted-out and unlinked customers never called.
    const sentTo = calls.map((c) => c.chatId);
    expect(sentTo.filter((c) => c === wait)).toHaveLength(2);
    expect(new Set(sentTo)).toEqual(new Set(chats));
    expect(sentTo).not.toContain(linked.get(f.southCustomers[2]!));
    expect(
      rows.filter((a) => a.deliveryState === 'sent').every((a) => a.sentAt && a.messageId),
    ).toBe(true);
    // Nothing left: another round sends nothing.
    expect((await deliverDue(t.database.db, sender, new Date(t0.getTime() + day))).claimed).toBe(0);
  });

  it('marks a send interrupted by a crash failed once its lease ends, and never sends it again', async () => {
    const id = await launch('CRASH15', { region: 'North', minChurnProbability: 0.5 });
    // A server claims rows and dies before Telegram answers: they stay `sending`.
    const t0 = new Date();
    const dying: OfferSender = { send: () => new Promise<never>(() => {}) };
    void deliverDue(t.database.db, dying, t0, { batch: 1 });
    await expect
      .poll(async () =>
        prisma().offerAssignment.count({ where: { campaignId: id, deliveryState: 'sending' } }),
      )
      .toBe(1);
    const { sender, calls } = scriptedSender();
    // Within the lease another server leaves it alone and sends the rest.
    await deliverDue(t.database.db, sender, new Date(t0.getTime() + 60_000));
    const stuck = await prisma().offerAssignment.findFirstOrThrow({
      where: { campaignId: id, deliveryState: 'sending' },
    });
    expect(calls.map((c) => c.assignmentId)).not.toContain(stuck.id);
    const after = await deliverDue(t.database.db, sender, new Date(t0.getTime() + 5 * minute));
    expect(after.interrupted).toBe(1);
    const settled = await prisma().offerAssignment.findUniqueOrThrow({ where: { id: stuck.id } });
    expect(settled.deliveryState).toBe('failed');
    expect(settled.deliveryError).toMatch(/interrupted while sending/);
    expect(calls.map((c) => c.assignmentId)).not.toContain(stuck.id);
  });

  it('stops within one send when the server stops, and puts the rest of its batch back in the queue', async () => {
    const id = await launch('STOP15', { region: 'North', minChurnProbability: 0.5 });
    const ours = () =>
      prisma().offerAssignment.findMany({ where: { campaignId: id }, orderBy: { id: 'asc' } });
    const before = await ours();
    expect(before.filter((a) => a.deliveryState === 'queued').length).toBeGreaterThanOrEqual(2);
    // The server starts stopping while the round's first row is being sent.
    let stopped = false;
    const { sender, calls } = scriptedSender();
    const stopWhileSending: OfferSender = {
      send: async (chat, offer, lang) => {
        stopped = true;
        return sender.send(chat, offer, lang);
      },
    };
    const t0 = new Date();
    await deliverDue(t.database.db, stopWhileSending, t0, { stopping: () => stopped });
    expect(calls).toHaveLength(1);
    const after = await ours();
    expect(after.filter((a) => a.deliveryState === 'sending')).toEqual([]);
    const sent = after.filter((a) => a.deliveryState === 'sent');
    expect(sent.length).toBeLessThanOrEqual(1);
    // The rest are queued as before the round: due now, their attempt not counted.
    for (const a of after.filter((x) => x.deliveryState === 'queued')) {
      expect(a.attempts, `assignment ${a.id}`).toBe(0);
      expect((a.nextAttemptAt as Date).getTime()).toBeLessThanOrEqual(t0.getTime() + 60_000);
    }
    // The next server sends them, each once.
    await deliverDue(t.database.db, sender, new Date(t0.getTime() + 60_000));
    const done = await ours();
    expect(done.filter((a) => ['queued', 'sending'].includes(a.deliveryState))).toEqual([]);
    const chats = calls.map((c) => c.chatId);
    expect(new Set(chats).size).toBe(chats.length);
  });

  it('skips a client who opted out after the launch, and gives up after repeated network failures', async () => {
    const id = await launch('LATE15', { region: 'South', minChurnProbability: 0.5 });
    await prisma().customer.update({
      where: { id: f.southCustomers[1]! },
      data: { offersOptOutAt: new Date() },
    });
    const chat = linked.get(f.clientB)!;
    const down = Array.from({ length: 10 }, () => ({
      kind: 'transient' as const,
      reason: 'network: ECONNRESET',
    }));
    const { sender, calls } = scriptedSender({ [chat]: down });
    let now = Date.now();
    for (let i = 0; i < 8; i++) {
      await deliverDue(t.database.db, sender, new Date(now), { maxAttempts: 3 });
      now += 2 * 3600_000;
    }
    const rows = await prisma().offerAssignment.findMany({ where: { campaignId: id } });
    expect(rows.find((a) => a.customerId === f.southCustomers[1])?.deliveryState).toBe('opted_out');
    const b = rows.find((a) => a.customerId === f.clientB)!;
    expect(b).toMatchObject({ deliveryState: 'failed', attempts: 3 });
    expect(b.deliveryError).toMatch(/ECONNRESET \(gave up after 3 attempts\)/);
    expect(calls.filter((c) => c.chatId === chat)).toHaveLength(3);
    expect(calls.map((c) => c.chatId)).not.toContain(linked.get(f.southCustomers[1]!));
  });

  it('stops a running campaign: nothing more is sent, the rest go to other channels, audited', async () => {
    const id = await launch('HALT15', { region: 'North' });
    const queued = await prisma().offerAssignment.count({
      where: { campaignId: id, deliveryState: 'queued' },
    });
    expect(queued).toBeGreaterThan(0);
    // Only an admin stops it.
    expect((await call(people.manager, 'POST', `/campaigns/${id}/stop`)).statusCode).toBe(403);
    const stopped = await call(people.admin, 'POST', `/campaigns/${id}/stop`);
    expect(stopped.statusCode, stopped.body).toBe(200);
    expect(stopped.json().status).toBe('finished');
    expect(Date.parse(stopped.json().endAt)).toBeLessThanOrEqual(Date.now());
    // The next delivery round sends nothing and hands the queued offers to other channels.
    const { sender, calls } = scriptedSender({});
    await deliverDue(t.database.db, sender, new Date());
    const rows = await prisma().offerAssignment.findMany({ where: { campaignId: id } });
    const mine = new Set(rows.map((a) => a.id));
    expect(calls.filter((c) => mine.has(c.assignmentId))).toEqual([]);
    expect(rows.filter((a) => a.deliveryState === 'queued')).toEqual([]);
    expect(rows.filter((a) => a.deliveryState === 'sent')).toEqual([]);
    const other = (await call(people.admin, 'GET', `/campaigns/${id}/unreachable`)).json();
    expect(other.total).toBeGreaterThanOrEqual(queued);
    // Twice is a conflict that says why; an unknown campaign is 404.
    const again = await call(people.admin, 'POST', `/campaigns/${id}/stop`);
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toBe(
      `campaign ${id} is finished: only a running campaign can be paused or stopped`,
    );
    expect((await call(people.admin, 'POST', '/campaigns/2000000000/stop')).statusCode).toBe(404);
    const audit = await prisma().auditLog.findMany({
      where: { action: 'campaign.stop', targetId: String(id) },
    });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actorTelegramId).toBe(BigInt(people.admin.id));
  });

  it('pauses a campaign: nothing is sent until it is resumed, then the rest; audited', async () => {
    const id = await launch('PAUSE15', { region: 'South' });
    const mine = async () =>
      new Set(
        (await prisma().offerAssignment.findMany({ where: { campaignId: id } })).map((a) => a.id),
      );
    expect((await call(people.manager, 'POST', `/campaigns/${id}/pause`)).statusCode).toBe(403);
    const paused = await call(people.admin, 'POST', `/campaigns/${id}/pause`);
    expect(paused.statusCode, paused.body).toBe(200);
    expect(paused.json().status).toBe('paused');
    // Paused: a delivery round leaves its offers queued, unsent.
    const first = scriptedSender({});
    await deliverDue(t.database.db, first.sender, new Date());
    const ids = await mine();
    expect(first.calls.filter((c) => ids.has(c.assignmentId))).toEqual([]);
    const queued = await prisma().offerAssignment.count({
      where: { campaignId: id, deliveryState: 'queued' },
    });
    expect(queued).toBeGreaterThan(0);
    // Pausing twice, or resuming a running one, is a conflict that says why.
    const twice = await call(people.admin, 'POST', `/campaigns/${id}/pause`);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().message).toMatch(/is paused: only a running campaign/);
    const resumed = await call(people.admin, 'POST', `/campaigns/${id}/resume`);
    expect(resumed.statusCode, resumed.body).toBe(200);
    expect(resumed.json().status).toBe('running');
    const again = await call(people.admin, 'POST', `/campaigns/${id}/resume`);
    expect(again.json().message).toMatch(/is running: only a paused campaign can be resumed/);
    // Resumed: the next round sends them.
    const second = scriptedSender({});
    await deliverDue(t.database.db, second.sender, new Date());
    expect(second.calls.filter((c) => ids.has(c.assignmentId)).length).toBeGreaterThan(0);
    const audit = await prisma().auditLog.findMany({
      where: {
        targetType: 'campaign',
        targetId: String(id),
        action: { in: ['campaign.pause', 'campaign.resume'] },
      },
      orderBy: { id: 'asc' },
    });
    expect(audit.map((a) => a.action)).toEqual(['campaign.pause', 'campaign.resume']);
    // A paused campaign can be stopped.
    await call(people.admin, 'POST', `/campaigns/${id}/pause`);
    const stopped = await call(people.admin, 'POST', `/campaigns/${id}/stop`);
    expect(stopped.json().status).toBe('finished');
  });

  it('never sends one offer twice when two servers deliver at once', async () => {
    const id = await launch('TWICE15', {});
    const a = scriptedSender();
    const b = scriptedSender();
    const now = new Date();
    await Promise.all([
      deliverDue(t.database.db, a.sender, now, { batch: 2 }),
      deliverDue(t.database.db, b.sender, now, { batch: 2 }),
      deliverDue(t.database.db, a.sender, now, { batch: 2 }),
      deliverDue(t.database.db, b.sender, now, { batch: 2 }),
    ]);
    const sent = [...a.calls, ...b.calls].map((c) => c.assignmentId);
    expect(new Set(sent).size).toBe(sent.length);
    const rows = await prisma().offerAssignment.findMany({
      where: { campaignId: id, deliveryState: { in: ['queued', 'sent'] } },
    });
    expect(
      rows
        .filter((x) => x.deliveryState === 'sent')
        .map((x) => x.id)
        .sort(),
    ).toEqual([...sent].sort());
  });

  it('redeems the client’s own offer from an ingested order’s code; another client’s code redeems nothing', async () => {
    const mine = await prisma().offerAssignment.findFirstOrThrow({
      where: { campaignId: launched.id, customer: { id: { in: f.northCustomers } } },
      include: { customer: true },
    });
    const other = await prisma().customer.findFirstOrThrow({ where: { id: f.southCustomers[5]! } });
    const order = (id: string, customerId: string, promoCode: string) => ({
      id,
      customerId,
      placedAt: new Date().toISOString(),
      promoCode,
      lines: [{ sku: 'TEA-1', quantity: 2, unitPrice: 10 }],
    });
    const foreign = await ingestOrders(
      t.database.db,
      [order('STOLEN-1', other.externalId, mine.code)],
      { source: 'test', unknownCustomers: 'reject' },
    );
    expect(foreign).toMatchObject({ stored: 1, redemptions: 0 });
    const own = await ingestOrders(
      t.database.db,
      [order('OWN-1', mine.customer.externalId, mine.code.toLowerCase())],
      { source: 'test', unknownCustomers: 'reject' },
    );
    expect(own).toMatchObject({ stored: 1, redemptions: 1 });
    const redeemed = await prisma().offerAssignment.findUniqueOrThrow({
      where: { id: mine.id },
      include: { order: true },
    });
    expect(redeemed.order?.externalId).toBe('OWN-1');
    expect(redeemed.redeemedAt).toEqual(redeemed.order?.placedAt);
    // A second order with the same code redeems nothing more.
    const second = await ingestOrders(
      t.database.db,
      [order('OWN-2', mine.customer.externalId, mine.code)],
      { source: 'test', unknownCustomers: 'reject' },
    );
    expect(second.redemptions).toBe(0);
    // The client sees it redeemed; another client gets 404 for it.
    const client =
      people.clientA.id === Number(mine.customer.telegramUserId) ? people.clientA : null;
    if (client) {
      const offers = await call(client, 'GET', `/users/${mine.customerId}/offers`);
      expect(
        offers.json().items.find((o: { assignmentId: number }) => o.assignmentId === mine.id)
          .status,
      ).toBe('redeemed');
    }
    expect((await call(people.clientB, 'GET', `/users/${mine.customerId}/offers`)).statusCode).toBe(
      404,
    );
    expect(
      (await call(people.clientB, 'POST', `/users/${mine.customerId}/offers/${mine.id}/open`))
        .statusCode,
    ).toBe(404);
  });

  it('redeems from an imported CSV’s promo code column too', async () => {
    const mine = await prisma().offerAssignment.findFirstOrThrow({
      where: { campaignId: launched.id, redeemedAt: null },
      include: { customer: true },
    });
    const file = path.join(await scratchDir(), 'orders.csv');
    const placed = new Date().toISOString();
    await writeFile(
      file,
      `order_id,customer_id,date,sku,quantity,unit_price,promo_code\nIMP-1,${mine.customer.externalId},${placed},TEA-1,1,9.50,${mine.code}\n`,
    );
    const summary = await importFile(t.database.db, file, { source: 'test' });
    expect(summary).toMatchObject({ loaded: 1, rejected: 0 });
    const after = await prisma().offerAssignment.findUniqueOrThrow({
      where: { id: mine.id },
      include: { order: true },
    });
    expect(after.order?.externalId).toBe('IMP-1');
    expect(after.order?.promoCode).toBe(mine.code);
  });
});
