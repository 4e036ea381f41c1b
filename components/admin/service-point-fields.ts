import type { FieldSpec } from './settings-form';
import type { AdminSettings } from '@/lib/admin/settings';

type Say = (key: string) => string;

/** The service point form's fields, for adding (create) or editing one. */
export function servicePointFields(
  t: Say,
  locale: string,
  divisions: AdminSettings['divisions'],
  point?: AdminSettings['servicePoints'][number],
): FieldSpec[] {
  return [
    { kind: 'hidden', name: 'locale', value: locale },
    { kind: 'hidden', name: 'create', value: point ? '0' : '1' },
    point
      ? { kind: 'text', name: 'slug', label: t('point.slug'), hint: t('point.slugHint'), value: point.slug, readOnly: true }
      : { kind: 'text', name: 'slug', label: t('point.slug'), hint: t('point.slugHint'), required: true, maxLength: 40 },
    { kind: 'text', name: 'nameTh', label: t('point.nameTh'), value: point?.name.th, required: true, maxLength: 200 },
    { kind: 'text', name: 'nameEn', label: t('point.nameEn'), value: point?.name.en, maxLength: 200 },
    { kind: 'text', name: 'nameMy', label: t('point.nameMy'), value: point?.name.my, maxLength: 200 },
    {
      kind: 'select',
      name: 'division',
      label: t('point.division'),
      value: point?.division,
      options: divisions.map((d) => ({ value: d.slug, label: d.name.th })),
    },
    { kind: 'textarea', name: 'services', label: t('point.services'), value: point?.services.map((s) => s.th).join('\n'), maxLength: 6000 },
    ...(point
      ? [{ kind: 'checkbox' as const, name: 'active', label: t('point.active'), hint: t('point.activeHint'), checked: point.active }]
      : []),
  ];
}
