import { z } from 'zod';
import { parseTrustedProxies, type TrustedProxies } from './http/trusted-proxies';

/**
 * All configuration, read from the environment in this one place and validated. A missing or bad setting stops
 * start-up with a message naming it (never its value: some are secrets). See .env.example for each setting.
 */

const optionalUrl = (protocols: RegExp, hint: string) => z.string().trim().regex(protocols, { message: hint }).optional();

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    SIANG_DB: z.enum(['embedded', 'postgres', 'supabase']).optional(),
    SIANG_DATA_DIR: z.string().trim().min(1).default('.data'),
    DATABASE_URL: optionalUrl(/^postgres(ql)?:\/\/\S+$/, 'must be a postgres:// or postgresql:// connection string'),
    SUPABASE_URL: optionalUrl(/^https?:\/\/\S+$/, 'must be the https:// URL of the Supabase project'),
    SUPABASE_ANON_KEY: z.string().trim().min(20, { message: 'must be the project’s anon (publishable) key' }).optional(),
    SUPABASE_SERVICE_ROLE_KEY: z.string().trim().min(20, { message: 'must be the project’s service-role key' }).optional(),
    SESSION_SECRET: z.string().min(32, { message: 'must be at least 32 random characters (openssl rand -base64 48)' }).optional(),
    SOURCE_HASH_SECRET: z.string().min(32, { message: 'must be at least 32 random characters (openssl rand -base64 48)' }).optional(),
    // Who may name the client's address in X-Forwarded-For (lib/http/trusted-proxies.ts); unset: nobody, the socket's
    // address is the client's. Per-address controls key IPv6 addresses by this prefix length (lib/http/address.ts).
    TRUSTED_PROXIES: z
      .string()
      .optional()
      .transform((value, ctx): TrustedProxies => {
        const parsed = parseTrustedProxies(value);
        if ('error' in parsed) {
          ctx.addIssue({ code: 'custom', message: parsed.error });
          return z.NEVER;
        }
        return parsed;
      }),
    SIANG_IPV6_PREFIX_LENGTH: z.coerce.number().int().min(16).max(128).default(64),
    // Set by server.mjs (never by hand): the process runs behind it, so its socket-address header can be believed.
    SIANG_SERVER: z.literal('server.mjs', { message: 'is set by server.mjs only; remove it from the environment' }).optional(),
    PUBLIC_BASE_URL: optionalUrl(/^https?:\/\/[^\s/]+(\/\S*)?$/, 'must be the public http(s):// address citizens reach'),
    // Submissions a minute from one address before 429 (bursts below it are kept and flagged, not refused).
    SIANG_FLOOD_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(120),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    // Alerts and summaries (lib/alerts): all optional; a channel that is not configured is simply not used.
    SMTP_URL: optionalUrl(/^smtps?:\/\/\S+$/, 'must be an smtp:// or smtps:// URL'),
    SMTP_HOST: z.string().trim().min(1).optional(),
    SMTP_PORT: z.coerce.number().int().min(1).max(65535).optional(),
    SMTP_USER: z.string().optional(),
    SMTP_PASS: z.string().optional(),
    SMTP_SECURE: z.enum(['true', 'false']).optional(),
    SMTP_FROM: z.string().trim().min(3).optional(),
    ALERT_EMAIL_TO: z
      .string()
      .trim()
      .refine((v) => v.split(',').every((a) => /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(a.trim())), {
        message: 'must be a comma-separated list of email addresses',
      })
      .optional(),
    ALERT_WEBHOOK_URL: optionalUrl(/^https?:\/\/\S+$/, 'must be the http(s):// address that receives alerts'),
    ALERT_WEBHOOK_SECRET: z.string().min(16, { message: 'must be at least 16 random characters (openssl rand -base64 32)' }).optional(),
    ALERT_JOB_SECONDS: z.coerce.number().int().min(5).max(3600).default(60),
    // LINE (optional; docs/operations.md says where each comes from in the LINE Developers console). The Messaging
    // API channel: id, secret (verifies X-Line-Signature on the webhook) and a long-lived channel access token.
    LINE_CHANNEL_ID: z
      .string()
      .trim()
      .regex(/^[0-9]{6,20}$/, { message: 'must be the Messaging API channel id (digits)' })
      .optional(),
    LINE_CHANNEL_SECRET: z
      .string()
      .trim()
      .regex(/^[0-9a-f]{32}$/i, { message: 'must be the 32-character channel secret' })
      .optional(),
    LINE_CHANNEL_ACCESS_TOKEN: z.string().trim().min(20, { message: 'must be the channel access token (long-lived)' }).optional(),
    // The LIFF app (on a LINE Login channel of the same provider) that links a citizen who asks to follow in LINE.
    LIFF_ID: z
      .string()
      .trim()
      .regex(/^[0-9]{6,20}-[A-Za-z0-9]{4,20}$/, { message: 'must be a LIFF id such as 1234567890-AbcdEfgh' })
      .optional(),
    // Where staff notices go: LINE group, room or user ids (comma-separated), e.g. the PR officers' group.
    LINE_STAFF_TO: z
      .string()
      .trim()
      .refine((v) => v.split(',').every((id) => /^[UCR][0-9a-f]{32}$/.test(id.trim())), {
        message: 'must be LINE user (U…), group (C…) or room (R…) ids, comma-separated',
      })
      .optional(),
    // Tests only: a local stand-in for LINE's API hosts (api.line.me), and LIFF's mock mode on the follow page.
    LINE_API_BASE_URL: optionalUrl(/^https?:\/\/[^\s/]+\/?$/, 'must be an http(s):// origin'),
    LINE_LIFF_MOCK: z.enum(['true', 'false']).optional(),
    // How often pending responses are folded into the statistics rollups (lib/stats/fold-job.ts).
    STAT_FOLD_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  })
  .superRefine((env, ctx) => {
    const mode = env.SIANG_DB ?? (env.SUPABASE_URL ? 'supabase' : env.DATABASE_URL ? 'postgres' : 'embedded');
    if (!env.SIANG_DB && env.SUPABASE_URL && env.DATABASE_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['SIANG_DB'],
        message: 'both DATABASE_URL and SUPABASE_URL are set: set SIANG_DB=postgres or SIANG_DB=supabase to choose',
      });
    }
    if (mode === 'postgres' && !env.DATABASE_URL) {
      ctx.addIssue({ code: 'custom', path: ['DATABASE_URL'], message: 'is required when SIANG_DB=postgres' });
    }
    if (mode !== 'embedded') {
      // Several app instances may serve one database: they must share these, so they cannot be generated locally.
      for (const name of ['SESSION_SECRET', 'SOURCE_HASH_SECRET'] as const) {
        if (!env[name]) ctx.addIssue({ code: 'custom', path: [name], message: 'is required with a database server' });
      }
    }
    if (env.ALERT_WEBHOOK_URL && !env.ALERT_WEBHOOK_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['ALERT_WEBHOOK_SECRET'],
        message: 'is required with ALERT_WEBHOOK_URL (receivers verify the signature)',
      });
    }
    if (env.SMTP_URL && env.SMTP_HOST) {
      ctx.addIssue({ code: 'custom', path: ['SMTP_HOST'], message: 'set either SMTP_URL or SMTP_HOST, not both' });
    }
    // LINE: nothing, or the whole Messaging API channel; LIFF and staff chats only on top of it.
    const line = ['LINE_CHANNEL_ID', 'LINE_CHANNEL_SECRET', 'LINE_CHANNEL_ACCESS_TOKEN'] as const;
    const lineWanted = line.some((name) => env[name]) || env.LIFF_ID || env.LINE_STAFF_TO;
    if (lineWanted) {
      for (const name of line) {
        if (!env[name])
          ctx.addIssue({
            code: 'custom',
            path: [name],
            message: 'is required when LINE is configured (LINE_CHANNEL_ID, LINE_CHANNEL_SECRET and LINE_CHANNEL_ACCESS_TOKEN go together)',
          });
      }
    }
    if (mode === 'supabase') {
      for (const name of ['SUPABASE_URL', 'SUPABASE_ANON_KEY', 'SUPABASE_SERVICE_ROLE_KEY'] as const) {
        if (!env[name]) ctx.addIssue({ code: 'custom', path: [name], message: 'is required in Supabase mode' });
      }
    }
  });

export type Env = z.infer<typeof schema> & { dbMode: 'embedded' | 'postgres' | 'supabase' };

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Siang cannot start; fix these settings:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  // An empty variable means "not set", as in most deployment tools.
  const present = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const result = schema.safeParse(present);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((issue) => `${issue.path.join('.') || 'environment'} ${issue.message}`));
  }
  const env = result.data;
  const dbMode = env.SIANG_DB ?? (env.SUPABASE_URL ? 'supabase' : env.DATABASE_URL ? 'postgres' : 'embedded');
  return { ...env, dbMode };
}

let cached: Env | undefined;

/** The validated configuration of this process (parsed once). */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
