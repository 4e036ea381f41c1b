'use client';

import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useRouter } from 'next/navigation';
import { useSurveySubmit } from './use-survey-submit';

/**
 * The one-tap form's only client code. Without JavaScript (or before hydration) the faces post the form to the server
 * action. With it, a tap goes to /api/responses; with no signal it waits on the phone (localStorage), the citizen is
 * told so right beside the faces, and it is sent once when the signal returns (the client key makes a resend the same
 * response). Anything the API refuses goes through the server action instead, which answers with a localised error.
 */
export function TapForm({
  action,
  offlineSaved,
  children,
}: {
  action: (formData: FormData) => Promise<void>;
  /** "Saved on your phone, sent when the signal returns", already translated. */
  offlineSaved: string;
  children: ReactNode;
}) {
  const router = useRouter();
  const form = useRef<HTMLFormElement>(null);
  const bypass = useRef(false);
  const [waiting, setWaiting] = useState(false);
  const notice = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (waiting) notice.current?.scrollIntoView({ block: 'center' }); // where the citizen is looking, not below the faces
  }, [waiting]);

  // The key the server answered with: a tap that could not continue the page's key was stored under a new one.
  const moreUrl = (payload: Record<string, unknown>, reference: string, clientKey: string) => {
    const query = new URLSearchParams({ k: clientKey, r: String(payload.overallRating), ref: reference });
    if (payload.channel === 'web') query.set('via', 'web');
    return `/${String(payload.locale)}/s/${String(payload.servicePoint)}/more?${query}`;
  };
  const { submit } = useSurveySubmit(({ reference, clientKey, payload }) => router.push(moreUrl(payload, reference, clientKey)));

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    if (bypass.current) return; // the server action's own submission: let React run it
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const data = new FormData(event.currentTarget, submitter);
    // Only the submission's own fields: the form also carries React's hidden server-action fields.
    const field = (name: string) => String(data.get(name) ?? '');
    const payload = {
      clientKey: field('clientKey'),
      receipt: field('receipt'),
      servicePoint: field('servicePoint'),
      locale: field('locale'),
      channel: field('channel'),
      overallRating: Number(field('overallRating')),
    };
    const result = await submit(payload);
    if (result.kind === 'sent') router.push(moreUrl(payload, result.reference, result.clientKey));
    else if (result.kind === 'queued') setWaiting(true);
    else {
      bypass.current = true;
      form.current?.requestSubmit(submitter ?? undefined);
    }
  };

  return (
    <form action={action} onSubmit={onSubmit} ref={form}>
      {waiting && (
        <p className="notice notice-ok" role="status" ref={notice}>
          {offlineSaved}
        </p>
      )}
      {children}
    </form>
  );
}
