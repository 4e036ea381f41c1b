'use client';

import { LIMITS } from '@/lib/responses/options';
import type { SectionProps } from './section-props';

/**
 * PDPA: contact details only behind a separate consent box, never pre-ticked, with the notice (purpose, that it is
 * optional, what is kept and for how long, who sees it, the controller, the citizen's rights) right beside it.
 * The fields stay hidden until the box is ticked (CSS :has(), so it also works without JavaScript).
 */
export function ContactSection({ definition, labels, values, register, errorFor }: SectionProps) {
  const consentError = errorFor('contactConsent');
  const field = (name: 'contactName' | 'contactPhone' | 'contactEmail', label: string, type: string, max: number, autoComplete: string) => {
    const error = errorFor(name);
    return (
      <div className="field">
        <label htmlFor={name}>{label}</label>
        <input
          id={name}
          type={type}
          maxLength={max}
          autoComplete={autoComplete}
          inputMode={type === 'tel' ? 'tel' : undefined}
          defaultValue={values[name]}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${name}-error` : undefined}
          {...register(name)}
        />
        {error && (
          <span id={`${name}-error`} className="field-error">
            {error}
          </span>
        )}
      </div>
    );
  };

  return (
    <fieldset className="form-section contact">
      <legend>{labels.contactHeading}</legend>
      <p className="hint muted">{labels.contactOptional}</p>
      <div className="pdpa" id="pdpa-notice">
        <strong>{labels.pdpaTitle}</strong>
        <ul>
          <li>{labels.pdpaPurpose}</li>
          <li>{labels.pdpaOptional}</li>
          <li>{labels.pdpaWhat}</li>
          <li>{labels.pdpaRetention}</li>
          <li>{labels.pdpaWho}</li>
          <li>{labels.pdpaRights}</li>
          {definition.pdpaController && <li>{definition.pdpaController}</li>}
        </ul>
      </div>
      <div className="field">
        <label className="check">
          <input
            type="checkbox"
            defaultChecked={values.contactConsent}
            aria-describedby={`pdpa-notice${consentError ? ' contactConsent-error' : ''}`}
            aria-invalid={consentError ? true : undefined}
            {...register('contactConsent')}
          />
          <span>{labels.contactConsent}</span>
        </label>
        {consentError && (
          <span id="contactConsent-error" className="field-error">
            {consentError}
          </span>
        )}
      </div>
      <div className="contact-fields">
        {field('contactName', labels.name, 'text', LIMITS.contactName, 'name')}
        <p className="hint muted">{labels.phoneOrEmail}</p>
        {field('contactPhone', labels.phone, 'tel', LIMITS.phone, 'tel')}
        {field('contactEmail', labels.email, 'email', LIMITS.email, 'email')}
      </div>
    </fieldset>
  );
}
