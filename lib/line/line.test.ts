import { describe, expect, it } from 'vitest';
import { alertConfigFrom, configuredChannels } from '@/lib/alerts/alert-config';
import { parseEnv } from '@/lib/env';
import { citizenText, langOfLine, staffText } from './compose-line';
import { lineConfigFrom, lineSettingsPresent } from './line-config';
import { retryKey } from './messaging';

const CHANNEL = { LINE_CHANNEL_ID: '1650000000', LINE_CHANNEL_SECRET: 'a'.repeat(32), LINE_CHANNEL_ACCESS_TOKEN: 't'.repeat(40) };
const GROUP = `C${'1'.repeat(32)}`;

describe('LINE configuration', () => {
  it('is off with nothing set: no LINE channel is used', () => {
    expect(lineConfigFrom(parseEnv({}))).toBeNull();
    expect(configuredChannels(alertConfigFrom(parseEnv({})))).toEqual([]);
  });

  it('pushes to citizens with the channel alone, and to staff only where LINE_STAFF_TO names a chat', () => {
    expect(configuredChannels(alertConfigFrom(parseEnv(CHANNEL)))).toEqual(['line_citizens']);
    const full = parseEnv({
      ...CHANNEL,
      LIFF_ID: '1650000001-AbCdEfGh',
      LINE_STAFF_TO: ` ${GROUP} , U${'2'.repeat(32)}`,
      PUBLIC_BASE_URL: 'https://feedback.example.go.th/',
    });
    expect(configuredChannels(alertConfigFrom(full))).toEqual(['line', 'line_citizens']);
    expect(lineConfigFrom(full)).toMatchObject({
      staffTo: [GROUP, `U${'2'.repeat(32)}`],
      loginChannelId: '1650000001', // the LIFF app's LINE Login channel: the audience of its ID tokens
      apiBaseUrl: 'https://api.line.me',
      webhookUrl: 'https://feedback.example.go.th/api/line/webhook',
      liffMock: false,
    });
    expect(lineSettingsPresent(full).filter((s) => !s.present)).toEqual([]);
    expect(JSON.stringify(lineSettingsPresent(full))).not.toContain('a'.repeat(32)); // names, never values
  });
});

describe('LINE messages', () => {
  it("take the citizen's language from LINE's code, Thai when LINE gives none we have", () => {
    expect(['en-US', 'en', 'my-MM', 'th', 'ja', '', undefined, null].map(langOfLine)).toEqual([
      'en',
      'en',
      'my',
      'th',
      'th',
      'th',
      'th',
      'th',
    ]);
  });

  it('tell a linked citizen of a reply, a status, and ask "did this solve it?" when resolved', () => {
    const base = { type: 'citizen' as const, suggestionId: 7, reference: 'KP-2570-000123', reply: null };
    expect(citizenText({ ...base, event: 'status', status: 'in_progress' }, 'https://x.example', 'en')).toBe(
      'KP-2570-000123 is now: In progress\nFollow it: https://x.example/en/track/KP-2570-000123',
    );
    expect(citizenText({ ...base, event: 'status', status: 'resolved' }, 'https://x.example', 'th')).toBe(
      'เรื่อง KP-2570-000123 ดำเนินการเสร็จแล้ว เรื่องนี้แก้ปัญหาให้ท่านได้หรือไม่? บอกเราได้ที่ https://x.example/th/track/KP-2570-000123',
    );
    expect(citizenText({ ...base, event: 'reply', status: 'assigned', reply: 'ขอบคุณครับ' }, 'https://x.example', 'my')).toContain(
      'ขอบคุณครับ',
    );
  });

  it('give staff a routing notice with the division, the category and a link, in Thai then English', () => {
    const text = staffText(
      {
        type: 'routing',
        suggestionId: 42,
        category: 'facilities',
        division: { slug: 'engineering', name: { th: 'กองช่าง', en: 'Engineering Division' } },
      },
      'https://x.example',
    );
    expect(text).toContain('ให้กองช่างแล้ว');
    expect(text).toContain('routed to Engineering Division');
    expect(text).toContain('https://x.example/th/staff/feedback/42');
    expect(text.indexOf('กองช่าง')).toBeLessThan(text.indexOf('Engineering'));
  });

  it('derive one retry key per push and recipient, shaped as LINE wants (a UUID)', () => {
    const key = retryKey('alert:1:line', GROUP);
    expect(key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(retryKey('alert:1:line', GROUP)).toBe(key);
    expect(retryKey('alert:1:line', `U${'2'.repeat(32)}`)).not.toBe(key);
  });
});
