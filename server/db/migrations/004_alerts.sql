-- Alerts the centre raises from what only it sees (a permit used twice, a blank issued twice); pulled by desks.
INSERT INTO collection_seq (name, last_seq) VALUES ('alerts', 0);

CREATE TABLE alerts (
  id text PRIMARY KEY,
  seq bigint NOT NULL UNIQUE,
  doc jsonb NOT NULL
);
