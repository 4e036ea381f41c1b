import { textIn, type LocalizedText } from '@/lib/format/localized-text';
import th from '@/messages/th.json';
import en from '@/messages/en.json';

/**
 * The words of an alert or a summary, in Thai and then English, from messages/ (staff.alerts.mail). Built only from
 * the outbox payload, which holds counts, the service point, times and nothing a citizen typed or gave.
 */

export interface AlertPayload {
  type: 'alert';
  alertId: number;
  servicePoint: { slug: string; name: LocalizedText };
  responses: number;
  unhappy: number;
  unhappyPercent: number;
  windowStart: string;
  windowEnd: string;
}
export interface SummaryPayload {
  type: 'summary';
  period: 'daily' | 'weekly';
  from: string;
  to: string;
  responses: number;
  unhappy: number;
  flagged: number;
  alerts: number;
  servicePoints: { slug: string; name: LocalizedText; responses: number; unhappy: number; mean: number | null }[];
}

const CATALOGUES = { th: th.staff.alerts.mail, en: en.staff.alerts.mail };
type Lang = keyof typeof CATALOGUES;

function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? ''));
}

const time = (iso: string, lang: Lang) =>
  new Intl.DateTimeFormat(lang === 'th' ? 'th-TH' : 'en-GB', { timeZone: 'Asia/Bangkok', dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(iso),
  );
const day = (iso: string, lang: Lang) =>
  new Intl.DateTimeFormat(lang === 'th' ? 'th-TH' : 'en-GB', { timeZone: 'Asia/Bangkok', dateStyle: 'medium' }).format(
    new Date(`${iso}T12:00:00+07:00`),
  );

export const dashboardUrl = (baseUrl: string, slug?: string) =>
  `${baseUrl}/th/staff${slug ? `?servicePoint=${encodeURIComponent(slug)}` : ''}`;

export function composeAlert(p: AlertPayload, baseUrl: string): { subject: string; text: string; line: string; url: string } {
  const url = dashboardUrl(baseUrl, p.servicePoint.slug);
  const part = (lang: Lang) => {
    const m = CATALOGUES[lang];
    const values = {
      point: textIn(p.servicePoint.name, lang),
      unhappy: p.unhappy,
      responses: p.responses,
      percent: p.unhappyPercent,
      from: time(p.windowStart, lang),
      to: time(p.windowEnd, lang),
      url,
    };
    return { subject: fill(m.alertSubject, values), body: [fill(m.alertBody, values), fill(m.link, values), m.noPersonalData].join('\n') };
  };
  const [t, e] = [part('th'), part('en')];
  return {
    subject: `${t.subject} / ${e.subject}`,
    text: `${t.body}\n\n${e.body}\n`,
    line: fill(CATALOGUES.th.alertBody, {
      point: p.servicePoint.name.th,
      unhappy: p.unhappy,
      responses: p.responses,
      percent: p.unhappyPercent,
      from: time(p.windowStart, 'th'),
      to: time(p.windowEnd, 'th'),
    }),
    url,
  };
}

export function composeSummary(p: SummaryPayload, baseUrl: string): { subject: string; text: string } {
  const url = dashboardUrl(baseUrl);
  const part = (lang: Lang) => {
    const m = CATALOGUES[lang];
    const values = {
      period: m[p.period],
      from: day(p.from, lang),
      to: day(p.to, lang),
      responses: p.responses,
      unhappy: p.unhappy,
      flagged: p.flagged,
      alerts: p.alerts,
      url,
    };
    const lines =
      p.servicePoints.length === 0
        ? [m.noResponses]
        : p.servicePoints.map((s) =>
            fill(m.summaryLine, {
              point: textIn(s.name, lang),
              responses: s.responses,
              unhappy: s.unhappy,
              mean: s.mean === null ? '–' : Number(s.mean).toFixed(2),
            }),
          );
    return {
      subject: fill(m.summarySubject, values),
      body: [fill(m.summaryTotal, values), ...lines, fill(m.link, values), m.noPersonalData].join('\n'),
    };
  };
  const [t, e] = [part('th'), part('en')];
  return { subject: `${t.subject} / ${e.subject}`, text: `${t.body}\n\n${e.body}\n` };
}
