-- The people who use the desks (issue 9): roles, checkpoints, password verifiers. Kept by the centre's
-- administrator; pulled by the desks of each person's checkpoints for offline login.
INSERT INTO collection_seq (name, last_seq) VALUES ('users', 0);

CREATE TABLE users (
  id text PRIMARY KEY,
  seq bigint NOT NULL UNIQUE,
  doc jsonb NOT NULL
);
