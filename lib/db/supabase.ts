import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import WebSocket from 'ws';
import { DbError, DbUnavailableError } from './errors';
import { listMigrations } from './migrate';
import type { Caller, Db } from './types';

/**
 * The Supabase transport: the same functions, called through PostgREST with supabase-js. The anon key acts as anon,
 * the service-role key (server only) as service_role, and a staff member's own access token as that user, so
 * PostgREST sets the role and claims itself. Migrations are applied with `supabase db push`, not by the app; the app
 * compares what the database has (public.applied_migrations) with its own supabase/migrations.
 */

/** The migration that added public.applied_migrations(). */
const APPLIED_MIGRATIONS_SINCE = '20261206010200';

export interface SupabaseOptions {
  url: string;
  anonKey: string;
  serviceRoleKey: string;
}

function client(url: string, key: string, accessToken?: string): SupabaseClient {
  return createClient(url, key, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    // supabase-js ≥ 2.110 on Node 20 needs a WebSocket implementation even if realtime is never used.
    realtime: { transport: WebSocket as never },
    global: accessToken ? { headers: { Authorization: `Bearer ${accessToken}` } } : undefined,
  });
}

export function openSupabase(options: SupabaseOptions): Db {
  const anonClient = client(options.url, options.anonKey);
  const serviceClient = client(options.url, options.serviceRoleKey);

  function clientFor(caller: Caller): SupabaseClient {
    if (caller.role === 'anon') return anonClient;
    if (caller.role === 'service_role') return serviceClient;
    if (!caller.accessToken) throw new Error('A signed-in Supabase caller needs its access token');
    return client(options.url, options.anonKey, caller.accessToken);
  }

  return {
    mode: 'supabase',
    async rpc<T>(fn: string, args: Record<string, unknown>, caller: Caller): Promise<T> {
      let response;
      try {
        response = await clientFor(caller).rpc(fn, args);
      } catch (error) {
        throw new DbUnavailableError(`Supabase is unreachable: ${(error as Error).message}`, error);
      }
      if (response.error) {
        const { code, message, details, hint } = response.error;
        if (!code || (response.status >= 500 && !/^[0-9A-Z]{5}$/.test(code))) {
          throw new DbUnavailableError(`Supabase answered ${response.status}: ${message}`);
        }
        throw new DbError(code, message, details ?? undefined, hint ?? undefined);
      }
      return response.data as T;
    },
    async migrationState() {
      // The CLI applies migrations on Supabase (db push); the database says which it has, through the service role.
      const { data, error, status } = await serviceClient.rpc('applied_migrations');
      const files = listMigrations().map((m) => m.version);
      if (error?.code === 'PGRST202') {
        // A database from before the function existed: at least its own migration, and all after it, are pending.
        return { applied: [], pending: files.filter((v) => v >= APPLIED_MIGRATIONS_SINCE) };
      }
      if (error) throw new DbUnavailableError(`Supabase API check failed (${status}): ${error.message}`);
      const applied = (data as string[] | null) ?? [];
      return { applied, pending: files.filter((v) => !applied.includes(v)) };
    },
    async close() {
      await Promise.allSettled([anonClient.removeAllChannels(), serviceClient.removeAllChannels()]);
    },
  };
}
