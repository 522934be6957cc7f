// Whether the bot may send a customer an offer: the one rule for the launch (which delivery
// state an assignment starts in) and for the delivery queue (the customer may have opted out
// or lost their link since).

export interface Reach {
  /** Linked Telegram account. */
  linked: boolean;
  /** Offer messages turned off (/stop_offers). */
  optedOut: boolean;
}

/** Why the bot will not send, as a delivery state and its reason; null when it may. */
export function unreachable(
  c: Reach,
): { state: 'opted_out' | 'no_telegram'; reason: string } | null {
  if (c.optedOut) {
    return { state: 'opted_out', reason: 'the client turned offer messages off (/stop_offers)' };
  }
  if (!c.linked) return { state: 'no_telegram', reason: 'customer has no linked Telegram account' };
  return null;
}

/** How many of `members` the bot may reach, how many turned offers off, how many have no Telegram. */
export function reachCounts(members: readonly Reach[]) {
  const counts = { reachable: 0, optedOut: 0, noTelegram: 0 };
  for (const m of members) {
    const no = unreachable(m);
    if (!no) counts.reachable++;
    else if (no.state === 'opted_out') counts.optedOut++;
    else counts.noTelegram++;
  }
  return counts;
}
