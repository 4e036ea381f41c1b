import type { Transporter } from 'nodemailer';

/**
 * How a notice leaves, by the outbox row's channel. Email is the only channel today. To add LINE: add 'line' to
 * app.notice_channels() and notification_outbox.channel (SQL), and a sender here that takes the same composed
 * message (the LINE helper resolves its own recipient: a LINE user id linked by the citizen or the division).
 */

export interface ComposedNotice {
  to: string[];
  subject: string;
  text: string;
  deliveryId: string;
}

export type NoticeSender = (notice: ComposedNotice) => Promise<void>;

export function noticeSenders(transport: Transporter | null): Record<string, NoticeSender> {
  return {
    email: async (notice) => {
      if (!transport) throw new Error('SMTP is not configured');
      await transport.sendMail({
        to: notice.to,
        subject: notice.subject,
        text: notice.text,
        headers: { 'X-Siang-Delivery': notice.deliveryId },
      });
    },
  };
}
