-- Devices allowed to sync: the centre keeps only a hash of each token.
CREATE TABLE devices (
  token_hash text PRIMARY KEY,
  checkpoint_id text NOT NULL,
  desk_id text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- One write sequence per replicated collection. Writers advance it with UPDATE … RETURNING inside their
-- transaction; the row lock serialises writers, so sequence order is commit order and a pull by seq never
-- skips a row that commits late. This seq is the replication checkpoint: it replaces the (updatedAt, id)
-- checkpoint of ARCHITECTURE.md, which can skip a row whose transaction commits after a later stamp.
-- (Migration files are split on a ';' at the end of a line: keep one statement per ';'.)
CREATE TABLE collection_seq (
  name text PRIMARY KEY,
  last_seq bigint NOT NULL
);
INSERT INTO collection_seq (name, last_seq) VALUES ('permits', 0), ('crossings', 0);

CREATE TABLE permits (
  id text PRIMARY KEY,
  seq bigint NOT NULL UNIQUE,
  doc jsonb NOT NULL
);
CREATE INDEX permits_application_number ON permits ((doc->>'applicationNumber'));

-- Append-only: a crossing is never changed once stored.
CREATE TABLE crossings (
  id text PRIMARY KEY,
  seq bigint NOT NULL UNIQUE,
  doc jsonb NOT NULL,
  received_at bigint NOT NULL
);
CREATE INDEX crossings_permit_id ON crossings ((doc->>'permitId'));
