import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { LineFollow } from '@/components/line/line-follow';
import { PageShell } from '@/components/ui/page-shell';
import { asLocale } from '@/i18n/page-locale';
import { getDb, serviceRole } from '@/lib/db';
import { env } from '@/lib/env';
import { unlinkLineAction } from '@/lib/line/actions/unlink-action';
import { lineConfigFrom } from '@/lib/line/line-config';
import { receiptForClientKey } from '@/lib/responses/receipt';
import { isClientKey } from '@/lib/responses/response-identity';
import { localePath } from '@/i18n/paths';

type Props = { params: Promise<{ locale: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getTranslations({ locale: asLocale((await params).locale), namespace: 'line.follow' });
  return { title: t('metaTitle'), robots: { index: false } };
}

/**
 * "Follow this in LINE", reached from the receipt only. The consent is separate and never pre-ticked; the LIFF SDK
 * loads here, on the citizen's tap, and never on the survey. Erasing the link is a plain form.
 */
export default async function LineFollowPage({ params, searchParams }: Props) {
  const locale = asLocale((await params).locale);
  const query = await searchParams;
  const t = await getTranslations({ locale, namespace: 'line.follow' });
  const config = lineConfigFrom(env());
  const key = isClientKey(query.k) ? query.k.toLowerCase() : undefined;
  // Only the browser that holds the response's receipt sees its link (the key alone is in URLs others may see).
  const receipt = config?.liffId && key ? await receiptForClientKey(key) : undefined;
  const status =
    key && receipt ? await (await getDb()).rpc('line_link_status', { p_client_key: key, p_receipt: receipt }, serviceRole) : null;
  const path = `/line/follow${key ? `?k=${key}` : ''}`;

  return (
    <PageShell locale={locale} path={path}>
      <h1>{t('heading')}</h1>
      {!config?.liffId || !key || !status ? (
        <p>{t('unavailable')}</p>
      ) : !status.hasSuggestion ? (
        <p>{t('noSuggestion')}</p>
      ) : (
        <>
          {query.unlinked === '1' && (
            <p className="notice notice-ok" role="status">
              {t('unlinked')}
            </p>
          )}
          <p>{t('intro', { reference: status.reference })}</p>
          {status.linked ? (
            <>
              <p className="notice notice-ok" role="status">
                {t('linked', { reference: status.reference })}
              </p>
              <form action={unlinkLineAction}>
                <input type="hidden" name="locale" value={locale} />
                <input type="hidden" name="k" value={key} />
                <p>{t('unlinkHint')}</p>
                <button type="submit" className="button button-secondary">
                  {t('unlink')}
                </button>
              </form>
            </>
          ) : (
            <LineFollow
              liffId={config.liffId}
              mock={config.liffMock}
              clientKey={key}
              locale={locale}
              labels={{
                notice: t('notice'),
                consent: t('consent'),
                submit: t('submit'),
                working: t('working'),
                failed: t('failed'),
                consentRequired: t('consentRequired'),
                needsJs: t('needsJs'),
                linked: t('linked', { reference: status.reference }),
              }}
            />
          )}
          <p>
            <a href={localePath({ href: `/track/${status.reference}`, locale })}>{t('back')}</a>
          </p>
        </>
      )}
    </PageShell>
  );
}
