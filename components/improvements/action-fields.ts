import type { FieldSpec } from '@/components/admin/settings-form';
import type { BeDateText } from '@/components/ui/be-date-input';
import type { StaffOptions } from '@/lib/feedback/types';
import type { ActionDetail } from '@/lib/improvements/types';

type Say = (key: string) => string;

/** The improvement action form: new (with what it came from) or editing an existing one. */
export function actionFields(
  t: Say,
  locale: string,
  options: StaffOptions & { items: { code: string; text: string }[] },
  dates: BeDateText,
  action?: ActionDetail,
  origin: {
    suggestion?: number;
    item?: string;
    theme?: string;
    division?: string;
    title?: string;
    said?: string;
    servicePoint?: string;
  } = {},
): FieldSpec[] {
  const raw = action?.raw;
  return [
    { kind: 'hidden', name: 'locale', value: locale },
    ...(action
      ? [
          { kind: 'hidden' as const, name: 'id', value: String(action.id) },
          { kind: 'hidden' as const, name: 'version', value: String(action.version) },
        ]
      : []),
    ...(origin.suggestion ? [{ kind: 'hidden' as const, name: 'suggestions', value: String(origin.suggestion) }] : []),
    ...(origin.theme ? [{ kind: 'hidden' as const, name: 'theme', value: origin.theme }] : []),
    { kind: 'text', name: 'titleTh', label: t('titleTh'), value: raw?.title.th ?? origin.title, required: true, maxLength: 200 },
    { kind: 'text', name: 'titleEn', label: t('titleEn'), value: raw?.title.en, maxLength: 200 },
    {
      kind: 'textarea',
      name: 'saidTh',
      label: t('saidTh'),
      hint: t('saidHint'),
      value: raw?.saidSummary.th ?? origin.said,
      maxLength: 2000,
    },
    { kind: 'textarea', name: 'saidEn', label: t('saidEn'), value: raw?.saidSummary.en, maxLength: 2000 },
    { kind: 'textarea', name: 'descriptionTh', label: t('descriptionTh'), value: raw?.description.th, maxLength: 4000 },
    { kind: 'textarea', name: 'descriptionEn', label: t('descriptionEn'), value: raw?.description.en, maxLength: 4000 },
    {
      kind: 'select',
      name: 'division',
      label: t('division'),
      value: raw?.division ?? origin.division,
      options: options.divisions.map((d) => ({ value: d.slug, label: d.name })),
    },
    {
      kind: 'checkboxes',
      name: 'servicePoints',
      label: t('servicePoints'),
      values: action ? action.servicePoints.map((p) => p.slug) : origin.servicePoint ? [origin.servicePoint] : [],
      options: options.servicePoints.filter((p) => p.active).map((p) => ({ value: p.slug, label: p.name })),
    },
    {
      kind: 'checkboxes',
      name: 'items',
      label: t('items'),
      values: action ? action.items.map((i) => i.code) : origin.item ? [origin.item] : [],
      options: options.items.map((i) => ({ value: i.code, label: i.text })),
    },
    {
      kind: 'select',
      name: 'status',
      label: t('status'),
      value: action?.status ?? 'planned',
      options: ['planned', 'in_progress', 'done', 'dropped'].map((s) => ({ value: s, label: t(`statuses.${s}`) })),
    },
    { kind: 'number', name: 'progress', label: t('progress'), value: String(action?.progress ?? 0) },
    { kind: 'date', name: 'plannedDate', label: t('plannedDate'), value: action?.plannedDate ?? '', dateText: dates },
    { kind: 'date', name: 'completedDate', label: t('completedDate'), value: action?.completedDate ?? '', dateText: dates },
    { kind: 'textarea', name: 'droppedReason', label: t('droppedReason'), value: action?.droppedReason ?? '', maxLength: 1000 },
  ];
}
