import { ed25519 } from '@noble/curves/ed25519.js';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ulid } from '../../shared/ids/ulid.ts';
import { verifyAddendumQr } from '../../shared/qr/addendum-qr.ts';
import { signDeskCertificate } from '../../shared/qr/desk-certificate.ts';
import { kzDate, addDays } from '../../shared/rules/local-date.ts';
import { DEFAULT_ANNEX3_PROFILE } from '../../printers/pdf/overlay-profile.ts';
import { SAMPLE_CENTRE_KEYS, SAMPLE_CENTRE_SECRET, SAMPLE_PERMIT } from '../../printers/pdf/sample-addendum.ts';
import type { DeskKey } from './desk-key.ts';
import { createAddendumPrinter } from './print-addendum.ts';

const secretKey = ed25519.utils.randomSecretKey();
const today = kzDate(Date.now());
const deskKey: DeskKey = {
  keyId: 'dostyk-avto-1-t',
  secretKey,
  centrePublicKeys: [],
  certificate: signDeskCertificate(SAMPLE_CENTRE_SECRET, 'DEMO-C1', { keyId: 'dostyk-avto-1-t', deskId: 'dostyk-avto-1', checkpointId: 'dostyk-avto', publicKey: ed25519.getPublicKey(secretKey), validFrom: addDays(today, -1), validTo: addDays(today, 30) }),
};
const request = () => ({ addendumId: ulid(), permit: SAMPLE_PERMIT, blankNumber: 'C0100007', issuedAt: new Date().toISOString(), officerName: 'Серікұлы Асқар' });
const text = (file: string) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });

describe('the addendum printer on the desk', () => {
  it('prints the whole Annex 3 form with a QR any checkpoint verifies', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shekara-print-'));
    const result = await createAddendumPrinter({ checkpointId: 'dostyk-avto', deskKey: () => deskKey, documentPrinter: `file:${dir}` })(request());
    expect(result).toMatchObject({ ok: true });
    const [file] = readdirSync(dir);
    expect(text(join(dir, file!))).toContain('Шетелдік рұқсат бланкісінің нөмірі');
    execFileSync('pdftoppm', ['-r', '150', '-png', '-singlefile', join(dir, file!), join(dir, 'page')]);
    const qr = execFileSync('zbarimg', ['-q', '--raw', join(dir, 'page.png')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    expect(verifyAddendumQr(qr, SAMPLE_CENTRE_KEYS, Date.now())).toMatchObject({ ok: true, payload: { blankNumber: 'C0100007' } });
  });

  it('in overlay mode prints the values only, for a pre-printed form', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shekara-print-'));
    await createAddendumPrinter({ checkpointId: 'dostyk-avto', deskKey: () => deskKey, documentPrinter: `file:${dir}`, overlayProfile: DEFAULT_ANNEX3_PROFILE })(request());
    const printed = text(join(dir, readdirSync(dir)[0]!));
    expect(printed).toContain('C0100007');
    expect(printed).not.toContain('Шетелдік рұқсат бланкісінің нөмірі');
  });

  it('refuses to print before the centre certified the desk key, and names the missing printer', async () => {
    expect(await createAddendumPrinter({ checkpointId: 'dostyk-avto', deskKey: () => ({ ...deskKey, certificate: null }), documentPrinter: 'file:/tmp' })(request())).toMatchObject({ ok: false, error: 'not-enrolled' });
    const missing = await createAddendumPrinter({ checkpointId: 'dostyk-avto', deskKey: () => deskKey, documentPrinter: 'No-Such-Printer-42' })(request());
    expect(missing.ok).toBe(false);
    expect(['no-such-printer', 'queue-unavailable']).toContain(missing.ok ? '' : missing.error);
  });
});
