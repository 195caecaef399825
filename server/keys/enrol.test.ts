import { ed25519 } from '@noble/curves/ed25519.js';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CENTRE_KEYS_PATH, ENROL_PATH, enrolmentAnswerSchema } from '../../shared/keys/certificate-json.ts';
import { ByteReader, ByteWriter } from '../../shared/qr/byte-codec.ts';
import { encodeBase32 } from '../../shared/qr/base32.ts';
import { isCertificateSignedBy, readDeskCertificate, writeDeskCertificate } from '../../shared/qr/desk-certificate.ts';
import type { Db } from '../db/db.ts';
import { auth, openTestServer, TOKEN } from '../testing/fixtures.ts';
import { TEST_DATABASES } from '../testing/test-databases.ts';

describe.each(TEST_DATABASES)('desk key enrolment on $name', (database) => {
  let db: Db;
  let app: FastifyInstance;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ db, app, close } = await openTestServer(database, [[TOKEN, { checkpointId: 'dostyk-avto', deskId: 'dostyk-avto-1' }]]));
  });
  afterAll(() => close());

  it('certifies the desk’s public key for its own desk and checkpoint, signed by the centre', async () => {
    const secret = ed25519.utils.randomSecretKey();
    const res = await app.inject({ method: 'POST', url: ENROL_PATH, headers: auth, payload: { keyId: 'k1', publicKey: encodeBase32(ed25519.getPublicKey(secret)) } });
    expect(res.statusCode).toBe(200);
    const answer = enrolmentAnswerSchema.parse(res.json());
    expect(answer.certificate).toMatchObject({ keyId: 'k1', deskId: 'dostyk-avto-1', checkpointId: 'dostyk-avto' });
    const centre = answer.centrePublicKeys.find((k) => k.keyId === answer.certificate.centreKeyId)!;
    const w = new ByteWriter();
    writeDeskCertificate(w, answer.certificate);
    const read = readDeskCertificate(new ByteReader(w.finish()))!;
    expect(isCertificateSignedBy(centre.publicKey, read.body, read.certificate.signature)).toBe(true);
    // The same centre key is published for every desk to verify with, and it stays the same.
    const published = await app.inject({ url: CENTRE_KEYS_PATH });
    expect(published.json()).toEqual({ centrePublicKeys: [{ keyId: centre.keyId, publicKey: encodeBase32(centre.publicKey) }] });
  });

  it('refuses an unknown device and a malformed key', async () => {
    expect((await app.inject({ method: 'POST', url: ENROL_PATH, payload: { keyId: 'k1', publicKey: 'AAAA' } })).statusCode).toBe(401);
    expect((await app.inject({ method: 'POST', url: ENROL_PATH, headers: auth, payload: { keyId: 'k1', publicKey: 'AAAA' } })).statusCode).toBe(400);
    expect((await app.inject({ method: 'POST', url: ENROL_PATH, headers: auth, payload: { keyId: 'bad id!', publicKey: encodeBase32(new Uint8Array(32)) } })).statusCode).toBe(400);
  });
});
