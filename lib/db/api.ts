import type { ActionDetail, ActionSummary, PublicAction } from '../improvements/types';
import type { AdminSettings } from '../admin/settings';
import type { OutboxRow } from '../alerts/deliver';
import type { AdminAlerts } from '../alerts/load-alerts';
import type { PublicLogo } from '../admin/logo';
import type { StaffProfile } from '../auth/staff-profile';
import type { ExportRow } from '../exports/response-rows';
import type { InboxPage, StaffOptions, SuggestionDetail } from '../feedback/types';
import type { RateVerdict } from '../http/rate-limit';
import type { KioskDevices } from '../kiosk/kiosk-devices';
import type { KioskOverviewRow } from '../kiosk/kiosk-overview';
import type { KioskDevice, KioskSyncAnswer } from '../kiosk/sync-schema';
import type { ReportSignatories, ReportSuggestions } from '../report/load-report';
import type { DisplaySettingsRow } from '../stats/dashboard-data';
import type { ItaItem, PublicItaItem } from '../ita/types';
import type { CitizenNotice } from '../notices/types';
import type { PublicResults, SatisfactionStats } from '../stats/types';
import type { StoredOrRefused } from '../responses/submit-response';
import type { PublicServicePoints } from '../responses/service-points';
import type { SurveyForm } from '../responses/survey-form';
import type { SurveyVersionDetail, SurveyVersionSummary } from '../survey-versions/load-surveys';
import type { TrackedResponse } from '../track';
import type { ArgsOf, ResultOf } from './api-spec';
import { bigint, boolean, date, fn, integer, jsonb, text, uuid } from './api-spec';
import type * as R from './api-results';

/**
 * The API: every SQL function (`public.<fn>`) the app calls, with its arguments in declared order and its result.
 * db.rpc takes its types from here, so no call site states its own; supabase/tests/api-registry.test.ts compares
 * this list with the catalogue, so renaming a function or an argument fails a test rather than a page.
 * `.withDefault()` marks an argument the SQL function gives a default; `.orNull()` one where null means something.
 */
