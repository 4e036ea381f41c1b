-- The outbox carries both the LINE notices (20261207060000: 'routing' and 'citizen', by the 'line' channel) and the
-- e-mailed notices that close the loop (20261207050000: 'routed' to a division, 'resolved' to a citizen). Each of those
-- migrations restated the kind check with its own kinds only; this one allows all of them (12_alerts.sql).
alter table public.notification_outbox drop constraint notification_outbox_kind_check;
alter table public.notification_outbox add constraint notification_outbox_kind_check
  check (kind in ('alert', 'summary', 'routing', 'citizen', 'routed', 'resolved'));
