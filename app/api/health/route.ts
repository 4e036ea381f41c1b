import { NextResponse } from 'next/server';
import { getDb } from '@/lib/db';

/**
 * GET /api/health for a load balancer or uptime monitor: 200 when the database answers and no migration is
 * pending, 503 otherwise. It says nothing about the data.
 */
export async function GET() {
  try {
    const db = await getDb();
    const state = await db.migrationState();
    const ok = state.pending.length === 0;
    return NextResponse.json(
      { status: ok ? 'ok' : 'migrations_pending', database: { mode: db.mode, reachable: true }, migrations: state },
      { status: ok ? 200 : 503, headers: { 'cache-control': 'no-store' } },
    );
  } catch (error) {
    return NextResponse.json(
      { status: 'unavailable', database: { reachable: false, error: (error as Error).name } },
      { status: 503, headers: { 'cache-control': 'no-store' } },
    );
  }
}
