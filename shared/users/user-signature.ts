import { ed25519 } from '@noble/curves/ed25519.js';
import { decodeBase32, encodeBase32 } from '../qr/base32.ts';
import type { User } from './user.ts';

export type UnsignedUser = Omit<User, 'signature' | 'centreKeyId'>;

/** What the centre signs: every field a decision depends on, in a fixed order, under a domain tag. */
function message(u: UnsignedUser): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(['shekara-user-v1', u.id, u.name, u.roles, u.checkpointIds, u.verifier, u.active, u.updatedAt]));
}

export function signUser(centreSecretKey: Uint8Array, centreKeyId: string, user: UnsignedUser): User {
  const { id, name, roles, checkpointIds, verifier, active, updatedAt } = user;
  const unsigned = { id, name, roles, checkpointIds, verifier, active, updatedAt };
  return { ...unsigned, centreKeyId, signature: encodeBase32(ed25519.sign(message(unsigned), centreSecretKey)) };
}

/** True when one of the centre's keys signed exactly this record. */
export function isSignedByCentre(user: User, centreKeys: readonly { keyId: string; publicKey: Uint8Array }[]): boolean {
  const key = centreKeys.find((k) => k.keyId === user.centreKeyId);
  const signature = decodeBase32(user.signature);
  if (!key || !signature || signature.length !== 64) return false;
  try {
    return ed25519.verify(signature, message(user), key.publicKey, { zip215: false });
  } catch {
    return false;
  }
}
