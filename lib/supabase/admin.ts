import { createClient } from '@supabase/supabase-js';
import WebSocket from 'ws';
import { env } from '@/lib/env';

/** Supabase Auth's admin API with the service-role key: server side only (adding staff accounts). */
export function createSupabaseAdmin() {
  const config = env();
  return createClient(config.SUPABASE_URL!, config.SUPABASE_SERVICE_ROLE_KEY!, {
    auth: { persistSession: false, autoRefreshToken: false },
    realtime: { transport: WebSocket as never },
  }).auth.admin;
}
