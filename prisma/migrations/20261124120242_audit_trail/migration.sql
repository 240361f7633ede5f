-- Audit trail: append-only, hash-chained (see DOMAIN.md invariants 5 and 6).
-- Each append locks the one-row chain head, so concurrent writers queue instead of forking the chain;
-- UNIQUE(prev_hash) makes a fork impossible even if that lock were bypassed.

INSERT INTO audit_chain_head (id, seq, hash)
VALUES (1, 0, sha256(convert_to('changeboard-audit-genesis', 'UTF8')));

-- The canonical text of an event is the jsonb rendering of its fields: jsonb orders keys
-- deterministically, so a verifier can rebuild exactly the bytes that were hashed.
CREATE FUNCTION audit_event_canonical(
  p_seq bigint, p_at timestamptz, p_actor_id uuid, p_token_id uuid, p_action text,
  p_entity_type text, p_entity_id text, p_change_set jsonb, p_request_id text
) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT jsonb_build_object(
    'seq', p_seq,
    'at', to_char(p_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'actorId', p_actor_id,
    'tokenId', p_token_id,
    'action', p_action,
    'entityType', p_entity_type,
    'entityId', p_entity_id,
    'changeSet', p_change_set,
    'requestId', p_request_id
  )::text
$$;

CREATE FUNCTION append_audit_event(
  p_at timestamptz, p_actor_id uuid, p_token_id uuid, p_action text,
  p_entity_type text, p_entity_id text, p_change_set jsonb, p_request_id text
) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  head_seq bigint;
  head_hash bytea;
  event_at timestamptz(3) := p_at; -- stored precision, so the hash covers exactly what is stored
  next_hash bytea;
BEGIN
  SELECT seq, hash INTO head_seq, head_hash FROM audit_chain_head WHERE id = 1 FOR UPDATE;
  next_hash := sha256(head_hash || convert_to(audit_event_canonical(
    head_seq + 1, event_at, p_actor_id, p_token_id, p_action, p_entity_type, p_entity_id, p_change_set, p_request_id), 'UTF8'));
  INSERT INTO audit_event (seq, at, actor_id, token_id, action, entity_type, entity_id, change_set, request_id, prev_hash, row_hash)
  VALUES (head_seq + 1, event_at, p_actor_id, p_token_id, p_action, p_entity_type, p_entity_id, p_change_set, p_request_id, head_hash, next_hash);
  UPDATE audit_chain_head SET seq = head_seq + 1, hash = next_hash WHERE id = 1;
  RETURN head_seq + 1;
END;
$$;

-- Corrections are new events: the application can never rewrite or remove one.
CREATE FUNCTION audit_event_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_event is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_event_no_update_or_delete
  BEFORE UPDATE OR DELETE ON audit_event
  FOR EACH ROW EXECUTE FUNCTION audit_event_is_append_only();

CREATE TRIGGER audit_event_no_truncate
  BEFORE TRUNCATE ON audit_event
  FOR EACH STATEMENT EXECUTE FUNCTION audit_event_is_append_only();

-- Policy settings version 1: the policy's own defaults, in UTC until an admin sets the zone.
INSERT INTO policy_settings (time_zone, weekly_windows, class_scope_rules, note)
VALUES (
  'UTC',
  '[{"startDay": 5, "startTime": "15:00", "endDay": 1, "endTime": "09:00", "classes": ["standard", "normal", "major"]}]',
  '[{"kind": "path", "pattern": "prisma/migrations/**", "minimumClass": "normal"},
    {"kind": "path", "pattern": "**/migrations/**", "minimumClass": "normal"},
    {"kind": "path", "pattern": "infra/**", "minimumClass": "major"},
    {"kind": "path", "pattern": "terraform/**", "minimumClass": "major"},
    {"kind": "keyword", "pattern": "framework migration", "minimumClass": "major"},
    {"kind": "keyword", "pattern": "new service", "minimumClass": "major"}]',
  'POL-012 v2.0 defaults'
);
