import { getTranslations } from 'next-intl/server';
import { actionFields } from '@/components/improvements/action-fields';
import { beDateText } from '@/components/ui/be-date-text';
import { SettingsForm } from '@/components/admin/settings-form';
import { asLocale } from '@/i18n/page-locale';
import { saveActionAction } from '@/lib/improvements/actions/save-improvement-action';
import { actionFormOptions } from '@/lib/improvements/load';
import { requireStaff } from '@/lib/auth/require-staff';
import { mayAct } from '@/lib/auth/staff-profile';
import { getDb } from '@/lib/db';

type Props = { params: Promise<{ locale: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** A new improvement action, from a suggestion (?suggestion=id), a weak item (?item=code) or a theme (?theme=…). */
export default async function NewActionPage({ params, searchParams }: Props) {
  const locale = asLocale((await params).locale);
  const session = await requireStaff(locale);
  const t = await getTranslations({ locale, namespace: 'staff.actions' });
  if (!mayAct(session.profile.role)) return <p className="notice">{t('readOnly')}</p>;
  const query = await searchParams;
  const one = (v: string | string[] | undefined) => (typeof v === 'string' ? v : undefined);
  const suggestionId = /^\d{1,18}$/.test(one(query.suggestion) ?? '') ? Number(one(query.suggestion)) : undefined;
  const item = /^[a-z][a-z0-9_]{1,39}$/.test(one(query.item) ?? '') ? one(query.item) : undefined;
  const theme = one(query.theme)?.slice(0, 100);
  const options = await actionFormOptions(session, locale);
  const suggestion = suggestionId
    ? await (await getDb()).rpc('suggestion_detail', { p_id: suggestionId, p_locale: locale }, session.caller)
    : null;
  const division = suggestion?.division?.slug ?? session.profile.division?.slug;
  const categories = await getTranslations({ locale, namespace: 'more.categories' });

  return (
    <>
      <h1>{t('newHeading')}</h1>
      {suggestion && <p className="notice">{t('fromSuggestion', { reference: suggestion.response.reference })}</p>}
      {item && <p className="notice">{t('fromItem', { item: options.items.find((i) => i.code === item)?.text ?? item })}</p>}
      {theme && <p className="notice">{t('fromTheme', { theme })}</p>}
      <SettingsForm
        submit={t('create')}
        action={saveActionAction}
        fields={actionFields((k) => t(k as 'save'), locale, options, await beDateText(locale), undefined, {
          suggestion: suggestion?.id,
          item,
          theme,
          division,
          // From a suggestion: its counter, a working title, and "you said" from the text staff made public (never the
          // citizen's own words, which may carry personal data). Staff edit all three before saving.
          ...(suggestion && {
            servicePoint: suggestion.response.servicePoint.slug,
            title: t('titleFromSuggestion', {
              category: categories(suggestion.category),
              servicePoint: suggestion.response.servicePoint.name,
            }),
            said: suggestion.publicBody ?? undefined,
          }),
        })}
      />
    </>
  );
}
