-- The centre's registry of every document a desk looks up besides its C-permits (domestic and China
-- permits, transit passages, export permits, licences, seal escorts, permit cards and certificates),
-- pulled by every desk. A re-imported document that changed takes a new seq, so desks pull it again.
INSERT INTO collection_seq (name, last_seq) VALUES ('documents', 0), ('journal', 0);

CREATE TABLE documents (
  id text PRIMARY KEY,
  seq bigint NOT NULL UNIQUE,
  doc jsonb NOT NULL
);

-- The checkpoints' electronic journal (marks, write-offs, exemptions, seal events): append-only like
-- crossings, pushed by desks and pulled by every desk. The centre re-checks a document's entries together.
CREATE TABLE journal (
  id text PRIMARY KEY,
  seq bigint NOT NULL UNIQUE,
  doc jsonb NOT NULL,
  received_at bigint NOT NULL
);
CREATE INDEX journal_document_id ON journal ((doc->>'documentId'));
