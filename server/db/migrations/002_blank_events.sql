-- Numbered-blank events (received, handed to a desk, reserved, printed, issued, spoiled, …): append-only
-- like crossings; the state of every blank is folded from them by shared/blanks/ledger.ts.
INSERT INTO collection_seq (name, last_seq) VALUES ('blankEvents', 0);

CREATE TABLE blank_events (
  id text PRIMARY KEY,
  seq bigint NOT NULL UNIQUE,
  doc jsonb NOT NULL,
  received_at bigint NOT NULL
);
CREATE INDEX blank_events_number ON blank_events ((doc->>'number'));
