import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { Link, redirect } from '@/i18n/navigation';
import { SuggestionHistory } from '@/components/staff/suggestion-history';
import { SuggestionResponse } from '@/components/staff/suggestion-response';
import { TriageForm } from '@/components/staff/triage-form';
import { asLocale } from '@/i18n/page-locale';
import { createActionHref } from '@/lib/improvements/links';
import { currentStaff } from '@/lib/auth/current-staff';
import { coordinatesFeedback } from '@/lib/auth/staff-profile';
import { getDb } from '@/lib/db';
import { triageSuggestionAction } from '@/lib/feedback/actions/triage-suggestion-action';
import { SUGGESTION_CATEGORIES } from '@/lib/responses/options';

type Props = {
  params: Promise<{ locale: string; id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** Once per request: the title (generateMetadata) and the page read the same suggestion. */
const load = cache(async (locale: string, id: string) => {
  const session = await currentStaff(locale);
  if (!session) return null;
  if (!/^\d{1,18}$/.test(id)) return { session, detail: null };
  const db = await getDb();
  const detail = await db.rpc('suggestion_detail', { p_id: Number(id), p_locale: locale }, session.caller);
  return { session, detail };
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale: segment, id } = await params;
  const locale = asLocale(segment);
  const loaded = await load(locale, id);
  const t = await getTranslations({ locale, namespace: 'staff.suggestion' });
  return { title: loaded?.detail ? t('metaTitle', { reference: loaded.detail.response.reference }) : undefined };
}

/**
 * One suggestion: the citizen's words, the response it came with, contact details where the role allows, history,
 * and the triage form for those who may act. A suggestion the caller may not see is simply not found (RLS).
 */
export default async function SuggestionPage({ params, searchParams }: Props) {
  const { locale: segment, id } = await params;
  const locale = asLocale(segment);
  const loaded = await load(locale, id);
  if (!loaded) redirect({ href: '/staff/login', locale });
  const { session, detail } = loaded;
  if (!detail) notFound();
  const query = await searchParams;
  const t = await getTranslations({ locale, namespace: 'staff' });
  const categories = await getTranslations({ locale, namespace: 'more.categories' });
  const mayRoute = coordinatesFeedback(session.profile.role);
  // Every role reads the divisions (RLS): the history names them, and those who route choose among them.
  const options = await (await getDb()).rpc('staff_options', { p_locale: locale }, session.caller);

  return (
    <>
      <p>
        <Link href="/staff/feedback">{t('suggestion.back')}</Link>
      </p>
      <h1>
        {detail.response.reference} · <span className={`badge badge-${detail.status}`}>{t(`status.${detail.status}`)}</span>
      </h1>
      {query.saved === '1' && (
        <p className="notice notice-ok" role="status">
          {t('triage.saved')}
        </p>
      )}
      <div className="columns">
        <div>
          <section aria-labelledby="text-heading">
            <h2 id="text-heading">{t('suggestion.text')}</h2>
            <p className="citizen-text">{detail.body}</p>
            <p className="muted">
              {categories(detail.category)}
              {detail.division && ` · ${detail.division.name}`}
              {detail.duplicateOf && ` · ${t('suggestion.duplicateOf', { reference: detail.duplicateOf.reference })}`}
            </p>
            <h3>{t('suggestion.publicText')}</h3>
            <p className={detail.publicBody ? 'citizen-text' : 'muted'}>{detail.publicBody ?? t('suggestion.notPublic')}</p>
          </section>
          <section aria-labelledby="actions-heading">
            <h2 id="actions-heading">{t('actions.actionsOfSuggestion')}</h2>
            {detail.actions.length > 0 && (
              <ul>
                {detail.actions.map((a) => (
                  <li key={a.id}>
                    <Link href={`/staff/actions/${a.id}`}>{a.title}</Link> · {t(`actions.statuses.${a.status}`)}
                  </li>
                ))}
              </ul>
            )}
            {detail.canEdit && (
              <p>
                <Link href={createActionHref({ suggestion: detail.id })}>{t('actions.createFromSuggestion')}</Link>
              </p>
            )}
          </section>
          <SuggestionResponse locale={locale} detail={detail} />
          <SuggestionHistory locale={locale} detail={detail} divisions={options.divisions} />
        </div>
        <aside aria-labelledby="triage-heading">
          <h2 id="triage-heading">{t('triage.heading')}</h2>
          {detail.canEdit ? (
            <TriageForm
              locale={locale}
              suggestion={{
                id: detail.id,
                version: detail.version,
                status: detail.status,
                category: detail.category,
                division: detail.division?.slug ?? null,
                publicBody: detail.publicBody,
                duplicateOf: detail.duplicateOf?.reference ?? null,
              }}
              statuses={detail.allowedStatuses.map((s) => ({ value: s, label: t(`status.${s}`) }))}
              categories={SUGGESTION_CATEGORIES.map((c) => ({ value: c, label: categories(c) }))}
              divisions={!mayRoute ? undefined : options.divisions.map((d) => ({ value: d.slug, label: d.name }))}
              labels={{
                status: t('triage.status'),
                category: t('triage.category'),
                division: t('triage.division'),
                noDivision: t('triage.noDivision'),
                duplicateOf: t('triage.duplicateOf'),
                publicBody: t('triage.publicBody'),
                publicBodyHint: t('triage.publicBodyHint'),
                note: t('triage.note'),
                reply: t('triage.reply'),
                save: t('triage.save'),
                saving: t('triage.saving'),
                reload: t('triage.reload'),
              }}
              action={triageSuggestionAction}
            />
          ) : (
            <p className="notice">{t('suggestion.readOnly')}</p>
          )}
        </aside>
      </div>
    </>
  );
}
