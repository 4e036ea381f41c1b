import { getTranslations } from 'next-intl/server';
import { ActionEvidence, ActionTimeline } from '@/components/improvements/action-sections';
import type { Locale } from '@/i18n/routing';
import { afterPeriodCloses, impactVerdict, type PublicAction } from '@/lib/improvements/types';
import { formatDate, type DisplaySettings } from '@/lib/format/thai-format';
import { countText, statText } from '@/lib/stats/display';
import { localePath } from '@/i18n/paths';

/** One published action: you said, we did, when, evidence, and before/after where there are enough responses. */
export async function PublicActionCard({
  locale,
  settings,
  action,
  full = false,
}: {
  locale: Locale;
  settings: DisplaySettings;
  action: PublicAction;
  full?: boolean;
}) {
  const t = await getTranslations({ locale, namespace: 'public.improvements' });
  const status = await getTranslations({ locale, namespace: 'staff.actions.statuses' });
  const day = (iso: string) => formatDate(`${iso}T12:00:00+07:00`, locale, settings);
  const overall = action.impact?.scopes.find((s) => s.code === 'overall');
  const verdict = overall ? impactVerdict(overall) : null;
  const linked = Object.values(action.suggestionCategories).reduce((a, b) => a + b, 0);
  const answered = action.feedback.yes + action.feedback.no + action.feedback.notSure;
  return (
    <article className="form-section" aria-labelledby={`action-${action.id}`}>
      <h2 id={`action-${action.id}`}>
        {full ? action.title : <a href={localePath({ href: `/improvements/${action.id}`, locale })}>{action.title}</a>}
      </h2>
      <p className="muted">
        {action.division.name} · {status(action.status)}
        {action.completedDate
          ? ` · ${t('when')} ${day(action.completedDate)}`
          : action.plannedDate
            ? ` · ${t('planned')} ${day(action.plannedDate)}`
            : ''}
        {linked > 0 && ` · ${t('suggestions', { count: linked })}`}
      </p>
      {action.saidSummary && (
        <>
          <h3>{t('youSaid')}</h3>
          <p>{action.saidSummary}</p>
        </>
      )}
      {action.description && (
        <>
          <h3>{t('weDid')}</h3>
          <p>{action.description}</p>
        </>
      )}
      {overall && (
        <p>
          <strong>{t('result')}:</strong>{' '}
          {verdict === 'pending' && action.impact
            ? t('pending', { date: day(afterPeriodCloses(action.impact)) })
            : verdict === 'not_enough' || verdict === 'pending' || !overall.before || !overall.after
              ? t('notEnough')
              : `${t('before', { mean: statText(overall.before.mean, locale, settings), n: countText(overall.before.n, locale, settings) })} → ${t('after', { mean: statText(overall.after.mean, locale, settings), n: countText(overall.after.n, locale, settings) })} · ${t(verdict === 'no_clear_change' ? 'noClearChange' : verdict!)}`}
        </p>
      )}
      {answered > 0 && <p className="muted">{t('helped', { yes: action.feedback.yes, total: answered })}</p>}
      {full ? (
        <>
          <ActionTimeline locale={locale} settings={settings} action={action} />
          <ActionEvidence locale={locale} action={action} />
        </>
      ) : (
        <p>
          <a href={localePath({ href: `/improvements/${action.id}`, locale })}>{t('more')}</a>
        </p>
      )}
    </article>
  );
}
