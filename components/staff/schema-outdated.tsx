import { getTranslations } from 'next-intl/server';
import type { Locale } from '@/i18n/routing';
import { upgradeCommand, type SchemaBehind } from '@/lib/db/schema-check';

/** Shown instead of every staff page while the database's schema is older than the code (lib/db/schema-check.ts). */
export async function SchemaOutdated({ locale, behind }: { locale: Locale; behind: SchemaBehind }) {
  const t = await getTranslations({ locale, namespace: 'errors.schemaOutdated' });
  return (
    <main id="main" className="page staff-page">
      <h1>{t('heading')}</h1>
      <p role="alert">{t('body', { count: behind.pending.length })}</p>
      <pre>
        <code>{upgradeCommand(behind.mode)}</code>
      </pre>
      <p>{t('help')}</p>
    </main>
  );
}
