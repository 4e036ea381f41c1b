import { getTranslations } from 'next-intl/server';
import { isMessageKey } from '@/i18n/message-keys';
import type { Locale } from '@/i18n/routing';
import { auditSentences } from '@/lib/feedback/audit-sentences';
import type { AuditEntry, StaffOptions, SuggestionDetail } from '@/lib/feedback/types';
import { formatDateTime } from '@/lib/format/thai-format';

/** Notes, public replies and the audit trail of one suggestion, oldest first, each change told in words. */
export async function SuggestionHistory({
  locale,
  detail,
  divisions,
}: {
  locale: Locale;
  detail: SuggestionDetail;
  divisions: StaffOptions['divisions'];
}) {
  const t = await getTranslations({ locale, namespace: 'staff' });
  const categories = await getTranslations({ locale, namespace: 'more.categories' });
  const divisionNames = new Map(divisions.map((d) => [d.id, d.name]));
  const who = (entry: { actor: string | null; actorRole?: string }) =>
    entry.actor ?? (entry.actorRole === 'service_role' ? t('suggestion.citizen') : t('suggestion.system'));
  const describe = (entry: AuditEntry) => {
    if (entry.action === 'note' || entry.action === 'reply') return String(entry.after?.body ?? '');
    if (entry.action === 'forget_contact') return '';
    return auditSentences(entry, {
      status: (code) => (isMessageKey('staff.status', code) ? t(`status.${code}`) : code),
      category: (code) => (isMessageKey('more.categories', code) ? categories(code) : code),
      division: (id) => divisionNames.get(id) ?? t('suggestion.changes.unknownDivision'),
      field: (column) => (isMessageKey('staff.suggestion.fields', column) ? t(`suggestion.fields.${column}`) : column),
    })
      .map((sentence) => t(`suggestion.changes.${sentence.key}`, sentence.values))
      .join(' · ');
  };
  const list = (items: { body: string; at: string; author: string | null }[]) =>
    items.length === 0 ? (
      <p className="muted">{t('suggestion.none')}</p>
    ) : (
      <ul className="timeline">
        {items.map((item, i) => (
          <li key={i}>
            <strong>{formatDateTime(item.at, locale)}</strong> · {t('suggestion.by', { name: item.author ?? '—' })}
            <div className="citizen-text">{item.body}</div>
          </li>
        ))}
      </ul>
    );
  return (
    <>
      <section aria-labelledby="replies-heading">
        <h2 id="replies-heading">{t('suggestion.replies')}</h2>
        {list(detail.replies)}
      </section>
      <section aria-labelledby="notes-heading">
        <h2 id="notes-heading">{t('suggestion.notes')}</h2>
        {list(detail.notes)}
      </section>
      <section aria-labelledby="history-heading">
        <h2 id="history-heading">{t('suggestion.history')}</h2>
        {detail.history.length === 0 ? (
          <p className="muted">{t('suggestion.none')}</p>
        ) : (
          <ol className="timeline">
            {detail.history.map((entry, i) => (
              <li key={i}>
                <strong>{formatDateTime(entry.at, locale)}</strong> · {who(entry)} ·{' '}
                {isMessageKey('staff.suggestion.actions', entry.action) ? t(`suggestion.actions.${entry.action}`) : entry.action}
                <div>{describe(entry)}</div>
              </li>
            ))}
          </ol>
        )}
      </section>
    </>
  );
}
