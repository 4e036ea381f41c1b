import { getTranslations } from 'next-intl/server';
import type { Locale } from '@/i18n/routing';
import type { InboxItem } from '@/lib/feedback/types';
import { formatDate, formatDateTime } from '@/lib/format/thai-format';
import { replyState } from '@/lib/feedback/reply-deadline';
import { truncate } from '@/lib/format/text';
import { getPathname } from '@/i18n/navigation';

const EXCERPT = 140;

/**
 * The inbox rows. Citizens' words are rendered as text (React escapes them), never as markup. Each row says when its
 * first public reply is due (the LPA's rule), and marks it overdue, or answered late or in time.
 */
export async function InboxTable({ locale, items, now = new Date() }: { locale: Locale; items: InboxItem[]; now?: Date }) {
  const t = await getTranslations({ locale, namespace: 'staff' });
  const categories = await getTranslations({ locale, namespace: 'more.categories' });
  if (items.length === 0) return <p className="notice">{t('inbox.empty')}</p>;
  return (
    <div className="table-wrap">
      <table className="data">
        <thead>
          <tr>
            <th scope="col">{t('inbox.received')}</th>
            <th scope="col">{t('inbox.reference')}</th>
            <th scope="col">{t('inbox.servicePoint')}</th>
            <th scope="col" className="num">
              {t('inbox.rating')}
            </th>
            <th scope="col">{t('inbox.category')}</th>
            <th scope="col">{t('inbox.status')}</th>
            <th scope="col">{t('inbox.replyDue')}</th>
            <th scope="col">{t('inbox.division')}</th>
            <th scope="col">{t('inbox.text')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => {
            const reply = replyState(item, now);
            return (
              <tr key={item.id} className={reply.kind === 'overdue' ? 'overdue' : undefined}>
                <td>{formatDateTime(item.createdAt, locale)}</td>
                <td>
                  {/* A plain link, a new document: with Link the inbox stays on screen, answerable, until the suggestion
                    arrives, and its filters share labels with the triage form (status, category): a quick change
                    would go to the filter. */}
                  <a href={getPathname({ href: `/staff/feedback/${item.id}`, locale })}>{item.reference}</a>
                </td>
                <td>{item.servicePoint.name}</td>
                <td className="num">{item.rating}</td>
                <td>{categories(item.category)}</td>
                <td>
                  <span className={`badge badge-${item.status}`}>{t(`status.${item.status}`)}</span>
                </td>
                <td>
                  {formatDate(item.dueAt, locale)}
                  {reply.kind === 'overdue' && (
                    <>
                      {' '}
                      · <strong className="badge badge-overdue">{t('inbox.overdue', { days: reply.days })}</strong>
                    </>
                  )}
                  {reply.kind === 'answered' && <> · {t(reply.inTime ? 'inbox.answeredInTime' : 'inbox.answeredLate')}</>}
                </td>
                <td>{item.division?.name ?? t('inbox.unassigned')}</td>
                <td className="excerpt">
                  {truncate(item.body, EXCERPT)}
                  {item.wantsReply && (
                    <>
                      {' '}
                      · <strong>{t('inbox.wantsReply')}</strong>
                    </>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
