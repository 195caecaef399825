-- The centre's Ed25519 keys that certify desk signing keys (addendum QR codes). Kept in the database for
-- now; a deployment that needs more moves the secret into a KMS/HSM and keeps only the public key here.
CREATE TABLE centre_keys (
  key_id text PRIMARY KEY,
  secret_key text NOT NULL,
  public_key text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
