import { createClient } from '@supabase/supabase-js';
import WebSocket from 'ws';
import { env } from '@/lib/env';

/**
 * Whether Supabase Auth's admin API can be used: SUPABASE_URL and the service-role key are set. In Supabase mode they
 * always are; with DATABASE_URL to a Supabase project (SIANG_DB=postgres) they may be, and then staff accounts are
 * made by Supabase Auth itself rather than written into its tables.
 */
export function supabaseAdminConfigured(): boolean {
  const config = env();
  return Boolean(config.SUPABASE_URL && config.SUPABASE_SERVICE_ROLE_KEY);
}

/** Supabase Auth's admin API with the service-role key: server side only (adding staff accounts). */
export function createSupabaseAdmin() {
  const config = env();
  return createClient(config.SUPABASE_URL!, config.SUPABASE_SERVICE_ROLE_KEY!, {
    auth: { persistSession: false, autoRefreshToken: false },
    realtime: { transport: WebSocket as never },
  }).auth.admin;
}
