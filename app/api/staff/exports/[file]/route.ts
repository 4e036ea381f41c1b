import { NextResponse } from 'next/server';
import { getTranslations } from 'next-intl/server';
import { currentStaff } from '@/lib/auth/current-staff';
import { getDb, isDbUnavailable, isPermissionDenied, isRefusal } from '@/lib/db';
import { responseColumns, tableRows } from '@/lib/exports/columns';
import { exportFileName } from '@/lib/exports/file-name';
import { responsesCsv, responsesXlsx, rowsCsv, rowsXlsx } from '@/lib/exports/streams';
import { negotiateLocale } from '@/lib/http/locale';
import { withFileSecurityHeaders } from '@/lib/http/security-headers';
import { parseStatsFilter } from '@/lib/stats/filter';
import { loadSatisfactionStats } from '@/lib/stats/load-stats';

const FILES = ['responses.csv', 'responses.xlsx', 'tables.csv', 'tables.xlsx'] as const;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * GET /api/staff/exports/{responses|tables}.{csv|xlsx}?fiscalYear=…&round=…&from=…&to=…&division=…&servicePoint=…
 * Staff only; what each may export is what RLS lets them read. Responses counted in the statistics (flagged ones only
 * with includeFlagged=1), never contact details; the tables are the dashboard's, from the same satisfaction_stats.
 */
export const GET = withFileSecurityHeaders(async (request: Request, { params }: { params: Promise<{ file: string }> }) => {
  const url = new URL(request.url);
  const locale = negotiateLocale(request, url.searchParams.get('locale'));
  const t = await getTranslations({ locale, namespace: 'staff.exports' });
  const { file } = await params;
  if (!(FILES as readonly string[]).includes(file))
    return NextResponse.json({ error: 'not_found', message: t('unknown') }, { status: 404 });
  const session = await currentStaff(locale);
  if (!session) return NextResponse.json({ error: 'unauthorized', message: t('forbidden') }, { status: 401 });

  const search = Object.fromEntries([...url.searchParams].filter(([key]) => !['locale', 'includeFlagged'].includes(key)));
  const parsed = parseStatsFilter(search);
  if (!parsed.success) return NextResponse.json({ error: 'invalid_filter', message: t('invalid'), fields: parsed.errors }, { status: 400 });

  try {
    const db = await getDb();
    const stats = await loadSatisfactionStats(db, session.caller, parsed.filter, locale);
    const name = exportFileName(file.split('.')[0]!, stats.filter);
    const headers = (type: string, extension: string) => ({
      'content-type': type,
      'content-disposition': `attachment; filename="${name}.${extension}"`,
      'cache-control': 'no-store',
    });
    if (file.startsWith('tables')) {
      const rows = await tableRows(locale, stats);
      return file.endsWith('.csv')
        ? new Response(rowsCsv(rows), { headers: headers('text/csv; charset=utf-8', 'csv') })
        : new Response(await rowsXlsx(rows, t('sheetTables')), { headers: headers(XLSX, 'xlsx') });
    }
    const filter = {
      from: stats.filter.from,
      to: stats.filter.to,
      division: parsed.filter.division,
      servicePoint: parsed.filter.servicePoint,
      channel: parsed.filter.channel,
      includeFlagged: url.searchParams.get('includeFlagged') === '1',
    };
    const columns = await responseColumns(locale, stats);
    return file.endsWith('.csv')
      ? new Response(responsesCsv(db, session.caller, filter, columns), { headers: headers('text/csv; charset=utf-8', 'csv') })
      : new Response(responsesXlsx(db, session.caller, filter, columns, t('sheetResponses')), { headers: headers(XLSX, 'xlsx') });
  } catch (error) {
    if (isRefusal(error)) return NextResponse.json({ error: 'invalid_filter', message: t('invalid') }, { status: 400 });
    if (isPermissionDenied(error)) return NextResponse.json({ error: 'forbidden', message: t('forbidden') }, { status: 403 });
    return NextResponse.json({ error: isDbUnavailable(error) ? 'unavailable' : 'generic', message: t('invalid') }, { status: 503 });
  }
});
