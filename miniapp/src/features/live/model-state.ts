// Why a model's block has nothing to show, in the viewer's language: the model never ran,
// it is training now, or its last run failed (with the server's reason, translated).
import { type Lang, reasonOf, reasonOr } from '@retention/contracts';
import type { useTraining } from './use-live-updates';

type Training = ReturnType<typeof useTraining>;
type Kind = 'churn' | 'segments' | 'recs';

const texts: Record<Kind, Record<'never' | 'training' | 'failed', Record<Lang, string>>> = {
  churn: {
    never: { en: 'No churn model has been trained yet.', ru: 'Модель оттока ещё не обучена.' },
    training: {
      en: 'The churn model is training; its customers appear here when it is done.',
      ru: 'Модель оттока обучается; клиенты появятся здесь, когда она закончит.',
    },
    failed: { en: 'Training the churn model failed', ru: 'Обучение модели оттока не удалось' },
  },
  segments: {
    never: { en: 'The segmentation has not run yet.', ru: 'Сегментация ещё не запускалась.' },
    training: {
      en: 'The segmentation is running; its segments appear here when it is done.',
      ru: 'Сегментация выполняется; сегменты появятся здесь, когда она закончит.',
    },
    failed: { en: 'The segmentation failed', ru: 'Сегментация не удалась' },
  },
  recs: {
    never: {
      en: 'Recommendations have not been computed yet.',
      ru: 'Рекомендации ещё не рассчитаны.',
    },
    training: {
      en: 'Recommendations are being computed; they appear here when done.',
      ru: 'Рекомендации рассчитываются; они появятся здесь, когда расчёт закончится.',
    },
    failed: { en: 'Computing recommendations failed', ru: 'Расчёт рекомендаций не удался' },
  },
};

/** The text for a model that has no run to show. */
export function noModelText(kind: Kind, training: Training, lang: Lang): string {
  if (training?.status === 'training') return texts[kind].training[lang];
  if (training?.status === 'failed') {
    const why = reasonOr(reasonOf(training), training.error ?? '—', lang);
    return `${texts[kind].failed[lang]}: ${why}`;
  }
  return texts[kind].never[lang];
}
