import { ed25519 } from '@noble/curves/ed25519.js';
import { describe, expect, it } from 'vitest';
import { isSignedByCentre, signUser, type UnsignedUser } from './user-signature.ts';

const secret = ed25519.utils.randomSecretKey();
const keys = [{ keyId: 'c1', publicKey: ed25519.getPublicKey(secret) }];
const person: UnsignedUser = { id: 'erlan', name: 'Жұмабеков Ерлан', roles: ['officer'], checkpointIds: ['dostyk-avto'], verifier: 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', active: true, updatedAt: 5 };

describe('the centre’s signature on a person', () => {
  it('verifies the record as signed, and nothing a page could change in it', () => {
    const signed = signUser(secret, 'c1', person);
    expect(isSignedByCentre(signed, keys)).toBe(true);
    expect(isSignedByCentre({ ...signed, roles: ['officer', 'technician'] }, keys)).toBe(false);
    expect(isSignedByCentre({ ...signed, active: false }, keys)).toBe(false);
    expect(isSignedByCentre({ ...signed, checkpointIds: [] }, keys)).toBe(false);
    expect(isSignedByCentre({ ...signed, verifier: signed.verifier.replace('AAAA$', 'AAAB$') }, keys)).toBe(false);
    expect(isSignedByCentre({ ...signed, centreKeyId: 'c2' }, keys)).toBe(false);
    expect(isSignedByCentre(signed, [{ keyId: 'c1', publicKey: ed25519.getPublicKey(ed25519.utils.randomSecretKey()) }])).toBe(false);
    expect(isSignedByCentre({ ...signed, signature: 'A'.repeat(103) }, keys)).toBe(false);
  });
});
