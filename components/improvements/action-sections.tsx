import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import type { Locale } from '@/i18n/routing';
import type { PublicAction } from '@/lib/improvements/types';
import { formatDate, type DisplaySettings } from '@/lib/format/thai-format';

/** The dated timeline of an action. */
export async function ActionTimeline({ locale, settings, action }: { locale: Locale; settings: DisplaySettings; action: PublicAction }) {
  const t = await getTranslations({ locale, namespace: 'staff.actions' });
  if (action.timeline.length === 0) return null;
  return (
    <section aria-label={t('timeline')}>
      <h2>{t('timeline')}</h2>
      <ol className="timeline">
        {action.timeline.map((entry, i) => (
          <li key={i}>
            <strong>{formatDate(`${entry.on}T12:00:00+07:00`, locale, settings)}</strong>
            <div>{entry.body}</div>
          </li>
        ))}
      </ol>
    </section>
  );
}

/**
 * Photos and documents; images shown, documents linked. Served by /api/evidence/{id}, which checks who may see.
 * `controls` adds the staff's own controls under each item (removing it); the public page has none.
 */
export async function ActionEvidence({
  locale,
  action,
  controls,
}: {
  locale: Locale;
  action: PublicAction;
  controls?: (evidence: PublicAction['evidence'][number]) => ReactNode;
}) {
  const t = await getTranslations({ locale, namespace: 'staff.actions' });
  if (action.evidence.length === 0) return null;
  return (
    <section aria-label={t('evidence')}>
      <h2>{t('evidence')}</h2>
      <ul className="evidence-grid">
        {action.evidence.map((e) => (
          <li key={e.id} id={`evidence-${e.id}`}>
            {e.kind === 'image' ? (
              // eslint-disable-next-line @next/next/no-img-element -- evidence is served as is, already stripped of metadata
              <img src={`/api/evidence/${e.id}`} alt={e.caption ?? action.title} loading="lazy" />
            ) : (
              <a href={`/api/evidence/${e.id}`}>{e.caption ?? 'PDF'}</a>
            )}
            {e.caption && e.kind === 'image' && <p className="muted">{e.caption}</p>}
            {controls?.(e)}
          </li>
        ))}
      </ul>
    </section>
  );
}
