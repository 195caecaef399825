-- Issue 9: desks enrol with a one-time code the administrator makes for a desk. Only a hash of the code
-- is kept; a code is good for one enrolment within its expiry. (One statement per ';' at a line's end.)
CREATE TABLE enrolment_codes (
  code_hash text PRIMARY KEY,
  checkpoint_id text NOT NULL,
  desk_id text NOT NULL,
  role text NOT NULL CHECK (role IN ('desk', 'supervisor')),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);

-- A revoked device keeps its row (who was it, when was it cut off) but its token opens nothing.
-- key_id: the desk key the centre certified at enrolment; enrolled_at: null for tokens registered by hand.
ALTER TABLE devices ADD COLUMN revoked_at timestamptz;
ALTER TABLE devices ADD COLUMN key_id text;
ALTER TABLE devices ADD COLUMN enrolled_at timestamptz;
CREATE INDEX devices_desk ON devices (checkpoint_id, desk_id) WHERE revoked_at IS NULL;
