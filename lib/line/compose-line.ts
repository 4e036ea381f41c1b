import { getPathname } from '@/i18n/navigation';
import { composeAlert, composeSummary, type AlertPayload, type SummaryPayload } from '@/lib/alerts/compose';
import { textIn, type LocalizedText } from '@/lib/format/localized-text';
import th from '@/messages/th.json';
import en from '@/messages/en.json';
import my from '@/messages/my.json';

/**
 * The words of LINE messages, from messages/ (line.*). Staff get Thai, then English, as in the alert email; a citizen
 * gets their own language (th, en or my; Thai when LINE gave none). Built only from the outbox payload: counts, names
 * of places and divisions, statuses, a reference, the municipality's public reply, and links. Never a name, phone,
 * email or the citizen's own words.
 */

const CATALOGUES = { th, en, my } as const;
export type LineLang = keyof typeof CATALOGUES;

export const lineLang = (value: unknown): LineLang => (value === 'en' || value === 'my' ? value : 'th');

/** LINE's language codes (getProfile's "language", LIFF's getLanguage): "th", "en", "en-US", "my", "my-MM"… */
export function langOfLine(code: string | undefined | null): LineLang {
  const base = (code ?? '').toLowerCase().split(/[-_]/)[0];
  return lineLang(base);
}

export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? ''));
}

export interface RoutingPayload {
  type: 'routing';
  suggestionId: number;
  category: string;
  division: { slug: string; name: LocalizedText };
}
export interface CitizenPayload {
  type: 'citizen';
  suggestionId: number;
  reference: string;
  event: 'reply' | 'status';
  status: string;
  reply: string | null;
}
export type LinePayload = AlertPayload | SummaryPayload | RoutingPayload | CitizenPayload;

const category = (lang: 'th' | 'en', code: string) => (CATALOGUES[lang].more.categories as Record<string, string>)[code] ?? code;
const statusLabel = (lang: LineLang, code: string) =>
  (CATALOGUES[lang].track.status as Record<string, string>)[code] ?? (CATALOGUES.th.track.status as Record<string, string>)[code] ?? code;

export const trackUrl = (baseUrl: string, lang: LineLang, reference: string) =>
  baseUrl + getPathname({ href: `/track/${encodeURIComponent(reference)}`, locale: lang });

/** A staff notice: the alert or summary email's text, or a routing notice (Thai, then English). */
export function staffText(payload: AlertPayload | SummaryPayload | RoutingPayload, baseUrl: string): string {
  if (payload.type === 'alert') {
    const { subject, text } = composeAlert(payload, baseUrl);
    return `${subject}\n\n${text}`.trim();
  }
  if (payload.type === 'summary') {
    const { subject, text } = composeSummary(payload, baseUrl);
    return `${subject}\n\n${text}`.trim();
  }
  const url = `${baseUrl}/th/staff/feedback/${payload.suggestionId}`;
  return (['th', 'en'] as const)
    .map((lang) =>
      fill(CATALOGUES[lang].staff.alerts.lineRouting, {
        category: category(lang, payload.category),
        division: textIn(payload.division.name, lang),
        url,
      }),
    )
    .join('\n\n');
}

/** A linked citizen's notice, in their language. */
export function citizenText(payload: CitizenPayload, baseUrl: string, lang: LineLang): string {
  const m = CATALOGUES[lang].line;
  const url = trackUrl(baseUrl, lang, payload.reference);
  if (payload.event === 'reply' && payload.reply) return fill(m.reply, { reference: payload.reference, reply: payload.reply, url });
  if (payload.status === 'resolved') return fill(m.solved, { reference: payload.reference, url });
  return fill(m.status, { reference: payload.reference, status: statusLabel(lang, payload.status), url });
}

export { statusLabel };
