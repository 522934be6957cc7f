import { useState } from 'react';
import { t, useLang } from '../../../lib/i18n';
import { useClosingConfirmation } from '../../../lib/native';
import { ActionError } from './action-error';
import { useConfirmedAction } from './use-confirmed-action';

/** The customer's tags; admins add and remove them (confirmed, audited on the server). */
export function TagsBlock({
  customerId,
  tags,
  admin,
}: {
  customerId: number;
  tags: string[];
  admin: boolean;
}) {
  const lang = useLang();
  const [draft, setDraft] = useState('');
  const action = useConfirmedAction(customerId);
  const tag = draft.trim();
  useClosingConfirmation(tag.length > 0);

  const add = async () => {
    if (await action.run({ kind: 'add-tag', tag }, t('confirmTag', lang), tag)) setDraft('');
  };
  return (
    <section className="block" data-testid="customer-tags">
      <h2>{t('tags', lang)}</h2>
      {tags.length === 0 ? (
        <p className="hint">{t('noTags', lang)}</p>
      ) : (
        <div className="tag-list">
          {tags.map((name) => (
            <span key={name} className="chip" data-testid={`tag-${name}`} translate="no">
              {name}
              {admin && (
                <button
                  type="button"
                  aria-label={`${t('removeTag', lang)} ${name}`}
                  disabled={action.busy}
                  onClick={() =>
                    void action.run(
                      { kind: 'remove-tag', tag: name },
                      t('confirmUntag', lang),
                      name,
                    )
                  }
                >
                  ×
                </button>
              )}
            </span>
          ))}
        </div>
      )}
      {admin && (
        <form
          className="action-row"
          onSubmit={(e) => {
            e.preventDefault();
            if (tag) void add();
          }}
        >
          <input
            value={draft}
            maxLength={40}
            placeholder={t('newTag', lang)}
            onChange={(e) => setDraft(e.target.value)}
            data-testid="tag-input"
          />
          <button type="submit" disabled={!tag || action.busy} data-testid="tag-add">
            {t('addTag', lang)}
          </button>
        </form>
      )}
      <ActionError error={action.error} />
    </section>
  );
}
