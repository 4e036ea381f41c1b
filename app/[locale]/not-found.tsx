import { getLocale, getTranslations } from 'next-intl/server';
import { PageShell } from '@/components/ui/page-shell';
import { localePath } from '@/i18n/paths';

export default async function NotFound() {
  const locale = await getLocale();
  const t = await getTranslations('notFound');
  return (
    <PageShell locale={locale} path="/">
      <h1>{t('heading')}</h1>
      <p>{t('body')}</p>
      <p>
        <a className="button button-secondary" href={localePath({ href: '/', locale })}>
          {t('home')}
        </a>
      </p>
    </PageShell>
  );
}
