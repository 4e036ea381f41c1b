import type { Locale } from '@/i18n/routing';
import type { ReportSignatories } from '@/lib/report/load-report';
import type { ReportFormat } from '@/lib/report/report-format';
import type { ReportTexts } from './report-texts';

const BLANK = '…………………………………………';

/**
 * The signature block, in the official layout: "ลงชื่อ ……… / (name) / ตำแหน่ง … / ผู้จัดทำรายงาน", for the preparer
 * and the approver named in the settings. A name or position not set prints as a dotted line to write on by hand.
 */
export function ReportSignatures({
  locale,
  signatories,
  t,
  f,
}: {
  locale: Locale;
  signatories: ReportSignatories;
  t: ReportTexts;
  f: ReportFormat;
}) {
  const text = (texts?: { th?: string; en?: string }) => (locale === 'th' ? texts?.th : (texts?.en ?? texts?.th));
  return (
    <section className="report-signatures" aria-label={t.r('signatures')}>
      {(['preparer', 'approver'] as const).map((role) => {
        const name = text(signatories[role]?.name);
        const position = text(signatories[role]?.position);
        return (
          <div key={role} className="report-signature" data-role={role}>
            <p>
              {t.r('signed')} {BLANK}
            </p>
            <p>({name ? f.text(name) : BLANK})</p>
            <p>{t.r('positionLine', { position: position ? f.text(position) : BLANK })}</p>
            <p className="report-signature-role">{t.r(role)}</p>
          </div>
        );
      })}
    </section>
  );
}
