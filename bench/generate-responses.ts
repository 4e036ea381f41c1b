import type { SqlDb } from '@/lib/db/types';

/**
 * Benchmark data: 10 extra divisions × 20 service points (200 in all), then responses up to `target` (references
 * BN-…, marked demo) spread over FY2568–FY2570, about 60% with 8 item answers. Adds to what an earlier call made.
 *
 * Loaded as a bulk import would be: the rollup triggers are off while the rows go in (the answers' keys stay checked
 * by their foreign keys, which a bulk import also pays), then app.stat_rebuild() (the
 * backfill, through the same code as the triggers) computes the rollups, and VACUUM ANALYZE leaves the tables as
 * autovacuum would. Through the triggers, 5,000,000 responses took about 40 minutes here, and the dashboard read
 * then measured the dead row versions of 20 bulk updates of every rollup row, which no live database carries.
 */
export async function generate(db: SqlDb, target: number): Promise<void> {
  await db.exec(`
    insert into division (slug, name, position)
    select 'bench-' || d, jsonb_build_object('th', 'กองทดสอบ ' || d), 100 + d from generate_series(1, 10) d
    on conflict (slug) do nothing;
    insert into service_point (slug, division_id, name)
    select 'bench-' || d || '-' || p, (select id from division where slug = 'bench-' || d), jsonb_build_object('th', 'จุด ' || d || '-' || p)
    from generate_series(1, 10) d, generate_series(1, 20) p
    on conflict (slug) do nothing;`);
  const [{ existing }] = (await db.ownerQuery<{ existing: number }>(
    "select count(*)::int as existing from response where reference like 'BN-%'",
  )) as [{ existing: number }];
  const batch = 250_000;
  if (existing >= target) return;
  await db.exec(
    'alter table response disable trigger stat_response_inserted; alter table response_answer disable trigger stat_answer_inserted;',
  );
  try {
    for (let done = existing; done < target; done += batch) {
      const n = Math.min(batch, target - done);
      // Two statements per batch (responses, then their answers), as a bulk import would.
      await db.exec(`
        insert into response (client_key, reference, service_point_id, survey_version_id, channel, overall_rating, created_at, updated_at, is_demo)
        select gen_random_uuid(), 'BN-' || lpad((${done} + g)::text, 9, '0'),
               (select (array_agg(id order by id))[1 + (g % 200)] from service_point where slug like 'bench-%'),
               (select id from survey_version where status = 'published'), 'qr',
               least(5, greatest(1, round(4 + (random() + random() - 1) * 2)))::smallint,
               timestamptz '2024-10-01 00:00+07' + (random() * interval '1095 days'), now(), true
        from generate_series(1, ${n}) g;`);
      await db.exec(`
        insert into response_answer (response_id, survey_version_id, item_id, rating)
        select r.id, r.survey_version_id, i.id, least(5, greatest(1, r.overall_rating + round((random() - 0.5) * 2)))::smallint
        from response r
        join survey_item i on i.survey_version_id = r.survey_version_id and i.position <= 2
        where r.reference between 'BN-${String(done + 1).padStart(9, '0')}' and 'BN-${String(done + n).padStart(9, '0')}'
          and abs(hashtext(r.id::text)) % 10 < 6;`);
      process.stdout.write(`  generated ${(done + n).toLocaleString()} responses\r`);
    }
  } finally {
    await db.exec(
      'alter table response enable trigger stat_response_inserted; alter table response_answer enable trigger stat_answer_inserted;',
    );
  }
  process.stdout.write('\n  rebuilding the rollups…\r');
  await db.exec('select app.stat_rebuild()');
  await db.exec('vacuum (analyze)');
  process.stdout.write('\n');
}
