// What the bot needs from the server, as plain data. The server implements it over its own
// services, checking the caller's role and scope again: the bot's gates are the first line,
// not the only one.
import type { ConversationData, VersionedStateStorage } from '@grammyjs/conversations';
import type { Reason, Role } from '@retention/contracts';

export type BotRole = Role;

/** The Telegram user an update comes from. */
export interface BotUser {
  id: number;
  first_name: string;
  last_name?: string | undefined;
  username?: string | undefined;
  language_code?: string | undefined;
}

export interface BotIdentity {
  role: BotRole;
  /** A manager limited to one region; null means every region. */
  regionScope: string | null;
  /** The customer record of a client. */
  customerId: number | null;
}

/**
 * Who asks: the sender and the identity `identify` returned for them in this update. Every
 * service takes it, so an update's sender is resolved once; the server recognises the
 * identities it handed out and resolves any other one again.
 */
export interface BotCaller {
  user: BotUser;
  identity: BotIdentity;
}

export interface Kpi {
  key: string;
  kind: 'int' | 'money' | 'pct';
  value: number | null;
  previous: number | null;
}

export interface KpiSummary {
  from: string;
  to: string;
  previousFrom: string;
  previousTo: string;
  region: string | null;
  /** The data's last day when it ended longer ago than the churn window (YYYY-MM-DD). */
  dataEnds: string | null;
  /** ISO 4217 code the money KPIs are in; null: plain numbers. */
  currency: string | null;
  kpis: Kpi[];
}

export interface CustomerBrief {
  id: number;
  name: string | null;
  region: string | null;
  orders: number;
  revenue: string;
  lastOrderAt: Date | null;
}

export interface CustomerCardView extends CustomerBrief {
  phone: string | null;
  email: string | null;
  tags: string[];
  loyaltyTier: string;
  score: {
    segment: string | null;
    churnProbability: number | null;
    atRisk: boolean | null;
    reasons: { en: string; ru: string }[];
    pAlive: number | null;
    clv: string | null;
  } | null;
  recentOrders: { placedAt: Date; total: string; status: string }[];
}

export interface OfferView {
  code: string;
  title: string;
  description: string | null;
  status: 'active' | 'upcoming' | 'expired' | 'redeemed';
  validTo: Date;
  terms: string | null;
}

export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

export interface ProductView {
  sku: string;
  name: string;
  category: string | null;
  price: string | null;
}

export interface SupportContacts {
  telegram: string | null;
  email: string | null;
  phone: string | null;
  hours: string | null;
}

/**
 * Refused with the server's reason: its English text, and the same as a key and values when
 * the server has one (shown in the user's language, contracts/src/reasons.ts).
 */
export type Refused = { ok: false; reason: string; because?: Reason | null };

/** A change done, or refused with the server's reason (bad input, a conflict). */
export type ChangeResult = { ok: true } | Refused;

/** A staff member's digest and alert settings (/alerts). Local times are "HH:MM". */
export interface AlertSettingsView {
  digest: 'off' | 'daily' | 'weekly';
  digestTime: string;
  /** ISO weekday of the weekly digest: 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** IANA zone of the times (the business time zone unless chosen). */
  timeZone: string;
  /** The dashboard block pictured in the digest, or none. */
  screenshotBlock: string | null;
  /** Quiet hours [start, end), local; may wrap midnight; null = none. */
  quietStart: string | null;
  quietEnd: string | null;
  /** Alert when the last complete month's churn rate is above this percentage. */
  churnRateAbove: number | null;
  /** Alert when a high-value customer's churn probability reaches this percentage. */
  churnProbabilityAtLeast: number | null;
  /** CLV or value at risk from this amount makes a customer high value. */
  highValueFrom: number;
  /** Alerts on failed imports and ingestion batches. */
  failureAlerts: boolean;
  /** The blocks that can be chosen for the screenshot. */
  blocks: string[];
}

/** The settings to change (null clears an optional one). */
export type AlertSettingsChange = Partial<
  Omit<AlertSettingsView, 'blocks' | 'timeZone'> & { timeZone: string | null }
>;

