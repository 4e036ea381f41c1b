import { hasLocale } from 'next-intl';
import { getPathname } from '@/i18n/navigation';
import { routing } from '@/i18n/routing';
import { loadPublicActions } from '@/lib/improvements/public';
import { anon, getDb } from '@/lib/db';
import { withFileSecurityHeaders } from '@/lib/http/security-headers';
import { publicBaseUrl } from '@/lib/qr/public-url';

const escape = (text: string) =>
  text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);

/**
 * GET /{locale}/improvements/feed.xml: published improvements as an Atom feed (nothing unpublished, ever). Its links
 * start with PUBLIC_BASE_URL, never with the request's Host, which any client may set: a feed cached by a shared cache
 * with links to another site would send every reader there. Without PUBLIC_BASE_URL (a demo) the request's address is
 * used and the feed is not cached by anyone but the reader.
 */
export const GET = withFileSecurityHeaders(async (request: Request, { params }: { params: Promise<{ locale: string }> }) => {
  const { locale } = await params;
  if (!hasLocale(routing.locales, locale)) return new Response('Not found', { status: 404 });
  const { base: origin, configured } = publicBaseUrl(request.headers);
  const url = (href: string) => origin + getPathname({ href, locale });
  const [actions, display] = await Promise.all([loadPublicActions({}, locale), (await getDb()).rpc('display_settings', {}, anon)]);
  const updated =
    actions
      .map((a) => a.publishedAt ?? '')
      .sort()
      .at(-1) || new Date().toISOString();
  const entries = actions.map((a) => {
    const link = url(`/improvements/${a.id}`);
    const summary = [a.saidSummary, a.description].filter(Boolean).join('\n\n');
    return `  <entry>
    <id>${link}</id>
    <title>${escape(a.title)}</title>
    <link href="${link}"/>
    <updated>${new Date(a.publishedAt ?? updated).toISOString()}</updated>
    <summary>${escape(summary)}</summary>
  </entry>`;
  });
  const xml = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${locale}">
  <id>${url('/improvements')}</id>
  <title>${escape((display.name[locale] ?? display.name.th) + ' — ' + (locale === 'th' ? 'ท่านบอก เราทำ' : 'You said, we did'))}</title>
  <link rel="self" href="${url('/improvements/feed.xml')}"/>
  <link href="${url('/improvements')}"/>
  <updated>${new Date(updated).toISOString()}</updated>
${entries.join('\n')}
</feed>
`;
  return new Response(xml, {
    headers: {
      'content-type': 'application/atom+xml; charset=utf-8',
      'cache-control': configured ? 'public, max-age=300' : 'private, no-store',
    },
  });
});
