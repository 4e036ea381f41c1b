import { actionEvent } from '@/lib/improvements/history-events';
import { getTranslations } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { actionFields } from '@/components/improvements/action-fields';
import { ActionEvidence, ActionTimeline } from '@/components/improvements/action-sections';
import { ImpactTable } from '@/components/improvements/impact-table';
import { RemoveEvidence } from '@/components/improvements/remove-evidence';
import { SettingsForm } from '@/components/admin/settings-form';
import { beDateText } from '@/components/ui/be-date-text';
import { todayInBangkok } from '@/lib/format/be-date';
import { asLocale } from '@/i18n/page-locale';
import {
  addEvidenceAction,
  addUpdateAction,
  publishAction,
  resolveSuggestionsAction,
} from '@/lib/improvements/actions/improvement-steps-actions';
import { saveActionAction } from '@/lib/improvements/actions/save-improvement-action';
import { actionFormOptions } from '@/lib/improvements/load';
import { requireStaff } from '@/lib/auth/require-staff';
import { coordinatesFeedback } from '@/lib/auth/staff-profile';
import { getDb } from '@/lib/db';
import { truncate } from '@/lib/format/text';
import { formatDateTime } from '@/lib/format/thai-format';
import { Link } from '@/i18n/navigation';

type Props = { params: Promise<{ locale: string; id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** One improvement action: what was done, for which suggestions, the timeline, evidence, impact, publishing. */
export default async function ActionPage({ params, searchParams }: Props) {
  const { locale: segment, id } = await params;
  const locale = asLocale(segment);
  const session = await requireStaff(locale);
  if (!/^\d{1,18}$/.test(id)) notFound();
  const action = await (await getDb()).rpc('action_detail', { p_id: Number(id), p_locale: locale }, session.caller);
  if (!action) notFound();
  const t = await getTranslations({ locale, namespace: 'staff.actions' });
  const status = await getTranslations({ locale, namespace: 'staff.status' });
  const say = (k: string) => t(k as 'save');
  const settings = {};
  const hidden = [
    { kind: 'hidden' as const, name: 'locale', value: locale },
    { kind: 'hidden' as const, name: 'id', value: String(action.id) },
  ];
  const today = todayInBangkok();
  const dates = await beDateText(locale);
  const search = await searchParams;
  const one = (v: string | string[] | undefined) => (typeof v === 'string' && /^\d{1,6}$/.test(v) ? v : undefined);
  // A done action asks to close the loop: its linked suggestions still open are resolved with one reply, here.
  const open = action.suggestions.filter((s) => !['resolved', 'declined', 'duplicate', 'not_responsible'].includes(s.status));
  const resolveForm = (
    <SettingsForm
      submit={t('resolve')}
      action={resolveSuggestionsAction}
      fields={[...hidden, { kind: 'textarea', name: 'reply', label: t('resolveReply'), maxLength: 2000 }]}
    />
  );

  return (
    <>
      <p>
        <Link href="/staff/actions">← {t('heading')}</Link>
      </p>
      <h1>{action.title}</h1>
      <p>
        <span className="badge">{t(`statuses.${action.status}`)}</span> · {action.division.name} · {action.progress}% ·{' '}
        <strong>{action.published ? t('published') : t('notPublished')}</strong>
      </p>
      <progress className="progress" max={100} value={action.progress} aria-label={t('progress')} />
      {search.saved === '1' && (
        <p className="notice notice-ok" role="status">
          {one(search.resolved) !== undefined
            ? t('resolved', { resolved: one(search.resolved)!, skipped: one(search.skipped) ?? '0' })
            : search.evidenceRemoved === '1'
              ? t('evidenceRemoved')
              : t('saved')}
        </p>
      )}
      {action.canEdit && action.status === 'done' && open.length > 0 && (
        <section className="notice resolve-prompt" aria-labelledby="resolve-prompt">
          <h2 id="resolve-prompt">{t('resolveHeading')}</h2>
          <p>{t('resolvePrompt', { count: open.length })}</p>
          <p className="muted">{t('resolveNotify')}</p>
          {resolveForm}
        </section>
      )}
      {!action.canEdit && <p className="notice">{t('readOnly')}</p>}
      <div className="columns">
        <div>
          {action.saidSummary && (
            <>
              <h2>{t('saidTh')}</h2>
              <p className="citizen-text">{action.saidSummary}</p>
            </>
          )}
          {action.description && (
            <>
              <h2>{t('descriptionTh')}</h2>
              <p className="citizen-text">{action.description}</p>
            </>
          )}
          {action.impact && (
            <section aria-label={t('impact')}>
              <h2>{t('impact')}</h2>
              <ImpactTable locale={locale} settings={settings} impact={action.impact} items={action.items} />
              <p>
                {t('feedback')}:{' '}
                {t('feedbackCounts', { yes: action.feedback.yes, no: action.feedback.no, notSure: action.feedback.notSure })}
              </p>
            </section>
          )}
          <section aria-label={t('linkedSuggestions')}>
            <h2>{t('linkedSuggestions')}</h2>
            {action.suggestions.length === 0 ? (
              <p className="muted">{t('noLinked')}</p>
            ) : (
              <ul>
                {action.suggestions.map((s) => (
                  <li key={s.id}>
                    <Link href={`/staff/feedback/${s.id}`}>{s.reference}</Link> · {status(s.status)} · {truncate(s.body, 80)}
                  </li>
                ))}
              </ul>
            )}
          </section>
          <ActionTimeline locale={locale} settings={settings} action={action} />
          <ActionEvidence
            locale={locale}
            action={action}
            controls={
              action.canEdit
                ? (e) => <RemoveEvidence locale={locale} action={action} evidence={e} confirming={search.removeEvidence === e.id} />
                : undefined
            }
          />
          <section aria-label={t('history')}>
            <h2>{t('history')}</h2>
            <ol className="timeline">
              {action.history.map((h, i) => (
                <li key={i}>
                  {formatDateTime(h.at, locale)} · {h.actor ?? '—'} · {t(`events.${actionEvent(h)}`)}
                </li>
              ))}
            </ol>
          </section>
        </div>
        {action.canEdit && (
          <aside>
            <h2>{action.published ? t('unpublish') : t('publish')}</h2>
            {/* A division proposes; the PR officer (or the admin) publishes: the database refuses anyone else. */}
            {coordinatesFeedback(session.profile.role) ? (
              <SettingsForm
                submit={action.published ? t('unpublish') : t('publish')}
                action={publishAction}
                fields={[...hidden, { kind: 'hidden', name: 'publish', value: action.published ? '0' : '1' }]}
              />
            ) : (
              <p className="muted">{t('publishedByPr')}</p>
            )}
            <h2>{t('addUpdate')}</h2>
            <SettingsForm
              submit={t('save')}
              action={addUpdateAction}
              fields={[
                ...hidden,
                { kind: 'date', name: 'happenedOn', label: t('happenedOn'), value: today, required: true, dateText: dates },
                { kind: 'textarea', name: 'updateTh', label: t('updateTh'), maxLength: 2000 },
                { kind: 'textarea', name: 'updateEn', label: t('updateEn'), maxLength: 2000 },
              ]}
            />
            <h2>{t('evidence')}</h2>
            <SettingsForm
              submit={t('upload')}
              action={addEvidenceAction}
              fields={[
                ...hidden,
                {
                  kind: 'file',
                  name: 'file',
                  label: t('evidenceFile'),
                  hint: t('evidenceHint'),
                  accept: 'image/jpeg,image/png,image/webp,application/pdf',
                },
                { kind: 'text', name: 'captionTh', label: t('caption'), maxLength: 300 },
                { kind: 'checkbox', name: 'isPublic', label: t('evidencePublic'), checked: true },
              ]}
            />
            <h2>{t('edit')}</h2>
            <SettingsForm
              submit={t('save')}
              action={saveActionAction}
              fields={actionFields(say, locale, await actionFormOptions(session, locale), dates, action)}
            />
          </aside>
        )}
      </div>
    </>
  );
}
