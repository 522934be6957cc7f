import { BlockState } from '../../../components/block-state';
import { type TextKey, t, useLang } from '../../../lib/i18n';
import { useRecommendations } from '../api/get-customer';

/** The customer's top products from the newest recommendations run. */
export function RecommendationsBlock({
  customerId,
  title = 'recommendations',
}: {
  customerId: number;
  title?: TextKey;
}) {
  const lang = useLang();
  const recs = useRecommendations(customerId);
  return (
    <section className="block">
      <h2>{t(title, lang)}</h2>
      <BlockState query={recs} empty={(r) => r.items.length === 0 && (r.message ?? true)}>
        {(r) => (
          <ul data-testid="recommendations">
            {r.items.map((i) => (
              <li key={i.id}>
                {i.name} <span className="hint">{i.category}</span>
              </li>
            ))}
          </ul>
        )}
      </BlockState>
    </section>
  );
}
