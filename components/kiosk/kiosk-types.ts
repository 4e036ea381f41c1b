/** Everything the kiosk shows, translated on the server (the tablet loads no message catalogue). */
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
  faces: Record<string, string>;
  reasons: { value: string; label: string }[];
}

export interface KioskDefinition {
  locale: string;
  servicePoint: string;
  pointName: string;
  question: string;
}

/** "{count} waiting" → "3 waiting". */
export const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? ''));
