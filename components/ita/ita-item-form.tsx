import { getTranslations } from 'next-intl/server';
import { SettingsForm } from '@/components/admin/settings-form';
import type { Locale } from '@/i18n/routing';
import { deleteItaItemAction, saveItaItemAction } from '@/lib/ita/actions/save-ita-item-action';
import { ITA_PAGES, type ItaItem } from '@/lib/ita/types';

/** The admin's form for one item of a fiscal year's ITA map (new when `item` is absent), and its removal. */
export async function ItaItemForm({ locale, fiscalYear, item }: { locale: Locale; fiscalYear: number; item?: ItaItem }) {
  const t = await getTranslations({ locale, namespace: 'staff.ita' });
  const hidden = [
    { kind: 'hidden' as const, name: 'locale', value: locale },
    { kind: 'hidden' as const, name: 'fiscalYear', value: String(fiscalYear) },
    ...(item ? [{ kind: 'hidden' as const, name: 'id', value: String(item.id) }] : []),
  ];
  return (
    <>
      <SettingsForm
        submit={item ? t('save') : t('add')}
        action={saveItaItemAction}
        fields={[
          ...hidden,
          { kind: 'text', name: 'code', label: t('code'), value: item?.code, required: true, maxLength: 12 },
          { kind: 'text', name: 'titleTh', label: t('titleTh'), value: item?.rawTitle.th, required: true, maxLength: 300 },
          { kind: 'text', name: 'titleEn', label: t('titleEn'), value: item?.rawTitle.en, maxLength: 300 },
          {
            kind: 'select',
            name: 'page',
            label: t('page'),
            value: item?.page ?? 'participation',
            options: ITA_PAGES.map((p) => ({ value: p, label: t(`pages.${p}`) })),
          },
          { kind: 'number', name: 'position', label: t('position'), value: String(item?.position ?? 0) },
        ]}
      />
      {item && <SettingsForm submit={t('delete')} action={deleteItaItemAction} fields={hidden} />}
    </>
  );
}
