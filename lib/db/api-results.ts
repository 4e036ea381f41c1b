/**
 * Result shapes of API functions that have no domain module of their own to live in: before the registry (api.ts)
 * each was restated at its call site. Field names are the camelCase keys the SQL functions build with
 * jsonb_build_object.
 */

/** submit_response (and each element of submit_response_batch): the stored response, or the one a retry matched. */
export interface StoredSubmission {
  responseId: string;
  reference: string;
  /** False when the same client key was seen before: the earlier response was updated, not duplicated. */
  created: boolean;
  hasSuggestion: boolean;
}

/** auth_user_for_sign_in: what the built-in sign-in needs to check a password; null for an unknown e-mail. */
export interface SignInAccount {
  id: string;
  email: string;
  passwordHash: string | null;
  active: boolean;
}

export interface EvidenceMeta {
  mediaType: string;
  kind: string;
}

/** track_actions: the published improvement actions a tracked suggestion led to. */
export interface TrackedActions {
  actions: { id: number; title: string }[];
  /** The citizen may still say whether the action resolved their suggestion. */
  askFeedback: boolean;
}

export interface PublicParticipation {
  servicePoints: number;
  suggestions: number;
}

export interface FoldProgress {
  folded: number;
  pending: number;
}

/** alerts_evaluate: what it queued, or skipped when another instance holds the job's lock. */
export interface AlertsEvaluated {
  alerts?: number;
  summaries?: number;
  notices?: number;
  skipped?: boolean;
}

/** line_link_status: the response of a client key, whether it has a suggestion, and whether it follows in LINE. */
export interface LineLinkStatus {
  reference: string;
  hasSuggestion: boolean;
  linked: boolean;
}

/** purge_expired_contacts: how many were purged, or skipped when another instance holds the job's lock. */
export interface ContactsPurged {
  purged?: number;
  skipped?: boolean;
}
