// The named RFM segments (their names in both languages are in @retention/contracts) and
// which recency × frequency scores make each one.
import { type RfmSlug, rfmSegments as rfmSegmentWords } from '@retention/contracts';

export type { RfmSlug };

/** The segments with their English names, as the API and filters give them. */
export const rfmSegments = rfmSegmentWords.map((s) => ({ slug: s.slug, name: s.name.en }));

/** Rows: recency score 5 (bought most recently) down to 1; columns: frequency score 1..5. */
const grid: Record<number, RfmSlug[]> = {
  5: ['new', 'potential_loyalists', 'potential_loyalists', 'champions', 'champions'],
  4: ['new', 'potential_loyalists', 'potential_loyalists', 'loyal', 'champions'],
  3: ['hibernating', 'hibernating', 'potential_loyalists', 'loyal', 'loyal'],
  2: ['lost', 'hibernating', 'at_risk', 'at_risk', 'cant_lose'],
  1: ['lost', 'lost', 'at_risk', 'cant_lose', 'cant_lose'],
};

export function rfmSegmentOf(r: number, f: number): RfmSlug {
  const slug = grid[r]?.[f - 1];
  if (!slug) throw new Error(`RFM scores out of range: r=${r} f=${f}`);
  return slug;
}

/** The grid as a 25-element array indexed by (r - 1) * 5 + f, for SQL. */
export function rfmGridArray(): RfmSlug[] {
  const out: RfmSlug[] = [];
  for (let r = 1; r <= 5; r++) for (let f = 1; f <= 5; f++) out.push(rfmSegmentOf(r, f));
  return out;
}

/** A segment asked for by slug or display name, any case. */
export function findRfmSegment(asked: string): RfmSlug | undefined {
  const key = asked.trim().toLowerCase();
  return rfmSegments.find((s) => s.slug === key || s.name.toLowerCase() === key)?.slug;
}
