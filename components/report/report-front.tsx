import { getTranslations } from 'next-intl/server';
import type { Locale } from '@/i18n/routing';
import { formatDate, formatNumber, toThaiDigits, type DisplaySettings } from '@/lib/format/thai-format';
import { logoUrl } from '@/lib/admin/logo';
import type { ReportData } from '@/lib/report/load-report';
import { statText } from '@/lib/stats/display';

const day = (iso: string, locale: string, s: DisplaySettings) => formatDate(`${iso}T12:00:00+07:00`, locale, s);

/** The title page and the method: who, when, how many, which channels, which statistics and bands. */
export async function ReportFront({ locale, settings, data }: { locale: Locale; settings: DisplaySettings; data: ReportData }) {
  const t = await getTranslations({ locale, namespace: 'staff.report' });
  const s = await getTranslations({ locale, namespace: 'stats' });
  const { stats, display } = data;
  const name = (locale === 'th' ? display.name.th : display.name[locale]) ?? display.name.th;
  const year = settings.thaiDigits && locale === 'th' ? toThaiDigits(String(data.fiscalYear)) : String(data.fiscalYear);
  const from = stats.filter.from!;
  const to = stats.filter.to!;
  const n = (value: number | null) => formatNumber(value ?? 0, locale, settings);
  const channels = stats.byChannel.filter((c) => c.n).map((c) => `${s(`channels.${c.channel}`)} ${n(c.n)}`).join(', ');
  const office = display.contact.office?.[locale === 'th' ? 'th' : 'en'] ?? display.contact.office?.th;
  const logo = await logoUrl();
  const home = await getTranslations({ locale, namespace: 'home' });

  return (
    <>
      <section className="report-title">
        {logo && <img className="report-logo" src={logo} alt={home('logo', { name })} width={96} height={96} />}
        <h1>{t('title')}</h1>
        <p className="report-year">{t('titleYear', { year })}</p>
        {data.round === 'h1' && <p>{t('titleRound', { from: day(from, locale, settings), to: day(to, locale, settings) })}</p>}
        <p className="report-org">{name}</p>
        {office && <p>{t('preparedBy', { office })}</p>}
        <p className="muted">{t('generated', { date: formatDate(new Date(), locale, settings) })}</p>
      </section>
      <section className="report-section">
        <h2>{t('methodHeading')}</h2>
        <p>
          {t('method', {
            organisation: name,
            from: day(from, locale, settings),
            to: day(to, locale, settings),
            responses: n(stats.counts.responses),
            withItems: n(stats.counts.withItems),
            oneTap: n(stats.counts.oneTapOnly),
          })}
        </p>
        {channels && <p>{t('channelsLine', { channels })}</p>}
        {stats.counts.flagged > 0 && <p>{t('excluded', { flagged: n(stats.counts.flagged) })}</p>}
        <p>{t('instrument')}</p>
        <p>{t('statistics')}</p>
        <table className="data report-bands">
          <caption>{t('bandsCaption')}</caption>
          <thead>
            <tr><th scope="col">{t('range')}</th><th scope="col">{s('level')}</th></tr>
          </thead>
          <tbody>
            {stats.levelBands.bands.map((band) => (
              <tr key={band.level}>
                <td>{statText(band.min, locale, settings)} – {statText(band.max, locale, settings)}</td>
                <td>{s(`levels.${band.level}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}
