// The saved-audiences screen's texts, English and Russian (the app's language rule: lib/i18n.ts;
// the words it shares with the save form are there).
import { useLang } from '../../lib/i18n';

const en = {
  audiences: 'Saved audiences',
  none: 'No saved audiences yet. Open any number on the dashboard and save its customers.',
  counted: 'counted',
  region: 'region',
  remove: 'Delete',
  removeTitle: 'Delete “{name}”?',
  removeText:
    'Campaigns already aimed at it keep their customers. Links filtered by it stop working.',
  cancel: 'Cancel',
};

const ru: typeof en = {
  audiences: 'Сохранённые аудитории',
  none: 'Сохранённых аудиторий пока нет. Откройте любое число на дашборде и сохраните его клиентов.',
  counted: 'подсчитано',
  region: 'регион',
  remove: 'Удалить',
  removeTitle: 'Удалить «{name}»?',
  removeText:
    'Кампании, уже нацеленные на неё, сохранят своих клиентов. Ссылки с этим фильтром перестанут работать.',
  cancel: 'Отмена',
};

export function useAudienceWords(): typeof en {
  return useLang() === 'ru' ? ru : en;
}
