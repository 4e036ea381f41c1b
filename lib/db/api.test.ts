import { describe, expect, expectTypeOf, it } from 'vitest';
import { api, unusedByApp, type ApiArgs, type ApiResult } from './api';
import type { DisplaySettingsRow } from '../stats/dashboard-data';

/**
 * The registry's TypeScript side. Its agreement with the database is supabase/tests/api-registry.test.ts; here, that
 * the types it derives refuse the mistakes it exists to catch. The @ts-expect-error lines are checked by
 * `npm run typecheck`: if one of them stopped being an error, the typecheck fails.
 */
describe('the API registry', () => {
  it('keeps each function’s arguments in the order SQL declares them', () => {
    expect(Object.keys(api.admin_save_staff.args)).toEqual([
      'p_email',
      'p_role',
      'p_display_name',
      'p_division',
      'p_active',
      'p_password_hash',
      'p_user_id',
    ]);
    expect(api.admin_save_staff.args.p_active).toMatchObject({ sqlType: 'boolean', hasDefault: true });
    expect(api.kiosk_revoke.returns).toBe('void');
  });

  it('derives argument and result types a call site cannot get wrong', () => {
    expectTypeOf<ApiArgs<'survey_form'>>().toEqualTypeOf<{ p_service_point: string; p_locale?: string }>();
    expectTypeOf<ApiArgs<'action_save'>>().toEqualTypeOf<{ p_id: number | null; p_version: number | null; p_action: unknown }>();
    expectTypeOf<ApiResult<'display_settings'>>().toEqualTypeOf<DisplaySettingsRow>();
    expectTypeOf<ApiResult<'start_staff_session'>>().toEqualTypeOf<string>();

    // @ts-expect-error a misspelt argument name
    const misspelt: ApiArgs<'survey_form'> = { p_servicepoint: 'x' };
    // @ts-expect-error a required argument left out
    const missing: ApiArgs<'kiosk_revoke'> = {};
    // @ts-expect-error an argument given to a function that takes none
    const extra: ApiArgs<'admin_settings'> = { p_locale: 'th' };
    // @ts-expect-error a number where SQL takes text
    const wrongType: ApiArgs<'track_response'> = { p_reference: 42, p_check: 'MKHT' };
    // @ts-expect-error null where SQL gives it no meaning
    const needless: ApiArgs<'kiosk_revoke'> = { p_id: null };
    // @ts-expect-error a function that is not in the registry
    const unregistered: ApiArgs<'action_purge_evidence'> = { p_evidence: 'x' };
    expect([misspelt, missing, extra, wrongType, needless, unregistered]).toHaveLength(6);
    expect(Object.keys(unusedByApp)).not.toContain('survey_form');
  });
});
