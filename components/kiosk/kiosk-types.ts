/** Everything the kiosk shows in one language, translated on the server (the tablet loads no message catalogue). */
export interface KioskLabels {
  tapPrompt: string;
  followUp: string;
  skip: string;
  thanks: string;
  thanksNote: string;
  anonymous: string;
  offline: string;
  waiting: string;
  syncReport: string;
  pairHeading: string;
  pairIntro: string;
  codeLabel: string;
  pairButton: string;
  pairing: string;
  paired: string;
  wrongPoint: string;
  pairOffline: string;
  revokedHeading: string;
  revokedBody: string;
  held: string;
  rePair: string;
  offlineReady: string;
  faces: Record<string, string>;
  reasons: { value: string; label: string }[];
  /** "Language", for the switcher's name, and this language's own name (ไทย, English, မြန်မာ). */
  language: string;
  languageName: string;
}

/** One language of the kiosk: the counter's name, the question, and the labels. The first is the counter's own. */
export interface KioskLanguage {
  locale: string;
  pointName: string;
  question: string;
  labels: KioskLabels;
}

/** "{count} waiting" → "3 waiting". */
export const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? ''));