export const api = {
  // Public pages (anon may call these; each is security definer and returns only what the public may see).
  display_settings: fn({}).returns<DisplaySettingsRow>('jsonb'),
  public_logo: fn({ p_data: boolean }).returns<PublicLogo | null>('jsonb'),
  survey_form: fn({ p_service_point: text, p_locale: text.withDefault() }).returns<SurveyForm | null>('jsonb'),
  public_service_points: fn({ p_locale: text.withDefault() }).returns<PublicServicePoints>('jsonb'),
  public_results: fn({ p_filter: jsonb, p_locale: text.withDefault() }).returns<PublicResults>('jsonb'),
  public_actions: fn({ p_filter: jsonb.withDefault(), p_locale: text.withDefault() }).returns<PublicAction[]>('jsonb'),
  public_participation: fn({ p_fiscal_year: integer }).returns<R.PublicParticipation>('jsonb'),
  public_evidence: fn({ p_evidence: uuid }).returns<R.EvidenceMeta | null>('jsonb'),
  public_ita_items: fn({ p_fiscal_year: integer, p_locale: text.withDefault() }).returns<PublicItaItem[]>('jsonb'),

  // Citizens, through the server after its own checks (service role only: they trust facts only the server knows).
  submit_citizen_response: fn({ p_submission: jsonb, p_flood_per_minute: integer.orNull().withDefault() }).returns<StoredOrRefused>(
    'jsonb',
  ),
  // The app submits through submit_citizen_response; the inner call is used by the tests, benchmarks and the seed.
  submit_response: fn({ p_submission: jsonb }).returns<R.StoredSubmission>('jsonb'),
  submit_response_batch: fn({ p_submissions: jsonb }).returns<R.StoredSubmission[]>('jsonb'),
  kiosk_sync: fn({ p_token_hash: text, p_presses: jsonb }).returns<KioskSyncAnswer>('jsonb'),
  kiosk_pair: fn({ p_code_hash: text, p_token_hash: text, p_service_point: text }).returns<KioskDevice>('jsonb'),
  // Tracking: by reference and check code, after the server's per-address limit (lib/track.ts); never anon (issue 17).
  track_response: fn({ p_reference: text, p_check: text, p_locale: text.withDefault() }).returns<TrackedResponse | null>('jsonb'),
  track_actions: fn({ p_reference: text, p_check: text, p_locale: text.withDefault() }).returns<R.TrackedActions | null>('jsonb'),
  rate_limit_hit: fn({ p_bucket: text, p_window_seconds: integer, p_limit: integer, p_cost: integer.withDefault() }).returns<RateVerdict>(
    'jsonb',
  ),
  // The receipt secret proves the caller is the citizen who submitted (lib/responses/receipt.ts).
  forget_contact: fn({ p_reference: text, p_receipt: text }).returns<{ done: true }>('jsonb'),
  record_resolution_feedback: fn({ p_reference: text, p_receipt: text, p_answer: text }).returns<{ recorded: boolean; reason?: string }>(
    'jsonb',
  ),

  // Staff accounts and sessions (service role: the server's sign-in and the staff CLI).
  auth_user_for_sign_in: fn({ p_email: text }).returns<R.SignInAccount | null>('jsonb'),
  start_staff_session: fn({ p_user_id: uuid, p_hours: integer }).returns<string>('uuid'),
  end_staff_session: fn({ p_session_id: uuid }).returns<void>('void'),
  staff_upsert: fn({
    p_email: text,
    p_role: text,
    p_display_name: text,
    p_division: text.orNull().withDefault(),
    p_password_hash: text.orNull().withDefault(),
    p_user_id: uuid.orNull().withDefault(),
    p_is_demo: boolean.withDefault(),
  }).returns<{ userId: string }>('jsonb'),
  staff_me: fn({ p_locale: text.withDefault() }).returns<StaffProfile | null>('jsonb'),
  staff_options: fn({ p_locale: text.withDefault() }).returns<StaffOptions>('jsonb'),

  // Statistics and exports (RLS decides which responses a staff member counts).
  satisfaction_stats: fn({ p_filter: jsonb, p_locale: text.withDefault() }).returns<SatisfactionStats>('jsonb'),
  suggestion_texts: fn({ p_filter: jsonb.withDefault(), p_limit: integer.withDefault() }).returns<{ id: number; body: string }[]>('jsonb'),
  report_suggestions: fn({ p_from: date, p_to: date, p_examples: integer.withDefault() }).returns<ReportSuggestions>('jsonb'),
  // The yearly report's signature block (null for a caller who is not staff).
  report_signatories: fn({}).returns<ReportSignatories | null>('jsonb'),
  export_responses: fn({ p_filter: jsonb, p_after: jsonb.orNull().withDefault(), p_limit: integer.withDefault() }).returns<ExportRow[]>(
    'jsonb',
  ),
  stat_fold_pending: fn({ p_settle_seconds: integer.withDefault(), p_limit: integer.withDefault() }).returns<R.FoldProgress>('jsonb'),

  // Feedback and triage.
  inbox: fn({ p_filter: jsonb.withDefault(), p_locale: text.withDefault() }).returns<InboxPage>('jsonb'),
  suggestion_detail: fn({ p_id: bigint, p_locale: text.withDefault() }).returns<SuggestionDetail | null>('jsonb'),
  triage_suggestion: fn({ p_id: bigint, p_version: integer, p_changes: jsonb }).returns<{ version: number; status: string }>('jsonb'),
  evidence_meta: fn({ p_evidence: uuid }).returns<R.EvidenceMeta | null>('jsonb'),

  // Improvement actions.
  action_list: fn({ p_filter: jsonb.withDefault(), p_locale: text.withDefault() }).returns<ActionSummary[]>('jsonb'),
  action_detail: fn({ p_id: bigint, p_locale: text.withDefault() }).returns<ActionDetail | null>('jsonb'),
  // p_id and p_version null: create a new action.
  action_save: fn({ p_id: bigint.orNull(), p_version: integer.orNull(), p_action: jsonb }).returns<{ id: number; version: number }>(
    'jsonb',
  ),
  action_add_update: fn({ p_id: bigint, p_happened_on: date, p_body: jsonb }).returns<void>('void'),
  action_add_evidence: fn({ p_id: bigint, p_evidence: jsonb }).returns<string>('uuid'),
  // true: removed now (the server then deletes the file); false: already gone.
  action_remove_evidence: fn({ p_evidence: uuid }).returns<boolean>('boolean'),
  action_set_published: fn({ p_id: bigint, p_published: boolean }).returns<{ published: boolean; version: number }>('jsonb'),
  action_resolve_suggestions: fn({ p_id: bigint, p_reply: text }).returns<{ resolved: number; skipped: number }>('jsonb'),

  // Administration.
  admin_settings: fn({}).returns<AdminSettings>('jsonb'),
  admin_update_organisation: fn({ p_changes: jsonb }).returns<void>('void'),
  admin_set_logo: fn({ p_logo: jsonb.orNull() }).returns<{ removed: boolean }>('jsonb'),
  // p_email: null keeps the division's address, '' removes it.
  admin_save_division: fn({
    p_slug: text,
    p_name: jsonb,
    p_position: integer.orNull().withDefault(),
    p_email: text.orNull().withDefault(),
  }).returns<{ slug: string }>('jsonb'),
  admin_save_service_point: fn({ p_slug: text, p_point: jsonb, p_create: boolean }).returns<{ slug: string }>('jsonb'),
  admin_save_staff: fn({
    p_email: text,
    p_role: text,
    p_display_name: text,
    p_division: text.orNull().withDefault(),
    p_active: boolean.withDefault(),
    p_password_hash: text.orNull().withDefault(),
    p_user_id: uuid.orNull().withDefault(),
  }).returns<{ email: string }>('jsonb'),
  admin_survey_versions: fn({}).returns<SurveyVersionSummary[]>('jsonb'),
  admin_survey_version: fn({ p_version_no: integer }).returns<SurveyVersionDetail>('jsonb'),
  admin_survey_draft_create: fn({ p_from_version_no: integer.orNull().withDefault() }).returns<{ versionNo: number }>('jsonb'),
  admin_survey_draft_save: fn({ p_version_no: integer, p_draft: jsonb }).returns<{ versionNo: number }>('jsonb'),
  admin_survey_draft_delete: fn({ p_version_no: integer }).returns<void>('void'),
  admin_survey_publish: fn({ p_version_no: integer }).returns<{ versionNo: number }>('jsonb'),

  // The ITA item map per fiscal year (every staff member reads; the admin changes it).
  ita_items: fn({ p_fiscal_year: integer.orNull().withDefault(), p_locale: text.withDefault() }).returns<ItaItem[]>('jsonb'),
  // p_id null: add an item.
  admin_save_ita_item: fn({ p_id: bigint.orNull(), p_item: jsonb }).returns<{ id: number }>('jsonb'),
  admin_delete_ita_item: fn({ p_id: bigint }).returns<void>('void'),

  // Kiosk tablets.
  kiosk_overview: fn({}).returns<KioskOverviewRow[]>('jsonb'),
  kiosk_devices: fn({ p_service_point: text }).returns<KioskDevices>('jsonb'),
  kiosk_issue: fn({ p_service_point: text, p_label: text, p_code_hash: text, p_code_hint: text }).returns<{
    id: string;
    expiresAt: string;
  }>('jsonb'),
  kiosk_revoke: fn({ p_id: uuid }).returns<void>('void'),
  admin_update_kiosk_settings: fn({ p_changes: jsonb }).returns<void>('void'),

  // Alerts, and the jobs that deliver them.
  admin_alerts: fn({}).returns<AdminAlerts>('jsonb'),
  admin_update_alert_settings: fn({ p_changes: jsonb }).returns<void>('void'),
  admin_retry_notification: fn({ p_id: bigint }).returns<void>('void'),
  alerts_evaluate: fn({ p_channels: jsonb }).returns<R.AlertsEvaluated>('jsonb'),
  notification_claim: fn({ p_worker: text, p_limit: integer.withDefault() }).returns<OutboxRow[]>('jsonb'),
  notification_citizen_notice: fn({ p_id: bigint }).returns<CitizenNotice | null>('jsonb'),
  notification_finish: fn({ p_id: bigint, p_worker: text, p_error: text.orNull().withDefault() }).returns<string>('text'),

  // Privacy and retention.
  purge_expired_contacts: fn({}).returns<R.ContactsPurged>('jsonb'),

  // LINE (server only, as service_role): a citizen's link, its erasure, and an unfollow in LINE.
  line_link_status: fn({ p_client_key: uuid, p_receipt: text }).returns<R.LineLinkStatus | null>('jsonb'),
  line_link: fn({ p_client_key: uuid, p_receipt: text, p_line_user_id: text, p_locale: text.withDefault() }).returns<{ linked: boolean }>(
    'jsonb',
  ),
  line_unlink: fn({ p_client_key: uuid, p_receipt: text }).returns<{ unlinked: boolean }>('jsonb'),
  line_forget_user: fn({ p_line_user_id: text }).returns<{ unlinked: number }>('jsonb'),

  // Upgrades: the migrations applied, for health in Supabase mode (lib/db/supabase.ts calls it through supabase-js).
  applied_migrations: fn({}).returns<string[]>('text[]'),
};

/**
 * Functions of the API that the app deliberately does not call, each with the reason. The registry test requires
 * every executable public function to be in `api` or here, so nothing reaches the API unnoticed.
 */
export const unusedByApp: Record<string, string> = {};

export type Api = typeof api;
export type ApiFunction = keyof Api;
export type ApiArgs<F extends ApiFunction> = ArgsOf<Api[F]>;
export type ApiResult<F extends ApiFunction> = ResultOf<Api[F]>;
