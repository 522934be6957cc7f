import { useState } from 'react';
import { formatDate } from '../../../lib/format';
import { t, useLang } from '../../../lib/i18n';
import { useClosingConfirmation, useMainButton } from '../../../lib/native';
import type { CustomerCard } from '../api/get-customer';
import { ActionError } from './action-error';
import { useConfirmedAction } from './use-confirmed-action';

/**
 * Staff notes, newest first. An admin writes one here and saves it with Telegram's MainButton;
 * closing the app while a note is unsaved asks first.
 */
export function NotesBlock({
  customerId,
  notes,
  admin,
}: {
  customerId: number;
  notes: NonNullable<CustomerCard['notes']>;
  admin: boolean;
}) {
  const lang = useLang();
  const [draft, setDraft] = useState('');
  const action = useConfirmedAction(customerId);
  const text = draft.trim();
  useClosingConfirmation(text.length > 0);
  useMainButton(
    admin && text
      ? {
          text: t('saveNote', lang),
          busy: action.busy,
          onClick: () => {
            void action
              .run({ kind: 'add-note', text }, t('confirmNote', lang), text)
              .then((saved) => saved && setDraft(''));
          },
        }
      : null,
  );
  return (
    <section className="block" data-testid="customer-notes">
      <h2>{t('notes', lang)}</h2>
      {notes.length === 0 ? (
        <p className="hint">{t('noNotes', lang)}</p>
      ) : (
        <ul className="plain-list">
          {notes.map((n) => (
            <li key={n.id} className="note">
              {n.text}
              <div className="hint">
                {n.authorName ?? '—'} · {formatDate(n.createdAt, lang)}
              </div>
            </li>
          ))}
        </ul>
      )}
      {admin && (
        <textarea
          className="note-editor"
          value={draft}
          maxLength={2000}
          placeholder={t('newNote', lang)}
          onChange={(e) => setDraft(e.target.value)}
          data-testid="note-input"
        />
      )}
      <ActionError error={action.error} />
    </section>
  );
}