export interface BotServices {
  /** Role, scope and linked customer of a Telegram user, as the Mini App's API resolves them. */
  identify(user: BotUser): Promise<BotIdentity>;
  /** The dashboard's KPIs for the last `days` days against the same length before (staff). */
  kpiSummary(caller: BotCaller, days: number): Promise<KpiSummary>;
  /** Customers by id, phone, e-mail or name within the user's scope (staff). */
  findCustomers(caller: BotCaller, query: string, page: number): Promise<Page<CustomerBrief>>;
  /**
   * Every customer the same search matches, as CSV (UTF-8 with a byte order mark), for a list
   * too long for chat: how many matched and how many rows the file holds (a cap applies).
   */
  findCustomersCsv(
    caller: BotCaller,
    query: string,
  ): Promise<{ total: number; rows: number; csv: string }>;
  /** One customer's card within the user's scope, or null (staff; clients their own). */
  customerCard(caller: BotCaller, customerId: number): Promise<CustomerCardView | null>;
  customerOffers(caller: BotCaller, customerId: number): Promise<OfferView[]>;
  recommendations(
    caller: BotCaller,
    customerId: number,
  ): Promise<{ items: { name: string; category: string | null }[]; message: string | null }>;
  products(caller: BotCaller, query: string | undefined, page: number): Promise<Page<ProductView>>;
  support(): SupportContacts;
  /**
   * Links an unknown user to the customer with this phone number (their own, shared through
   * Telegram's contact button). Returns the customer's name, or null when none matches.
   */
  linkByPhone(caller: BotCaller, phone: string): Promise<{ name: string | null } | null>;
  /**
   * A client opens one of their offers ("Get my code" under a delivered offer): the first open
   * is recorded. Null when the assignment is not theirs.
   */
  openOffer(caller: BotCaller, assignmentId: number): Promise<OfferView | null>;
  /** A client turns offer messages off or on (/stop_offers, /start_offers); audited. */
  setOfferMessages(caller: BotCaller, wanted: boolean): Promise<{ changed: boolean }>;
  // Admins only (the server refuses anyone else); each change is audited on the server.
  /** Offers still valid, which can be assigned. */
  assignableOffers(caller: BotCaller): Promise<{ id: number; code: string; title: string }[]>;
  /** Gives the customer the offer; the personal code, or the reason it was refused. */
  assignOffer(
    caller: BotCaller,
    customerId: number,
    offerId: number,
  ): Promise<{ ok: true; code: string } | Refused>;
  addTag(caller: BotCaller, customerId: number, tag: string): Promise<ChangeResult>;
  addNote(caller: BotCaller, customerId: number, text: string): Promise<ChangeResult>;
  /** Grants a staff role (a manager optionally limited to a region). */
  grantRole(
    caller: BotCaller,
    target: number,
    role: 'admin' | 'manager',
    region: string | null,
  ): Promise<ChangeResult>;
  revokeRole(caller: BotCaller, target: number): Promise<ChangeResult>;
  /**
   * A PNG of a dashboard block for the last `days` days as the user sees it (staff), with a
   * caption, or why it could not be made (no Chromium, a timeout).
   */
  screenshot(
    caller: BotCaller,
    block: string,
    days: number,
  ): Promise<{ ok: true; png: Uint8Array; caption: string } | Refused>;
  // Alerts and digests (/alerts), staff only: the server checks the role on every call.
  /** The user's alert and digest settings (defaults until they change one). */
  alertSettings(caller: BotCaller): Promise<AlertSettingsView>;
  /**
   * Changes some settings (the user's language is kept for their digests); the new settings,
   * or the reason the change was refused (a bad time, a threshold out of range).
   */
  updateAlertSettings(
    caller: BotCaller,
    change: AlertSettingsChange,
  ): Promise<{ ok: true; settings: AlertSettingsView } | Refused>;
  /** The user's digest, made now as the scheduler would send it (text, and the block's picture or why there is none). */
  testDigest(caller: BotCaller): Promise<{
    text: string;
    screenshot?: { ok: true; png: Uint8Array; caption: string } | Refused;
  }>;
  /** Conversation state shared by every server instance (Postgres); in memory when absent. */
  storage?: VersionedStateStorage<string, ConversationData>;
}
