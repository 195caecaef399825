-- Each desk's printers and scanners as its technician last saved them, sent for support (issue 7).
-- Only the highest revision is kept; an older one arriving late (a retry) changes nothing.
CREATE TABLE device_settings (
  checkpoint_id text NOT NULL,
  desk_id text NOT NULL,
  revision integer NOT NULL,
  settings jsonb NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (checkpoint_id, desk_id)
);
