-- The application role's rights (README "Database roles"). Run as the owner role, connected to the
-- Changeboard database, after the migrations: `psql "<owner url>" -v ON_ERROR_STOP=1 -f prisma/app-role.sql`.
-- Re-run it after a migration that creates tables or touches the audit tables. The end-to-end tests
-- run the portal under exactly these rights (scripts/test.ts).

REVOKE ALL ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO changeboard_app;

-- Ordinary tables: the portal reads and writes them.
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO changeboard_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO changeboard_app;

-- The audit trail: read, and append only through the function.
REVOKE ALL ON audit_event, audit_chain_head, _prisma_migrations FROM changeboard_app;
GRANT SELECT ON audit_event, audit_chain_head TO changeboard_app;
-- The function runs as its owner, so the app needs neither INSERT on audit_event nor UPDATE on the head.
ALTER FUNCTION append_audit_event(timestamptz, uuid, uuid, text, text, text, jsonb, text)
  SECURITY DEFINER SET search_path = public, pg_temp;
REVOKE EXECUTE ON FUNCTION append_audit_event(timestamptz, uuid, uuid, text, text, text, jsonb, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION append_audit_event(timestamptz, uuid, uuid, text, text, text, jsonb, text) TO changeboard_app;

-- Tables that later migrations create get the same rights.
ALTER DEFAULT PRIVILEGES FOR ROLE changeboard_owner IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO changeboard_app;
ALTER DEFAULT PRIVILEGES FOR ROLE changeboard_owner IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO changeboard_app;
