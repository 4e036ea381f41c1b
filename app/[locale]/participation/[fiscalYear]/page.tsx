import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { PublicNav } from '@/components/public/public-nav';
import { PageShell } from '@/components/ui/page-shell';
import { asLocale } from '@/i18n/page-locale';
import { loadPublicActions } from '@/lib/improvements/public';
import { anon, getDb } from '@/lib/db';
import { countText, statText } from '@/lib/stats/display';
import { loadPublicResults } from '@/lib/stats/load-stats';
import { CHANNELS, type Channel } from '@/lib/stats/types';
import { localePath } from '@/i18n/paths';

type Props = { params: Promise<{ locale: string; fiscalYear: string }> };

const yearOf = (raw: string) => (/^\d{4}$/.test(raw) && Number(raw) >= 2543 && Number(raw) <= 2743 ? Number(raw) : null);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale, fiscalYear } = await params;
  const t = await getTranslations({ locale: asLocale(locale), namespace: 'public.participation' });
  return { title: t('metaTitle', { year: fiscalYear.slice(0, 4) }) };
}

/**
 * The OIT participation item on one printable page: (1) the topic, (2) who took part, (3) the results, (4) how they
 * were used. For the municipality to link from its website.
 */
export default async function ParticipationPage({ params }: Props) {
  const { locale: segment, fiscalYear: raw } = await params;
  const locale = asLocale(segment);
  const year = yearOf(raw);
  if (!year) notFound();
  const db = await getDb();
  const [results, actions, counts, display, items] = await Promise.all([
    loadPublicResults(db, { fiscalYear: year }, locale),
    loadPublicActions({ fiscalYear: year }, locale),
    db.rpc('public_participation', { p_fiscal_year: year }, anon),
    db.rpc('display_settings', {}, anon),
    db.rpc('public_ita_items', { p_fiscal_year: year, p_locale: locale }, anon),
  ]);
  // The OIT item this page answers in that fiscal year (O30 in 2566–2567, o25 from 2568…), as the admin mapped it.
  const item = items.find((i) => i.page === 'participation');
  const t = await getTranslations({ locale, namespace: 'public.participation' });
  const s = await getTranslations({ locale, namespace: 'stats' });
  const settings = { thaiDigits: display.thaiDigits && locale === 'th' };
  const organisation = (locale === 'th' ? display.name.th : display.name[locale]) ?? display.name.th;
  const channels = new Intl.ListFormat(locale, { type: 'conjunction' }).format(
    counts.channels.filter((c): c is Channel => (CHANNELS as readonly string[]).includes(c)).map((c) => s(`channels.${c}`)),
  );

  return (
    <PageShell locale={locale} path={`/participation/${year}`} organisation={organisation}>
      <PublicNav locale={locale} />
      <article className="report">
        <h1>{item ? t('headingItem', { code: item.code, year }) : t('heading', { year })}</h1>
        {item && <p className="muted">{t('itemLine', { code: item.code, title: item.title })}</p>}
        <h2>{t('topic')}</h2>
        {/* The channels the year's responses actually came through, not always "a QR code". */}
        <p>{t('topicText', { organisation, points: countText(counts.servicePoints, locale, settings), channels: channels || '—' })}</p>
        <h2>{t('who')}</h2>
        <p>
          {t('whoText', {
            responses: countText(results.counts.responses, locale, settings),
            suggestions: countText(counts.suggestions, locale, settings),
          })}
        </p>
        <h2>{t('results')}</h2>
        <p>
          {results.overall.level
            ? t('resultsText', {
                level: s(`levels.${results.overall.level}`),
                percent: statText(results.overall.percent, locale, settings),
              })
            : s('noData')}{' '}
          <a className="no-print" href={localePath({ href: `/results?period=${year}`, locale })}>
            {t('details')}
          </a>
        </p>
        <h2>{t('use')}</h2>
        {/* Fixed text only when the year has no published improvement: otherwise the improvements themselves. */}
        {actions.length === 0 ? (
          <p>{t('useNone')}</p>
        ) : (
          <ul>
            {actions.map((a) => (
              <li key={a.id}>
                <strong>{a.title}</strong>
                {a.saidSummary && ` — ${a.saidSummary}`}
              </li>
            ))}
          </ul>
        )}
        <p className="no-print">
          <a href={localePath({ href: `/improvements?fiscalYear=${year}`, locale })}>{t('improvementsLink')}</a>
        </p>
      </article>
    </PageShell>
  );
}
