import type { OfferKind } from '../api/types';
import { useWords, wordFor } from '../words';
import type { CampaignForm } from './campaign-form';
import { Field } from './field';

const kinds: OfferKind[] = ['discount_percent', 'discount_amount', 'gift'];

/** The offer: its code, title, what it gives and its terms. */
export function OfferFields({
  form,
  set,
}: {
  form: CampaignForm;
  set: (patch: Partial<CampaignForm>) => void;
}) {
  const w = useWords();
  return (
    <section className="block form" data-testid="offer-fields">
      <h2>{w.offer}</h2>
      <Field label={w.offerCode} problem="invalid_code">
        <input
          value={form.code}
          maxLength={20}
          autoCapitalize="characters"
          spellCheck={false}
          placeholder="SPRING15"
          onChange={(e) => set({ code: e.target.value.toUpperCase() })}
          data-testid="offer-code"
        />
      </Field>
      <Field label={w.offerTitle} problem="invalid_title">
        <input
          value={form.title}
          maxLength={100}
          onChange={(e) => set({ title: e.target.value })}
          data-testid="offer-title"
        />
      </Field>
      <Field label={w.kind}>
        <select
          value={form.kind}
          onChange={(e) => set({ kind: e.target.value as OfferKind })}
          data-testid="offer-kind"
        >
          {kinds.map((k) => (
            <option key={k} value={k}>
              {wordFor(w, 'kind', k)}
            </option>
          ))}
        </select>
      </Field>
      {form.kind === 'discount_percent' && (
        <Field label={w.percentOff} problem="invalid_percent">
          <input
            type="number"
            inputMode="numeric"
            min={1}
            max={90}
            value={form.percentOff}
            onChange={(e) => set({ percentOff: e.target.value })}
            data-testid="offer-percent"
          />
        </Field>
      )}
      {form.kind === 'discount_amount' && (
        <Field label={w.amountOff} problem="invalid_amount">
          <input
            inputMode="decimal"
            value={form.amountOff}
            onChange={(e) => set({ amountOff: e.target.value })}
            data-testid="offer-amount"
          />
        </Field>
      )}
      {form.kind === 'gift' && (
        <div className="field-pair">
          <Field label={w.gift} problem="invalid_gift">
            <input
              value={form.gift}
              maxLength={200}
              onChange={(e) => set({ gift: e.target.value })}
              data-testid="offer-gift"
            />
          </Field>
          <Field label={w.giftCost}>
            <input
              inputMode="decimal"
              value={form.giftCost}
              onChange={(e) => set({ giftCost: e.target.value })}
              data-testid="offer-gift-cost"
            />
          </Field>
        </div>
      )}
      <Field label={w.terms}>
        <textarea
          value={form.terms}
          maxLength={500}
          placeholder={w.termsPlaceholder}
          onChange={(e) => set({ terms: e.target.value })}
          data-testid="offer-terms"
        />
      </Field>
    </section>
  );
}
