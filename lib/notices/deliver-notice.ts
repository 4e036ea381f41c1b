import type { Transporter } from 'nodemailer';
import type { AlertConfig } from '@/lib/alerts/alert-config';
import type { OutboxRow } from '@/lib/alerts/deliver';
import { anon, serviceRole, type Db } from '@/lib/db';
import { textIn } from '@/lib/format/localized-text';
import { log } from '@/lib/log';
import { composeResolved, composeRouted } from './compose';
import { noticeSenders } from './channels';
import type { ResolvedPayload, RoutedPayload } from './types';

/**
 * Send one claimed routing or resolution notice. Throws with a short reason on failure (the job records it and
 * retries with backoff). A resolution whose citizen's contact was erased before sending has no one to go to: it is
 * finished without a message, which is what the citizen asked for by erasing it.
 */
export async function deliverNotice(row: OutboxRow, config: AlertConfig, transport: Transporter | null, db: Db): Promise<void> {
  const send = noticeSenders(transport)[row.channel];
  if (!send) throw new Error(`no sender for the ${row.channel} channel`);
  if (row.kind === 'routed') {
    const recipients = row.recipients ?? [];
    if (recipients.length === 0) throw new Error('no recipient: set the division’s email on the admin page');
    const { subject, text } = composeRouted(row.payload as RoutedPayload, config.baseUrl);
    await send({ to: recipients, subject, text, deliveryId: row.dedupe_key });
    return;
  }
  const notice = await db.rpc('notification_citizen_notice', { p_id: row.id }, serviceRole);
  if (!notice) {
    log.info(
      { job: 'alerts', id: row.id, suggestion: (row.payload as ResolvedPayload).suggestionId },
      'contact erased before the notice was sent; nothing sent',
    );
    return;
  }
  const display = await db.rpc('display_settings', {}, anon);
  const organisation = textIn(display.name, notice.locale);
  const { subject, text } = composeResolved(notice, organisation, config.baseUrl);
  await send({ to: [notice.email], subject, text, deliveryId: row.dedupe_key });
}
