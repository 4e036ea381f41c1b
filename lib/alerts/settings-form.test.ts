import { describe, expect, it } from 'vitest';
import { parseAlertSettings } from './settings-form';

describe('the alert settings form', () => {
  const valid = { enabled: 'on', unhappyPercent: '50', windowMinutes: '15', minResponses: '4', summary: 'daily', summaryHour: '8' };

  it('accepts the defaults (HappyOrNot’s: 50 % unhappy within 15 minutes, at least 4 responses)', () => {
    expect(parseAlertSettings(valid)).toEqual({
      ok: true,
      changes: { enabled: true, unhappyPercent: 50, windowMinutes: 15, minResponses: 4, summary: 'daily', summaryHour: 8 },
    });
    expect(parseAlertSettings({ ...valid, enabled: '' })).toMatchObject({ ok: true, changes: { enabled: false } });
  });

  it('refuses each bad value beside its own field', () => {
    expect(
      parseAlertSettings({
        ...valid,
        unhappyPercent: '150',
        windowMinutes: '2',
        minResponses: 'four',
        summary: 'hourly',
        summaryHour: '24',
      }),
    ).toEqual({
      ok: false,
      fieldErrors: {
        unhappyPercent: 'out_of_range',
        windowMinutes: 'out_of_range',
        minResponses: 'invalid_number',
        summary: 'invalid_choice',
        summaryHour: 'out_of_range',
      },
    });
  });
});
