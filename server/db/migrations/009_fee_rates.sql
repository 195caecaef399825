-- The transit-passage fee tables the centre's administrator keeps (seed 002 p.47-48: the fee is charged
-- at Tax Code rates, which the Rules do not give), pulled by every desk. A re-imported table that changed
-- takes a new seq, so desks pull it again.
INSERT INTO collection_seq (name, last_seq) VALUES ('feeRates', 0);

CREATE TABLE fee_rates (
  id text PRIMARY KEY,
  seq bigint NOT NULL UNIQUE,
  doc jsonb NOT NULL
);
