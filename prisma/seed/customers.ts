// Who the customers are: visible profile fields plus the hidden traits that drive their
// behaviour. The traits follow the BG/NBD story (a Gamma-distributed purchase rate, a
// Beta-distributed chance to drop out after each purchase) so the CLV models have a true answer.
import { base, en, Faker, generateMersenne53Randomizer } from '@faker-js/faker';
import { CATEGORIES } from './catalogue-data.ts';
import { Random } from './random.ts';
import { DAY, type Timeline, timeOfDay } from './timeline.ts';

export const REGIONS = ['Capital', 'North', 'South', 'East', 'West', 'Central'];
const REGION_WEIGHTS = [0.31, 0.19, 0.16, 0.14, 0.12, 0.08];
export const ACQUISITION = [
  'organic',
  'paid_search',
  'social',
  'referral',
  'telegram',
  'offline_store',
];
/** Order and event channels, in the order channel weights use. */
export const CHANNELS = ['web', 'app', 'telegram', 'offline'] as const;
export type ChannelName = (typeof CHANNELS)[number];

export interface CustomerPlan {
  externalId: string;
  name: string;
  email: string;
  phone: string;
  region: string;
  acquisition: string;
  signupAt: number;
  tags: string[];
  attributes: Record<string, unknown>;
  purchaseRate: number; // expected orders per day while alive
  dropout: number; // chance to stop buying after each order
  spend: number; // basket-size multiplier, mean 1
  channelWeights: number[];
  categoryWeights: number[];
  bandTaste: number[]; // budget, mid, premium
  neverBuys: boolean;
  browsing: number; // browsing sessions per day while engaged
  /** When the customer silently stops being a customer; set by the order simulation. */
  aliveUntil: number;
}

// Buying habits (BG/NBD parameters) chosen for about ten orders per customer over the
// three-year history at every size: a third of buyers never return, the median customer orders
// twice, and a loyal tenth ordering weekly or more places most orders. The very low shape gives
// that long tail; the cap keeps the keenest household to one order every two or three days.
const RATE_SHAPE = 0.3;
const RATE_MEAN = 2.5; // orders a month
const MAX_RATE = 12;
const DROPOUT_A = 0.5; // Beta(a, b): on average 12.5% stop after an order
const DROPOUT_B = 3.5;
// Browsing sessions a day besides the orders: a little for everyone, more for keen buyers.
const BROWSE_BASE = 0.005;
const BROWSE_PER_ORDER = 0.2;

function signupDays(random: Random, timeline: Timeline, count: number): number[] {
  // Growth of ~45% a year on top of the seasonal pattern, sampled by inverse CDF.
  const cumulative = new Float64Array(timeline.days);
  let total = 0;
  for (let d = 0; d < timeline.days; d++) {
    total += Math.exp((Math.log(1.45) * d) / 365) * timeline.demand[d]!;
    cumulative[d] = total;
  }
  const days: number[] = [];
  for (let i = 0; i < count; i++) {
    const u = random.next() * total;
    let lo = 0;
    let hi = timeline.days - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < u) lo = mid + 1;
      else hi = mid;
    }
    days.push(lo);
  }
  return days;
}

function acquisitionWeights(progress: number): number[] {
  // The Telegram channel is young and grows through the history.
  return [0.3, 0.22, 0.17, 0.1, 0.04 + 0.16 * progress, 0.1];
}

function channelWeights(random: Random, acquisition: string): number[] {
  const weights = [0.46, 0.26, 0.14, 0.14];
  if (acquisition === 'telegram') weights[2]! *= 4;
  if (acquisition === 'offline_store') weights[3]! *= 5;
  if (acquisition === 'social') weights[1]! *= 1.6;
  if (acquisition === 'paid_search') weights[0]! *= 1.3;
  return weights.map((w) => w * random.gamma(1.5, 1 / 1.5));
}

export function planCustomers(seed: number, timeline: Timeline, count: number): CustomerPlan[] {
  const random = new Random(seed, 'customers');
  // An explicit randomizer: with only `seed`, Faker first draws a throw-away seed from Math.random.
  const faker = new Faker({ locale: [en, base], randomizer: generateMersenne53Randomizer(seed) });
  const signups = signupDays(random, timeline, count)
    .map((day) => timeline.start + day * DAY + timeOfDay(random))
    .map((at) => Math.min(at, timeline.now - 60_000))
    .sort((a, b) => a - b);
  const emails = new Set<string>();
  const phones = new Set<string>();
  return signups.map((signupAt, i) => {
    const progress = (signupAt - timeline.start) / (timeline.now - timeline.start);
    const acquisition = ACQUISITION[random.weighted(acquisitionWeights(progress))]!;
    const sex = faker.person.sexType();
    const firstName = faker.person.firstName(sex);
    const lastName = faker.person.lastName();
    let email = faker.internet.email({ firstName, lastName }).toLowerCase();
    if (emails.has(email)) email = email.replace('@', `.${i + 1}@`);
    emails.add(email);
    let phone: string;
    do phone = `+1${random.int(2, 9)}${faker.string.numeric(9)}`;
    while (phones.has(phone));
    phones.add(phone);
    const rateBoost = acquisition === 'referral' || acquisition === 'telegram' ? 1.2 : 1;
    const purchaseRate =
      Math.min(MAX_RATE, random.gamma(RATE_SHAPE, RATE_MEAN / RATE_SHAPE) * rateBoost) / 30.44;
    const spend = random.gamma(5, 0.2);
    const categoryWeights = CATEGORIES.map((c) => random.gamma(0.6 * c.popularity, 1) + 1e-6);
    const favourite = categoryWeights.indexOf(Math.max(...categoryWeights));
    const premium = random.normal(0.5 * Math.log(spend), 1);
    const optIn = random.chance(0.55);
    return {
      externalId: `C${String(i + 1).padStart(6, '0')}`,
      name: `${firstName} ${lastName}`,
      email,
      phone,
      region: REGIONS[random.weighted(REGION_WEIGHTS)]!,
      acquisition,
      signupAt,
      tags: optIn ? ['newsletter'] : [],
      attributes: {
        gender: sex,
        birthYear: new Date(timeline.now).getUTCFullYear() - 18 - Math.round(random.gamma(3, 6)),
        city: faker.location.city(),
        marketingOptIn: optIn,
        interests: [CATEGORIES[favourite]!.name],
      },
      purchaseRate,
      dropout: random.beta(DROPOUT_A, DROPOUT_B),
      spend,
      channelWeights: channelWeights(random, acquisition),
      categoryWeights,
      bandTaste: [Math.exp(-0.6 * premium), 1, Math.exp(0.6 * premium)],
      neverBuys: random.chance(0.07),
      browsing: (BROWSE_BASE + BROWSE_PER_ORDER * purchaseRate) * random.gamma(2, 0.5),
      aliveUntil: timeline.now,
    };
  });
}
