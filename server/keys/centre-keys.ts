import { ed25519 } from '@noble/curves/ed25519.js';
import { randomBytes } from 'node:crypto';
import { decodeBase32, encodeBase32 } from '../../shared/qr/base32.ts';
import type { Db } from '../db/db.ts';

export type CentreKey = { keyId: string; secretKey: Uint8Array; publicKey: Uint8Array };

/** The centre's current signing key, made on first use. */
export async function currentCentreKey(db: Db): Promise<CentreKey> {
  const rows = await db.query<{ key_id: string; secret_key: string; public_key: string }>('SELECT key_id, secret_key, public_key FROM centre_keys ORDER BY created_at DESC, key_id DESC LIMIT 1');
  const row = rows[0];
  if (row) return { keyId: row.key_id, secretKey: decodeBase32(row.secret_key)!, publicKey: decodeBase32(row.public_key)! };
  const secretKey = ed25519.utils.randomSecretKey();
  const publicKey = ed25519.getPublicKey(secretKey);
  const keyId = `c${randomBytes(3).toString('hex')}`;
  // Two servers starting at once may both try; the first insert wins and both read it back.
  await db.query('INSERT INTO centre_keys (key_id, secret_key, public_key) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [keyId, encodeBase32(secretKey), encodeBase32(publicKey)]);
  return currentCentreKey(db);
}

/** Every public key the centre has certified with: desks keep them all to verify older addenda. */
export async function centrePublicKeys(db: Db): Promise<{ keyId: string; publicKey: Uint8Array }[]> {
  const rows = await db.query<{ key_id: string; public_key: string }>('SELECT key_id, public_key FROM centre_keys ORDER BY created_at');
  return rows.map((r) => ({ keyId: r.key_id, publicKey: decodeBase32(r.public_key)! }));
}
