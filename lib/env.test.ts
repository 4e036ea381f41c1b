import { describe, expect, it } from 'vitest';
import { ConfigError, parseEnv } from './env';

describe('configuration', () => {
  it('runs on the embedded database with no settings at all', () => {
    expect(parseEnv({})).toMatchObject({ dbMode: 'embedded', SIANG_DATA_DIR: '.data', LOG_LEVEL: 'info' });
  });

  it('chooses PostgreSQL or Supabase from what is set, and treats empty values as unset', () => {
    const secrets = { SESSION_SECRET: 'x'.repeat(32), SOURCE_HASH_SECRET: 'y'.repeat(32) };
    expect(parseEnv({ DATABASE_URL: 'postgres://u@localhost/db', ...secrets }).dbMode).toBe('postgres');
    expect(parseEnv({ DATABASE_URL: '' }).dbMode).toBe('embedded');
    const supabase = {
      ...secrets,
      SUPABASE_URL: 'https://x.supabase.co',
      SUPABASE_ANON_KEY: 'a'.repeat(40),
      SUPABASE_SERVICE_ROLE_KEY: 's'.repeat(40),
    };
    expect(parseEnv(supabase).dbMode).toBe('supabase');
  });

  it('stops with the names of the bad settings, never their values', () => {
    try {
      parseEnv({ DATABASE_URL: 'mysql://secret-password@host', SUPABASE_URL: 'https://x.supabase.co' });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as Error).message;
      expect(message).toContain('DATABASE_URL');
      expect(message).toContain('SUPABASE_ANON_KEY');
      expect(message).toContain('SESSION_SECRET');
      expect(message).not.toContain('secret-password');
    }
  });

  it('takes the flood rate as a whole number of submissions a minute, and refuses anything else', () => {
    expect(parseEnv({}).SIANG_FLOOD_PER_MINUTE).toBe(120);
    expect(parseEnv({ SIANG_FLOOD_PER_MINUTE: '600' }).SIANG_FLOOD_PER_MINUTE).toBe(600);
    for (const bad of ['abc', '0', '-5', '2.5']) {
      expect(() => parseEnv({ SIANG_FLOOD_PER_MINUTE: bad }), bad).toThrow(/SIANG_FLOOD_PER_MINUTE/);
    }
  });

  it('takes the statistics fold interval in whole seconds from 1 to 3600', () => {
    expect(parseEnv({}).STAT_FOLD_SECONDS).toBe(30);
    expect(parseEnv({ STAT_FOLD_SECONDS: '5' }).STAT_FOLD_SECONDS).toBe(5);
    for (const bad of ['soon', '0', '3601', '1.5']) {
      expect(() => parseEnv({ STAT_FOLD_SECONDS: bad }), bad).toThrow(/STAT_FOLD_SECONDS/);
    }
  });

  it('trusts no proxy unless told, and takes a hop count or a list of proxy networks', () => {
    expect(parseEnv({}).TRUSTED_PROXIES).toEqual({ kind: 'none' });
    expect(parseEnv({ TRUSTED_PROXIES: '0' }).TRUSTED_PROXIES).toEqual({ kind: 'none' });
    expect(parseEnv({ TRUSTED_PROXIES: '2' }).TRUSTED_PROXIES).toEqual({ kind: 'hops', hops: 2 });
    const listed = parseEnv({ TRUSTED_PROXIES: '10.0.0.0/8, 192.0.2.7 ,fd00::/8' }).TRUSTED_PROXIES;
    expect(listed.kind === 'networks' && listed.networks.map((n) => n.prefixLength)).toEqual([8, 32, 8]);
    for (const bad of ['6', 'nginx', '10.0.0.0/33', '10.0.0.0/8/1', 'fd00::/129', '-1']) {
      expect(() => parseEnv({ TRUSTED_PROXIES: bad }), bad).toThrow(/TRUSTED_PROXIES/);
    }
    expect(parseEnv({}).SIANG_IPV6_PREFIX_LENGTH).toBe(64);
    expect(() => parseEnv({ SIANG_IPV6_PREFIX_LENGTH: '129' })).toThrow(/SIANG_IPV6_PREFIX_LENGTH/);
  });

  it('runs without LINE, and refuses a partial LINE channel, naming each missing setting and no value', () => {
    expect(parseEnv({}).LINE_CHANNEL_ID).toBeUndefined();
    const channel = { LINE_CHANNEL_ID: '1657000000', LINE_CHANNEL_SECRET: 'a'.repeat(32), LINE_CHANNEL_ACCESS_TOKEN: 'tok'.repeat(20) };
    expect(parseEnv({ ...channel, LIFF_ID: '1657000001-AbCdEfGh', LINE_STAFF_TO: `C${'0'.repeat(32)}` }).LIFF_ID).toBe(
      '1657000001-AbCdEfGh',
    );
    try {
      parseEnv({ LINE_CHANNEL_SECRET: 'b'.repeat(32) });
      throw new Error('expected a ConfigError');
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toContain('LINE_CHANNEL_ID is required when LINE is configured');
      expect(message).toContain('LINE_CHANNEL_ACCESS_TOKEN is required');
      expect(message).not.toContain('LINE_CHANNEL_SECRET is required');
      expect(message).not.toContain('b'.repeat(32));
    }
    expect(() => parseEnv({ LIFF_ID: '1657000001-AbCdEfGh' })).toThrow(/LINE_CHANNEL_SECRET is required/);
    expect(() => parseEnv({ ...channel, LINE_CHANNEL_SECRET: 'not-a-secret' })).toThrow(/LINE_CHANNEL_SECRET must be/);
    expect(() => parseEnv({ ...channel, LINE_STAFF_TO: 'pr-group' })).toThrow(/LINE_STAFF_TO/);
    expect(() => parseEnv({ ...channel, LIFF_ID: 'liff-xxxx' })).toThrow(/LIFF_ID/);
  });
});
