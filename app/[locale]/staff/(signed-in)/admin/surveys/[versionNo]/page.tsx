import { getTranslations } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { Link, redirect } from '@/i18n/navigation';
import { AdminOnly } from '@/components/admin/admin-only';
import { SettingsForm } from '@/components/admin/settings-form';
import { SurveyDraftForm, type DraftFormRow } from '@/components/admin/survey-draft-form';
import { asLocale } from '@/i18n/page-locale';
import { currentStaff } from '@/lib/auth/current-staff';
import { DIMENSIONS, RESPONDENT_QUESTION_KEYS } from '@/lib/responses/options';
import {
  createSurveyDraftAction,
  deleteSurveyDraftAction,
  publishSurveyAction,
  saveSurveyDraftAction,
} from '@/lib/survey-versions/actions/survey-actions';
import { inLocale, loadSurveyVersion, loadSurveyVersions } from '@/lib/survey-versions/load-surveys';

type Props = {
  params: Promise<{ locale: string; versionNo: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

const BLANK_ROWS = 3;

/** One survey version: a draft is edited, previewed and published here; a published or retired one is only shown. */
export default async function SurveyVersionPage({ params, searchParams }: Props) {
  const { locale: segment, versionNo: raw } = await params;
  const locale = asLocale(segment);
  const session = await currentStaff(locale);
  if (!session) redirect({ href: '/staff/login', locale });
  if (!/^\d{1,6}$/.test(raw)) notFound();
  const version = await loadSurveyVersion(session, Number(raw));
  if (!version) {
    if (!(await loadSurveyVersions(session))) return <AdminOnly locale={locale} />;
    notFound();
  }
  const t = await getTranslations({ locale, namespace: 'staff.surveys' });
  const more = await getTranslations({ locale, namespace: 'more' });
  const query = await searchParams;
  const hidden = [
    { kind: 'hidden' as const, name: 'locale', value: locale },
    { kind: 'hidden' as const, name: 'versionNo', value: String(version.versionNo) },
  ];
  const dimensionLabel = (d: string) => more(`dimensions.${d}` as 'dimensions.process');

  return (
    <>
      <p>
        <Link href="/staff/admin/surveys">← {t('back')}</Link>
      </p>
      <h1>
        {t('editHeading', { no: version.versionNo })} <span className="muted">({t(`statuses.${version.status}`)})</span>
      </h1>
      {query.saved === '1' && (
        <p className="notice notice-ok" role="status">
          {t('saved')}
        </p>
      )}
      {version.status === 'draft' ? (
        <>
          <p>
            <Link className="button button-secondary" href={`/staff/admin/surveys/${version.versionNo}/preview`}>
              {t('preview')}
            </Link>
          </p>
          <SurveyDraftForm
            locale={locale}
            versionNo={version.versionNo}
            overall={{ th: version.overallQuestion.th, en: version.overallQuestion.en ?? '', my: version.overallQuestion.my ?? '' }}
            respondent={RESPONDENT_QUESTION_KEYS.map((key) => ({
              key,
              label: more(`respondent.${key}.label`),
              asked: version.respondentQuestions.includes(key),
            }))}
            rows={[
              ...version.items.map((i): DraftFormRow => ({
                code: i.code,
                dimension: i.dimension,
                th: i.text.th,
                en: i.text.en ?? '',
                my: i.text.my ?? '',
                answers: i.answers,
              })),
              ...Array.from({ length: BLANK_ROWS }, (): DraftFormRow => ({ code: '', dimension: 'process', th: '', en: '', my: '' })),
            ]}
            dimensions={DIMENSIONS.map((d) => ({ value: d, label: dimensionLabel(d) }))}
            labels={{
              overallTh: t('overallTh'),
              overallEn: t('overallEn'),
              overallMy: t('overallMy'),
              respondentLegend: t('respondentLegend'),
              itemLegend: t.raw('itemLegend') as string,
              newItemLegend: t.raw('newItemLegend') as string,
              code: t('code'),
              codeHint: t('codeHint'),
              dimension: t('dimension'),
              textTh: t('textTh'),
              textEn: t('textEn'),
              textMy: t('textMy'),
              remove: t('remove'),
              save: t('save'),
              answers: t('answers'),
            }}
            action={saveSurveyDraftAction}
          />
          <section className="form-section" aria-labelledby="publish-heading">
            <h2 id="publish-heading">{t('publish')}</h2>
            <p className="hint">{t('publishHint')}</p>
            <SettingsForm submit={t('publish')} action={publishSurveyAction} fields={hidden} />
            <SettingsForm submit={t('deleteDraft')} action={deleteSurveyDraftAction} fields={hidden} />
          </section>
        </>
      ) : (
        <>
          <p className="notice">{t('frozen')}</p>
          <h2>{inLocale(version.overallQuestion, locale)}</h2>
          {DIMENSIONS.map((d) => {
            const items = version.items.filter((i) => i.dimension === d);
            if (items.length === 0) return null;
            return (
              <section key={d}>
                <h3>{dimensionLabel(d)}</h3>
                <ul>
                  {items.map((i) => (
                    <li key={i.code}>
                      <code>{i.code}</code> {inLocale(i.text, locale)}{' '}
                      <span className="muted">
                        ({i.answers} {t('answers')})
                      </span>
                    </li>
                  ))}
                </ul>
              </section>
            );
          })}
          {version.status === 'published' && (
            <SettingsForm
              submit={t('createDraft')}
              action={createSurveyDraftAction}
              fields={[{ kind: 'hidden', name: 'locale', value: locale }]}
            />
          )}
        </>
      )}
    </>
  );
}
