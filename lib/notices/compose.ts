import { getPathname } from '@/i18n/navigation';
import type { Locale } from '@/i18n/routing';
import { textIn } from '@/lib/format/localized-text';
import en from '@/messages/en.json';
import my from '@/messages/my.json';
import th from '@/messages/th.json';
import type { CitizenNotice, RoutedPayload } from './types';

/**
 * The words of the notices, from messages/ (staff.alerts.mail for the division, track.mail for the citizen). The
 * division's notice is in Thai then English, like the alerts; the citizen's in the language they answered in.
 */

function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? ''));
}

export const divisionInboxUrl = (baseUrl: string, division: string) =>
  `${baseUrl}/th/staff/feedback?division=${encodeURIComponent(division)}`;

export function composeRouted(p: RoutedPayload, baseUrl: string): { subject: string; text: string } {
  const url = divisionInboxUrl(baseUrl, p.division);
  const part = (lang: 'th' | 'en') => {
    const m = (lang === 'th' ? th : en).staff.alerts.mail;
    const values = { division: textIn(p.divisionName, lang), routed: p.routed, open: p.open, url };
    return {
      subject: fill(m.routedSubject, values),
      body: [fill(m.routedBody, values), fill(m.routedLink, values), m.noPersonalData].join('\n'),
    };
  };
  const [t, e] = [part('th'), part('en')];
  return { subject: `${t.subject} / ${e.subject}`, text: `${t.body}\n\n${e.body}\n` };
}

const CITIZEN = { th: th.track.mail, en: en.track.mail, my: { ...en.track.mail, ...my.track.mail } };

export const trackUrl = (baseUrl: string, locale: Locale, reference: string) =>
  baseUrl + getPathname({ href: `/track/${encodeURIComponent(reference)}`, locale });

export function composeResolved(n: CitizenNotice, organisation: string, baseUrl: string): { subject: string; text: string } {
  const m = CITIZEN[n.locale] ?? CITIZEN.th;
  const values = { reference: n.reference, organisation, url: trackUrl(baseUrl, n.locale, n.reference), reply: n.reply ?? '' };
  const lines = [fill(m.resolvedBody, values), ...(n.reply ? [fill(m.replyLine, values)] : []), fill(m.link, values), '', m.footer];
  return { subject: fill(m.resolvedSubject, values), text: `${lines.join('\n')}\n` };
}
