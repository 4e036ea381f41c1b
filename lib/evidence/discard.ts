import { requestLog } from '@/lib/log';
import { evidenceStore } from './store';

/**
 * Deletes the stored file of an evidence record that is already gone (removed, or never saved). It runs after the
 * record, so the file can no longer be served (/api/evidence reads the record first); a deletion that fails twice is
 * logged at error level with the id, never thrown: the removal the person asked for has happened, and what is left
 * is a file nothing points at, for the operator to delete (docs/operations.md, "Evidence files").
 */
export async function discardEvidenceFile(id: string): Promise<void> {
  const store = await evidenceStore();
  for (let attempt = 1; attempt <= 2; attempt++) {
    try {
      await store.remove(id);
      return;
    } catch (error) {
      if (attempt === 2)
        (await requestLog()).error({ evidence: id, err: (error as Error).message }, 'evidence file left behind: delete it by hand');
    }
  }
}
