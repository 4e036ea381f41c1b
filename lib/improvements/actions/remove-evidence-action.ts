'use server';

import { getTranslations } from 'next-intl/server';
import { getDb } from '@/lib/db';
import { discardEvidenceFile } from '@/lib/evidence/discard';
import { runStaffAction } from '@/lib/staff/run-staff-action';
import type { SettingsState } from '@/lib/staff/settings-state';

const EVIDENCE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Removes one evidence file of an action (a wrong photo, or one showing a citizen's face), after the confirmation step
 * on the action's page. The record goes first: the database decides who may (as for adding) and audits it, and from
 * then on /api/evidence/{id} answers 404 to everyone, since it serves only files that have a record. The stored file
 * is deleted after; if that fails, it is a file nothing serves, logged by id (lib/evidence/discard.ts).
 */
export async function removeEvidenceAction(_previous: SettingsState, formData: FormData): Promise<SettingsState> {
  return runStaffAction(formData, 'actions', async (session, v, _data, locale) => {
    const t = await getTranslations({ locale, namespace: 'staff.actions' });
    if (!/^\d{1,18}$/.test(v.id ?? '') || !EVIDENCE_ID.test(v.evidence ?? '')) return { error: t('errors.not_found') };
    const removed = await (await getDb()).rpc('action_remove_evidence', { p_evidence: v.evidence! }, session.caller);
    if (!removed) return { error: t('evidenceAlreadyRemoved') };
    await discardEvidenceFile(v.evidence!);
    return `/staff/actions/${v.id}?evidenceRemoved=1`;
  });
}
