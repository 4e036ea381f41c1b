import { describe, expect, it } from 'vitest';
import { ConfigError, parseEnv } from '@/lib/env';
import { alertConfigFrom, configuredChannels } from './alert-config';
import { composeAlert, composeSummary } from './compose';

describe('alert configuration', () => {
  it('uses no channel when nothing is set, and only the channels that are configured', () => {
    expect(configuredChannels(alertConfigFrom(parseEnv({})))).toEqual([]);
    const smtp = alertConfigFrom(
      parseEnv({
        SMTP_HOST: 'smtp.example.go.th',
        SMTP_PORT: '465',
        SMTP_USER: 'u',
        SMTP_PASS: 'p',
        ALERT_EMAIL_TO: 'a@example.go.th, b@example.go.th',
      }),
    );
    expect(smtp.smtp).toEqual({ host: 'smtp.example.go.th', port: 465, secure: true, auth: { user: 'u', pass: 'p' } });
    expect(smtp.emailTo).toEqual(['a@example.go.th', 'b@example.go.th']);
    expect(configuredChannels(smtp)).toEqual(['email']);
    const hook = alertConfigFrom(parseEnv({ ALERT_WEBHOOK_URL: 'https://bot.example.go.th/x', ALERT_WEBHOOK_SECRET: 's'.repeat(20) }));
    expect(configuredChannels(hook)).toEqual(['webhook']);
  });

  it('refuses a webhook without its secret, and bad addresses, naming the setting', () => {
    expect(() => parseEnv({ ALERT_WEBHOOK_URL: 'https://bot.example.go.th/x' })).toThrow(ConfigError);
    expect(() => parseEnv({ ALERT_WEBHOOK_URL: 'https://bot.example.go.th/x' })).toThrow(/ALERT_WEBHOOK_SECRET/);
    expect(() => parseEnv({ ALERT_EMAIL_TO: 'not-an-address' })).toThrow(/ALERT_EMAIL_TO/);
    expect(() => parseEnv({ SMTP_URL: 'http://smtp.example.go.th' })).toThrow(/SMTP_URL/);
  });
});

describe('alert messages', () => {
  it('say the counts, the service point, the window and the link, in Thai then English', () => {
    const { subject, text, url } = composeAlert(
      {
        type: 'alert',
        alertId: 1,
        servicePoint: { slug: 'waste-fees', name: { th: 'ชำระค่าขยะ', en: 'Waste fees' } },
        responses: 6,
        unhappy: 4,
        unhappyPercent: 67,
        windowStart: '2026-11-26T02:00:00Z',
        windowEnd: '2026-11-26T02:15:00Z',
      },
      'https://feedback.example.go.th',
    );
    expect(subject).toBe('แจ้งเตือน: ผู้รับบริการไม่พอใจที่ ชำระค่าขยะ / Alert: unhappy ratings at Waste fees');
    expect(text).toContain('ไม่พอใจ 4 จาก 6 คำตอบ (ร้อยละ 67)');
    expect(text).toContain('4 of 6 responses unhappy (67%)');
    expect(url).toBe('https://feedback.example.go.th/th/staff?servicePoint=waste-fees');
    expect(text.indexOf('ไม่พอใจ')).toBeLessThan(text.indexOf('unhappy'));
  });

  it('summarise a period per service point, or say there were no responses', () => {
    const summary = composeSummary(
      {
        type: 'summary',
        period: 'daily',
        from: '2026-11-25',
        to: '2026-11-25',
        responses: 0,
        unhappy: 0,
        flagged: 0,
        alerts: 0,
        servicePoints: [],
      },
      'https://x.example',
    );
    expect(summary.subject).toContain('สรุปความพึงพอใจรายวัน');
    expect(summary.text).toContain('ไม่มีคำตอบในช่วงนี้');
  });
});
