-- Shift openings and closings, pushed by desks: append-only like blank events, pulled by the
-- checkpoint's own desks (the next shift opens with the last close's count).
INSERT INTO collection_seq (name, last_seq) VALUES ('shifts', 0);

CREATE TABLE shifts (
  id text PRIMARY KEY,
  seq bigint NOT NULL UNIQUE,
  doc jsonb NOT NULL,
  received_at bigint NOT NULL
);
CREATE INDEX shifts_checkpoint_seq ON shifts ((doc->>'checkpointId'), seq);

-- What a device may record: a desk issues and records crossings; a supervisor station also confirms
-- consignments and moves stacks between its checkpoint's desks. Issue 9 puts user roles on top.
ALTER TABLE devices ADD COLUMN role text NOT NULL DEFAULT 'desk';
