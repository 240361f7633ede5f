-- 100k realistic change requests for bench/change-list.ts, generated in SQL (generate_series), not
-- row by row. Deterministic (setseed) so runs compare. 20 teams of 20 people with 3 services each;
-- three years of changes, about one every 16 minutes, created on whole minutes so that neighbours
-- sometimes share a timestamp (the list's tie-break on the number must hold).
SELECT setseed(0.2026);

CREATE TEMP TABLE bench_team AS
SELECT n::int, uuidv7() AS id, name
FROM unnest(ARRAY['Payments', 'Platform', 'Identity', 'Search', 'Checkout', 'Billing', 'Data', 'Mobile', 'Web', 'Growth',
                  'Messaging', 'Logistics', 'Fraud', 'Catalog', 'Notifications', 'Reporting', 'Infrastructure', 'Security', 'Support', 'Ledger'])
  WITH ORDINALITY AS t(name, n);

INSERT INTO team (id, slug, name) SELECT id, 'bench-team-' || n, name FROM bench_team;

CREATE TEMP TABLE bench_service AS
SELECT t.n AS team_n, s.n::int AS n, uuidv7() AS id, t.name || ' ' || s.kind AS name
FROM bench_team t CROSS JOIN unnest(ARRAY['API', 'worker', 'database']) WITH ORDINALITY AS s(kind, n);

INSERT INTO service (id, slug, name, team_id)
SELECT s.id, 'bench-service-' || s.team_n || '-' || s.n, s.name, t.id FROM bench_service s JOIN bench_team t ON t.n = s.team_n;

CREATE TEMP TABLE bench_user AS
SELECT t.n AS team_n, m AS n, uuidv7() AS id,
       (ARRAY['Ada', 'Ben', 'Chen', 'Dana', 'Eli', 'Fatima', 'Goran', 'Hana', 'Ivan', 'Jun', 'Kofi', 'Lena', 'Mateo', 'Nia', 'Omar', 'Priya', 'Quinn', 'Rosa', 'Sven', 'Tara'])[1 + (t.n + m) % 20]
         || ' ' || (ARRAY['Abbott', 'Berg', 'Costa', 'Diaz', 'Evans', 'Fischer', 'Garcia', 'Haas', 'Ito', 'Jensen', 'Khan', 'Larsen', 'Moreau', 'Novak', 'Okafor', 'Park', 'Quist', 'Rossi', 'Sato', 'Tanaka'])[1 + (t.n * 7 + m) % 20] AS name
FROM bench_team t CROSS JOIN generate_series(1, 20) AS m;

INSERT INTO "user" (id, email, name, role, is_staff_plus, team_id, updated_at)
SELECT u.id, 'bench-' || u.team_n || '-' || u.n || '@changeboard.test', u.name,
       (CASE WHEN u.n = 1 THEN 'manager' ELSE 'engineer' END)::"Role", u.n IN (2, 3), t.id, now()
FROM bench_user u JOIN bench_team t ON t.n = u.team_n;

CREATE TEMP TABLE bench_draw AS
SELECT i,
       1 + floor(random() * 20)::int AS team_n,
       1 + floor(random() * 20)::int AS member_n,
       1 + floor(random() * 3)::int AS service_n,
       random() < 0.3 AS has_second_service,
       random() AS r_status, random() AS r_class, random() AS r_outcome,
       1 + floor(random() * 12)::int AS verb_n, 1 + floor(random() * 16)::int AS thing_n, 1 + floor(random() * 10)::int AS why_n,
       date_trunc('minute', timestamptz '2023-11-24 00:00:00Z' + i * interval '946 seconds' + random() * interval '20 minutes') AS created_at
FROM generate_series(1, 100000) AS i;

INSERT INTO change_request (id, title, description, change_class, risk, status, outcome, team_id, author_id,
                            pull_request_urls, changed_paths, rollback_plan, submitted_at, closed_at, created_at, updated_at)
SELECT uuidv7(),
       (ARRAY['Upgrade', 'Rotate', 'Enable', 'Migrate', 'Patch', 'Roll out', 'Remove', 'Tune', 'Add', 'Backfill', 'Resize', 'Deprecate'])[d.verb_n]
         || ' ' || (ARRAY['TLS certificates', 'connection pool', 'feature flag', 'index on orders', 'Kafka consumer', 'Redis cluster', 'Node runtime',
                          'rate limiter', 'retry policy', 'Postgres replica', 'CDN cache rules', 'webhook signing keys', 'autoscaling limits',
                          'log retention', 'search mapping', 'session timeout'])[d.thing_n]
         || ' for ' || s.name,
       (ARRAY['Latency at peak exceeds the SLO.', 'The vendor ends support for the current version.', 'Security review finding from the last audit.',
              'Customer reports of intermittent failures.', 'Cost reduction agreed in the quarterly plan.', 'Prepares the next product launch.',
              'Error budget burned by retries last month.', 'Compliance asks for shorter retention.', 'Capacity plan for the holiday season.',
              'Simplifies on-call runbooks.'])[d.why_n]
         || ' The change was tested in staging with production-like traffic and reviewed by the owning team. Rollout follows the usual canary'
         || ' steps and dashboards are watched for error rates and saturation. Ticket ' || upper(left(t.name, 3)) || '-' || (10000 + (d.i * 7919) % 90000) || '.',
       cls.change_class,
       (CASE cls.change_class WHEN 'standard' THEN 'low' WHEN 'normal' THEN 'medium' ELSE 'high' END)::"RiskLevel",
       st.status,
       CASE WHEN st.status = 'closed' THEN (CASE WHEN d.r_outcome < 0.9 THEN 'succeeded' WHEN d.r_outcome < 0.95 THEN 'failed' ELSE 'rolled_back' END)::"ChangeOutcome" END,
       t.id, u.id,
       ARRAY['https://git.example.com/' || lower(t.name) || '/pull/' || d.i],
       ARRAY['services/' || lower(replace(s.name, ' ', '-')) || '/src/config.ts'],
       'Revert the pull request and redeploy the previous release.',
       CASE WHEN st.status <> 'draft' THEN d.created_at + interval '2 hours' END,
       CASE WHEN st.status IN ('closed', 'cancelled', 'rejected') THEN d.created_at + interval '3 days' END,
       d.created_at, d.created_at + interval '3 days'
FROM bench_draw d
JOIN bench_team t ON t.n = d.team_n
JOIN bench_user u ON u.team_n = d.team_n AND u.n = d.member_n
JOIN bench_service s ON s.team_n = d.team_n AND s.n = d.service_n
CROSS JOIN LATERAL (SELECT (CASE WHEN d.r_class < 0.50 THEN 'standard' WHEN d.r_class < 0.83 THEN 'normal'
                                 WHEN d.r_class < 0.93 THEN 'emergency' ELSE 'major' END)::"ChangeClass" AS change_class) cls
CROSS JOIN LATERAL (SELECT (CASE WHEN d.r_status < 0.08 THEN 'draft' WHEN d.r_status < 0.14 THEN 'submitted' WHEN d.r_status < 0.19 THEN 'approved'
                                 WHEN d.r_status < 0.23 THEN 'rejected' WHEN d.r_status < 0.28 THEN 'cancelled' WHEN d.r_status < 0.34 THEN 'deployed'
                                 ELSE 'closed' END)::"ChangeStatus" AS status) st
ORDER BY d.i;

-- Each change touches its service, and three in ten a second one of the same team.
INSERT INTO change_service (change_request_id, service_id)
SELECT c.id, s.id
FROM change_request c
JOIN bench_draw d ON d.i = c.number
JOIN bench_service s ON s.team_n = d.team_n AND (s.n = d.service_n OR (d.has_second_service AND s.n = 1 + d.service_n % 3));
