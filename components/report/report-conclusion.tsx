import type { Locale } from '@/i18n/routing';
import { conclusion } from '@/lib/report/conclusion';
import type { ReportData } from '@/lib/report/load-report';
import type { ReportFormat } from '@/lib/report/report-format';
import { LPA_TARGET } from './report-results';
import type { ReportTexts } from './report-texts';

/** Part 5, สรุปผลและข้อเสนอแนะ: findings and recommendations written from this report's own figures (lib/report/conclusion.ts). */
export function ReportConclusion({ locale, data, t, f }: { locale: Locale; data: ReportData; t: ReportTexts; f: ReportFormat }) {
  const { stats, suggestions } = data;
  const o = stats.overall;
  // In English an item is a whole sentence ("The service was quick") and a category a capitalised label: quoted, they
  // read as names inside a sentence. Thai runs them in as Thai reports do.
  const named = (text: string) => (locale === 'th' ? text : `“${text}”`);
  const { findings, recommendations } = conclusion(
    t.r,
    locale,
    {
      overall:
        o.level && o.mean !== null && o.percent !== null ? { level: t.s(`levels.${o.level}`), mean: o.mean, percent: o.percent } : null,
      target: LPA_TARGET,
      dimensions: stats.dimensions.filter((d) => d.mean !== null).map((d) => ({ name: t.m(`dimensions.${d.dimension}`), mean: d.mean! })),
      items: stats.items
        .filter((i) => i.mean !== null)
        .sort((a, b) => a.surveyOrder - b.surveyOrder)
        .map((i) => ({ name: named(f.text(i.text)), mean: i.mean! })),
      suggestions: {
        total: suggestions.total,
        byCategory: suggestions.byCategory.map((c) => ({ ...c, name: named(t.m(`categories.${c.category}`)) })),
      },
      replies: suggestions.replies,
      actions: { done: data.actions.done.map((a) => f.text(a.title)), inProgress: data.actions.inProgress.map((a) => f.text(a.title)) },
    },
    { count: (n) => f.count(n), stat: (v) => f.stat(v) },
  );
  return (
    <section className="report-section" id="part5" aria-labelledby="part5-heading">
      <h2 id="part5-heading">{t.r('part5')}</h2>
      <h3>{t.r('conclusionHeading')}</h3>
      <ol className="report-points">
        {findings.map((text, i) => (
          <li key={i}>{text}</li>
        ))}
      </ol>
      <h3>{t.r('recommendationsHeading')}</h3>
      <ol className="report-points">
        {recommendations.map((text, i) => (
          <li key={i}>{text}</li>
        ))}
      </ol>
    </section>
  );
}
