import type { SuggestionStatus } from '@/lib/feedback/inbox-filter';
import type { SuggestionCategory } from '@/lib/responses/options';
import type { StatCell } from '@/lib/stats/types';

type Localized = { th: string; en?: string; my?: string };

export interface ImpactScope {
  code: string;
  enough: boolean;
  before?: StatCell;
  after?: StatCell;
  difference?: number | null;
  margin?: number | null;
  /** Public only: the after period is still open, so no figures are shown yet (app.public_impact). */
  pending?: boolean;
}

export interface Impact {
  windowDays: number;
  minResponses: number;
  before: { from: string; to: string };
  after: { from: string; to: string; complete: boolean };
  scopes: ImpactScope[];
}

/**
 * Whether the "after" side has begun: it starts the day after the action was done, so on that day itself (or with a
 * clock behind) it has no day yet, and its end (today) is before its start. Such a window is shown as "from <start>",
 * never as a range that ends before it begins.
 */
/** The last day of the after period (completion day + the window), when the public sees its figures. */
export function afterPeriodCloses(impact: Pick<Impact, 'after' | 'windowDays'>): string {
  const last = new Date(`${impact.after.from}T00:00:00Z`);
  last.setUTCDate(last.getUTCDate() + impact.windowDays - 1);
  return last.toISOString().slice(0, 10);
}

export function afterWindowStarted(impact: Pick<Impact, 'after'>): boolean {
  return impact.after.to >= impact.after.from; // ISO dates compare as text
}

/** An action as the public sees it (public_actions) and as staff see it (action_detail adds the rest). */
export interface PublicAction {
  id: number;
  title: string;
  description: string | null;
  saidSummary: string | null;
  status: 'planned' | 'in_progress' | 'done' | 'dropped';
  progress: number;
  plannedDate: string | null;
  completedDate: string | null;
  publishedAt: string | null;
  division: { slug: string; name: string };
  servicePoints: { slug: string; name: string }[];
  items: { code: string; text: string | null }[];
  timeline: { on: string; body: string }[];
  evidence: { id: string; kind: 'image' | 'document'; mediaType: string; caption: string | null; isPublic: boolean }[];
  suggestionCategories: Record<string, number>;
  feedback: { yes: number; no: number; notSure: number };
  impact: Impact | null;
}

export interface ActionDetail extends PublicAction {
  version: number;
  published: boolean;
  droppedReason: string | null;
  theme: string | null;
  raw: { title: Localized; description: Partial<Localized>; saidSummary: Partial<Localized>; division: string };
  canEdit: boolean;
  suggestions: { id: number; reference: string; status: SuggestionStatus; category: SuggestionCategory; body: string }[];
  history: { at: string; action: string; entity: string; actor: string | null; after: Record<string, unknown> | null }[];
}

export interface ActionSummary {
  id: number;
  title: string;
  status: PublicAction['status'];
  progress: number;
  division: string;
  published: boolean;
  completedDate: string | null;
  plannedDate: string | null;
  suggestions: number;
}

/** An effect is claimed only when both sides have enough responses and the 95% interval excludes zero. */
export function impactVerdict(scope: ImpactScope): 'pending' | 'not_enough' | 'improved' | 'worse' | 'no_clear_change' {
  if (scope.pending) return 'pending';
  if (!scope.enough || scope.difference == null) return 'not_enough';
  const margin = scope.margin ?? 0;
  if (scope.difference - margin > 0) return 'improved';
  if (scope.difference + margin < 0) return 'worse';
  return 'no_clear_change';
}
