import { BlockState } from '../../../components/block-state';
import { type TextKey, t, useLang } from '../../../lib/i18n';
import { noModelText } from '../../live/model-state';
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
      <BlockState
        query={recs}
        empty={(r) => (r.run ? r.items.length === 0 : noModelText('recs', null, lang))}
      >
        {(r) => (
          <ul data-testid="recommendations">
            {r.items.map((i) => (
              <li key={i.id} translate="no">
                {i.name} <span className="hint">{i.category}</span>
              </li>
            ))}
          </ul>
        )}
      </BlockState>
    </section>
  );
}
