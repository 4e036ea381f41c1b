import { getTranslations } from 'next-intl/server';
import type { Locale } from '@/i18n/routing';
import type { AuditEntry, SuggestionDetail } from '@/lib/feedback/types';
import { formatDateTime } from '@/lib/format/thai-format';

/** Notes, public replies and the audit trail of one suggestion, oldest first. */
export async function SuggestionHistory({ locale, detail }: { locale: Locale; detail: SuggestionDetail }) {
  const t = await getTranslations({ locale, namespace: 'staff' });
  const who = (entry: { actor: string | null; actorRole?: string }) =>
    entry.actor ?? (entry.actorRole === 'service_role' ? t('suggestion.citizen') : t('suggestion.system'));
  const describe = (entry: AuditEntry) => {
    if (entry.action === 'note' || entry.action === 'reply') return String(entry.after?.body ?? '');
    return Object.keys(entry.after ?? {})
      .map((field) => {
        const label = t.has(`suggestion.fields.${field}` as 'suggestion.fields.status') ? t(`suggestion.fields.${field}` as 'suggestion.fields.status') : field;
        const show = (v: unknown) => (field === 'status' && typeof v === 'string' ? t(`status.${v}` as 'status.new') : v === null ? '—' : String(v));
        return `${label}: ${show(entry.before?.[field])} → ${show(entry.after?.[field])}`;
      })
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
                {t.has(`suggestion.actions.${entry.action}` as 'suggestion.actions.update') ? t(`suggestion.actions.${entry.action}` as 'suggestion.actions.update') : entry.action}
                <div>{describe(entry)}</div>
              </li>
            ))}
          </ol>
        )}
      </section>
    </>
  );
}
