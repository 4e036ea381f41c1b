'use client';

import { useActionState } from 'react';
import type { SettingsState } from '@/lib/staff/settings-state';

/**
 * The survey draft editor: the overall question in every language, which respondent questions are asked, and the
 * items (code, dimension, texts in th/en/my), with blank rows to add items and a box to remove one. A plain form (works
 * without JavaScript); a refused save keeps everything typed and shows each error beside its field.
 */

export interface DraftFormLabels {
  overallTh: string;
  overallEn: string;
  overallMy: string;
  respondentLegend: string;
  itemLegend: string;
  newItemLegend: string;
  code: string;
  codeHint: string;
  dimension: string;
  textTh: string;
  textEn: string;
  textMy: string;
  remove: string;
  save: string;
  answers: string;
}

export interface DraftFormRow {
  code: string;
  dimension: string;
  th: string;
  en: string;
  my: string;
  answers?: number;
}

export function SurveyDraftForm({
  locale,
  versionNo,
  overall,
  respondent,
  rows,
  dimensions,
  labels,
  action,
}: {
  locale: string;
  versionNo: number;
  overall: { th: string; en: string; my: string };
  respondent: { key: string; label: string; asked: boolean }[];
  rows: DraftFormRow[];
  dimensions: { value: string; label: string }[];
  labels: DraftFormLabels;
  action: (state: SettingsState, data: FormData) => Promise<SettingsState>;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  const value = (name: string, fallback: string) => state.values?.[name] ?? fallback;
  const error = (name: string) => state.fieldErrors?.[name];
  const text = (name: string, label: string, fallback: string, maxLength = 300) => (
    <div className="field" key={name}>
      <label htmlFor={`f-${name}`}>{label}</label>
      <input
        id={`f-${name}`}
        name={name}
        type="text"
        maxLength={maxLength}
        defaultValue={value(name, fallback)}
        aria-invalid={error(name) ? true : undefined}
        aria-describedby={error(name) ? `f-${name}-error` : undefined}
      />
      {error(name) && (
        <span id={`f-${name}-error`} className="field-error">
          {error(name)}
        </span>
      )}
    </div>
  );

  return (
    <form action={formAction} className="survey-draft">
      <input type="hidden" name="locale" value={locale} />
      <input type="hidden" name="versionNo" value={versionNo} />
      <input type="hidden" name="rows" value={rows.length} />
      {state.error && (
        <p className="notice notice-error" role="alert">
          {state.error}
        </p>
      )}
      {error('_form') && (
        <p className="notice notice-error" role="alert">
          {error('_form')}
        </p>
      )}

      {text('overallTh', labels.overallTh, overall.th)}
      {text('overallEn', labels.overallEn, overall.en)}
      {text('overallMy', labels.overallMy, overall.my)}

      <fieldset className="form-section">
        <legend>{labels.respondentLegend}</legend>
        {respondent.map((q) => (
          <label className="check" key={q.key}>
            <input type="checkbox" name={`rq_${q.key}`} defaultChecked={state.values ? state.values[`rq_${q.key}`] === 'on' : q.asked} />
            <span>{q.label}</span>
          </label>
        ))}
      </fieldset>

      {rows.map((row, i) => (
        <fieldset className="form-section" key={i}>
          <legend>{(row.code ? labels.itemLegend : labels.newItemLegend).replace('{n}', String(i + 1))}</legend>
          {row.answers !== undefined && row.answers > 0 && (
            <p className="muted">
              {row.answers} {labels.answers}
            </p>
          )}
          {text(`item${i}Code`, labels.code, row.code, 40)}
          {i === 0 && <p className="hint">{labels.codeHint}</p>}
          <div className="field">
            <label htmlFor={`f-item${i}Dimension`}>{labels.dimension}</label>
            <select
              id={`f-item${i}Dimension`}
              name={`item${i}Dimension`}
              defaultValue={value(`item${i}Dimension`, row.dimension)}
              aria-invalid={error(`item${i}Dimension`) ? true : undefined}
            >
              {dimensions.map((d) => (
                <option key={d.value} value={d.value}>
                  {d.label}
                </option>
              ))}
            </select>
            {error(`item${i}Dimension`) && <span className="field-error">{error(`item${i}Dimension`)}</span>}
          </div>
          {text(`item${i}Th`, labels.textTh, row.th)}
          {text(`item${i}En`, labels.textEn, row.en)}
          {text(`item${i}My`, labels.textMy, row.my)}
          {row.code && (
            <label className="check">
              <input type="checkbox" name={`item${i}Remove`} defaultChecked={state.values?.[`item${i}Remove`] === 'on'} />
              <span>{labels.remove}</span>
            </label>
          )}
        </fieldset>
      ))}
      <button type="submit" className="button" disabled={pending}>
        {labels.save}
      </button>
    </form>
  );
}
