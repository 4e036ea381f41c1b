import { getTranslations } from 'next-intl/server';
import { SettingsForm } from '@/components/admin/settings-form';
import { getPathname } from '@/i18n/navigation';
import type { Locale } from '@/i18n/routing';
import { removeEvidenceAction } from '@/lib/improvements/actions/remove-evidence-action';
import type { ActionDetail } from '@/lib/improvements/types';

/**
 * An evidence item's "remove" control on the staff action page: a link to the confirmation (?removeEvidence=<id>), and
 * there a form that removes it. Two steps with no JavaScript, so a wrong tap never deletes a file; what the
 * confirmation says depends on whether the public can see the file now.
 */
export async function RemoveEvidence({
  locale,
  action,
  evidence,
  confirming,
}: {
  locale: Locale;
  action: ActionDetail;
  evidence: ActionDetail['evidence'][number];
  confirming: boolean;
}) {
  const t = await getTranslations({ locale, namespace: 'staff.actions' });
  // Plain links: the confirmation is a state of the page itself (?removeEvidence=…), the same with or without JavaScript.
  const page = getPathname({ locale, href: `/staff/actions/${action.id}` });
  if (!confirming) {
    return <a href={`${page}?removeEvidence=${evidence.id}#evidence-${evidence.id}`}>{t('removeEvidence')}</a>;
  }
  return (
    <div className="notice notice-error" role="group" aria-label={t('removeEvidenceConfirm')}>
      <p>
        <strong>{t('removeEvidenceConfirm')}</strong>
      </p>
      <p>{action.published && evidence.isPublic ? t('removeEvidencePublic') : t('removeEvidenceHint')}</p>
      <SettingsForm
        submit={t('removeEvidenceYes')}
        action={removeEvidenceAction}
        fields={[
          { kind: 'hidden', name: 'locale', value: locale },
          { kind: 'hidden', name: 'id', value: String(action.id) },
          { kind: 'hidden', name: 'evidence', value: evidence.id },
        ]}
      />
      <p>
        <a href={`${page}#evidence-${evidence.id}`}>{t('cancel')}</a>
      </p>
    </div>
  );
}
