-- The desks' audit logs (issue 9 point 3): append-only like the journal, pushed by each desk and pulled
-- back by that desk alone (a reinstalled desk continues its own chain). The centre looks entries up by
-- desk and chain number to verify each push against what it holds.
INSERT INTO collection_seq (name, last_seq) VALUES ('audit', 0);

CREATE TABLE audit (
  id text PRIMARY KEY,
  seq bigint NOT NULL UNIQUE,
  doc jsonb NOT NULL,
  received_at bigint NOT NULL
);
-- Not unique: a forked chain (two entries under one number) is stored as it came, as evidence.
CREATE INDEX audit_desk_chain ON audit ((doc->>'deskId'), ((doc->>'seq')::bigint));
CREATE INDEX audit_desk_seq ON audit ((doc->>'deskId'), seq);
