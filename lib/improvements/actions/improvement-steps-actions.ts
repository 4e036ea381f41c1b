'use server';

import type { SettingsState } from '@/lib/staff/settings-state';
import { localizedFrom } from '@/lib/admin/form-fields';
import { getDb } from '@/lib/db';
import { parseBeDate } from '@/lib/format/be-date';
import { discardEvidenceFile } from '@/lib/evidence/discard';
import { evidenceStore } from '@/lib/evidence/store';
import { prepareEvidence } from '@/lib/evidence/prepare';
import { AdminInputError, runStaffAction } from '@/lib/staff/run-staff-action';

/**
 * The smaller steps on an action's page: a timeline update, evidence, publishing, and resolving the linked
 * suggestions. Each runs as the signed-in staff member; the database decides and audits.
 */

const actionId = (v: Record<string, string>) => {
  if (!/^\d{1,18}$/.test(v.id ?? '')) throw new AdminInputError('id', 'not_found');
  return Number(v.id);
};

export async function addUpdateAction(_previous: SettingsState, formData: FormData): Promise<SettingsState> {
  return runStaffAction(formData, 'actions', async (session, v) => {
    const id = actionId(v);
    const happenedOn = parseBeDate(v.happenedOn); // typed in B.E.
    if (!happenedOn.ok) throw new AdminInputError('happenedOn', happenedOn.code);
    if (!happenedOn.iso) throw new AdminInputError('happenedOn', 'required');
    await (
      await getDb()
    ).rpc('action_add_update', { p_id: id, p_happened_on: happenedOn.iso, p_body: localizedFrom(v, 'update') }, session.caller);
    return `/staff/actions/${id}`;
  });
}

export async function addEvidenceAction(_previous: SettingsState, formData: FormData): Promise<SettingsState> {
  return runStaffAction(formData, 'actions', async (session, v, data) => {
    const id = actionId(v);
    const file = data.get('file');
    const prepared = await prepareEvidence(file instanceof File ? file : null);
    if (!prepared.ok) throw new AdminInputError('file', prepared.code);
    const store = await evidenceStore();
    await store.put(prepared.id, prepared.bytes, prepared.mediaType);
    try {
      await (
        await getDb()
      ).rpc(
        'action_add_evidence',
        {
          p_id: id,
          p_evidence: {
            id: prepared.id,
            kind: prepared.kind,
            mediaType: prepared.mediaType,
            byteSize: prepared.bytes.length,
            sha256: prepared.sha256,
            caption: localizedFrom(v, 'caption'),
            isPublic: v.isPublic === 'on',
          },
        },
        session.caller,
      );
    } catch (error) {
      await discardEvidenceFile(prepared.id); // nothing stored half-way: no file without its record
      throw error;
    }
    return `/staff/actions/${id}`;
  });
}

export async function publishAction(_previous: SettingsState, formData: FormData): Promise<SettingsState> {
  return runStaffAction(formData, 'actions', async (session, v) => {
    const id = actionId(v);
    await (await getDb()).rpc('action_set_published', { p_id: id, p_published: v.publish === '1' }, session.caller);
    return `/staff/actions/${id}`;
  });
}

export async function resolveSuggestionsAction(_previous: SettingsState, formData: FormData): Promise<SettingsState> {
  return runStaffAction(formData, 'actions', async (session, v) => {
    const id = actionId(v);
    // Each suggestion moves to resolved with the one public reply (audited); a citizen who left an email and asked for
    // a reply is told through the outbox (15_notices.sql). The page reloads so the list shows the new statuses.
    const result = await (await getDb()).rpc('action_resolve_suggestions', { p_id: id, p_reply: v.reply ?? '' }, session.caller);
    return `/staff/actions/${id}?resolved=${result.resolved}&skipped=${result.skipped}`;
  });
}
