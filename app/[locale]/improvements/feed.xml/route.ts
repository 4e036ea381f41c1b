import { routing, type Locale } from '@/i18n/routing';
import { loadPublicActions } from '@/lib/actions/public';
import { anon, getDb } from '@/lib/db';
import type { DisplaySettingsRow } from '@/lib/stats/dashboard-data';

const escape = (text: string) =>
  text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);

/** GET /{locale}/improvements/feed.xml: published improvements as an Atom feed (nothing unpublished, ever). */
export async function GET(request: Request, { params }: { params: Promise<{ locale: string }> }) {
  const { locale: segment } = await params;
  if (!(routing.locales as readonly string[]).includes(segment)) return new Response('Not found', { status: 404 });
  const locale = segment as Locale;
  const origin = new URL(request.url).origin;
  const [actions, display] = await Promise.all([
    loadPublicActions({}, locale),
    (await getDb()).rpc('display_settings', {}, anon),
  ]);
  const updated = actions.map((a) => a.publishedAt ?? '').sort().at(-1) || new Date().toISOString();
  const entries = actions.map((a) => {
    const url = `${origin}/${locale}/improvements/${a.id}`;
    const summary = [a.saidSummary, a.description].filter(Boolean).join('\n\n');
    return `  <entry>
    <id>${url}</id>
    <title>${escape(a.title)}</title>
    <link href="${url}"/>
    <updated>${new Date(a.publishedAt ?? updated).toISOString()}</updated>
    <summary>${escape(summary)}</summary>
  </entry>`;
  });
  const xml = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${locale}">
  <id>${origin}/${locale}/improvements</id>
  <title>${escape((display.name[locale] ?? display.name.th) + ' — ' + (locale === 'th' ? 'ท่านบอก เราทำ' : 'You said, we did'))}</title>
  <link rel="self" href="${origin}/${locale}/improvements/feed.xml"/>
  <link href="${origin}/${locale}/improvements"/>
  <updated>${new Date(updated).toISOString()}</updated>
${entries.join('\n')}
</feed>
`;
  return new Response(xml, { headers: { 'content-type': 'application/atom+xml; charset=utf-8', 'cache-control': 'public, max-age=300' } });
}
