import { expect, test, type Page } from '@playwright/test';
import { logIn } from './log-in.ts';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { CENTRE_KEYS_PATH, centrePublicKeySchema } from '../../shared/keys/certificate-json.ts';
import { verifyAddendumQr } from '../../shared/qr/addendum-qr.ts';
import { startEscposEmulator, type EscposEmulator } from '../../printers/emulator/escpos-emulator.ts';
import { newDeviceToken, startCentral, startWebHost, tempDir, type Running } from '../support/processes.ts';

/**
 * The desk's main job, end to end: application number → eligibility → next blank of the desk's stack →
 * addendum PDF with a signed QR in the print queue (a print-to-folder printer here) → hand-written
 * checklist → handed over; and what happens when the web host or the page dies in the middle.
 */
let central: Running;
let desk: Running;
let deskDir: string;
let printed: string;
let thermal: EscposEmulator;
const deviceToken = newDeviceToken();

test.beforeAll(async () => {
  central = await startCentral({ dataDir: await tempDir('central'), deviceToken });
  deskDir = await tempDir('desk');
  printed = join(deskDir, 'printed');
  thermal = await startEscposEmulator({ pngDir: join(deskDir, 'slips') });
  desk = await startWebHost({ serverUrl: central.url, deviceToken, dataDir: deskDir, documentPrinter: `file:${printed}`, slipPrinter: thermal.target });
});

test.afterAll(async () => {
  await desk?.stop();
  await central?.stop();
  await thermal?.close();
});

async function openIssue(page: Page, url: string) {
  await page.goto(url);
  await logIn(page, 'asqar');
  await expect(page.getByTestId('replica-count')).toHaveAttribute('data-count', '1000', { timeout: 60_000 });
  await page.getByTestId('tab-issue').click();
  await expect(page.getByTestId('stack-left')).not.toHaveAttribute('data-count', '0', { timeout: 30_000 });
}

async function scan(page: Page, text: string) {
  await page.getByTestId('scan-input').fill(text);
  await page.getByTestId('scan-input').press('Enter');
}

async function tickChecklist(page: Page) {
  for (const f of ['carrier', 'address', 'vehicle', 'date', 'seal', 'signature']) await page.getByTestId(`check-${f}`).check();
}

/** The QR of a printed PDF, read the way a phone or another desk would: render, then decode. */
function qrOf(pdf: string): string {
  const png = `${pdf}.png`;
  execFileSync('pdftoppm', ['-r', '150', '-png', '-singlefile', pdf, pdf]);
  return zbarQr(png);
}

/** QR symbols only: zbar's linear decoders can read a stray bar code into a dense page and add a line. */
function zbarQr(png: string): string {
  return execFileSync('zbarimg', ['-q', '--raw', '-Sdisable', '-Sqrcode.enable', png], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
}

async function centreKeys(): Promise<Record<string, Uint8Array>> {
  const body = (await (await fetch(new URL(CENTRE_KEYS_PATH, central.url))).json()) as { centrePublicKeys: unknown[] };
  return Object.fromEntries(body.centrePublicKeys.map((k) => centrePublicKeySchema.parse(k)).map((k) => [k.keyId, k.publicKey]));
}

async function centreBlankEvents(number: string): Promise<string[]> {
  const res = await fetch(`${central.url}/sync/v1/blankEvents/pull?seq=0&limit=5000`, { headers: { authorization: `Bearer ${deviceToken}` } });
  const body = (await res.json()) as { documents: { number: string; type: string }[] };
  return body.documents.filter((d) => d.number === number).map((d) => d.type);
}

test('issue an addendum: next blank, signed QR that verifies offline, handed over, synced once', async ({ page }) => {
  await page.goto(desk.url);
  await logIn(page, 'asqar');
  await page.getByTestId('tab-issue').click();
  await expect(page.getByTestId('stack-left')).toHaveAttribute('data-count', '100', { timeout: 60_000 });
  await scan(page, 'A26-000001');
  await expect(page.getByTestId('issue-eligibility')).toHaveAttribute('data-eligible', 'true');
  // The officer is the one logged in: named on the addendum without typing.
  await expect(page.getByTestId('officer-name')).toHaveText('Серікұлы Асқар');
  await page.getByTestId('take-and-print').click();
  await expect(page.getByTestId('issue-blank')).toHaveAttribute('data-printed', 'true');
  await expect(page.getByTestId('issue-blank')).toHaveText('C0100001');
  await expect(page.getByTestId('hand-over')).toBeDisabled(); // not before every hand-written field is ticked
  await page.screenshot({ path: 'test-results/issue-printed.png', fullPage: true });

  const pdf = join(printed, 'addendum-C0100001-A26-000001.pdf');
  expect(existsSync(pdf)).toBe(true);
  const verdict = verifyAddendumQr(qrOf(pdf), await centreKeys(), Date.now());
  // The refusal's reason in the failure message, not only ok: false.
  expect(verdict.ok ? 'ok' : verdict.reason).toBe('ok');
  expect(verdict).toMatchObject({ ok: true, payload: { blankNumber: 'C0100001', applicationNumber: 'A26-000001', checkpointId: 'dostyk-avto', permitType: 'C' } });
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
  for (const s of ['Шетелдік рұқсат бланкісінің нөмірі', 'C0100001', 'A26-000001', 'Серікұлы Асқар', 'Достық-авто']) expect(text).toContain(s);
  const tampered = verifyAddendumQr(qrOf(pdf).replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')), await centreKeys(), Date.now());
  expect(tampered.ok).toBe(false);

  // The carrier's slip on the thermal printer (a real TCP ESC/POS emulator): Kazakh in KZ-1048, the same signed QR.
  const slipJob = thermal.waitForJob({ timeoutMs: 15_000 });
  await page.getByTestId('print-slip').click();
  const job = await slipJob;
  expect(job.text).toContain('C0100001');
  expect(job.text).toContain('Қосымша');
  await expect.poll(() => Boolean(job.pngPath && existsSync(job.pngPath))).toBe(true);
  expect(zbarQr(job.pngPath!)).toBe(qrOf(pdf));

  await tickChecklist(page);
  await page.getByTestId('hand-over').click();
  await expect(page.getByTestId('issue-blank')).toHaveAttribute('data-state', 'issued');
  // Online, the reservation and the print reached the centre before the handover was recorded.
  expect(await centreBlankEvents('C0100001')).toEqual(expect.arrayContaining(['reserved', 'print-requested', 'printed']));
  await expect(page.getByTestId('stack-left')).toHaveAttribute('data-count', '99');
  await expect(page.getByTestId('issue-eligibility')).toHaveAttribute('data-eligible', 'false'); // one blank per application
  await expect(page.getByTestId('sync-waiting')).toHaveAttribute('data-count', '0');
  await expect.poll(() => centreBlankEvents('C0100001')).toEqual(['reserved', 'print-requested', 'printed', 'issued']);

  // At the exit the officer scans the addendum's QR: verified offline, it opens the permit; recording the
  // exit redeems the blank. A QR with one character changed is refused and writes nothing.
  const qr = qrOf(pdf);
  await page.getByTestId('tab-verify').click();
  await page.getByTestId('scan-input').fill(qr.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')));
  await page.getByTestId('scan-input').press('Enter');
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-status', 'qr-refused');
  await page.getByTestId('scan-input').fill(qr);
  await page.getByTestId('scan-input').press('Enter');
  await expect(page.getByTestId('qr-verified')).toHaveAttribute('data-blank', 'C0100001');
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-status', 'valid');
  await expect(page.getByTestId('verdict-fields').locator('dd[data-field="blankNumber"]')).toHaveText('C0100001');
  await page.getByTestId('record-exit').click();
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-status', 'used');
  await page.screenshot({ path: 'test-results/verify-qr.png', fullPage: true });
  await expect.poll(() => centreBlankEvents('C0100001')).toEqual(['reserved', 'print-requested', 'printed', 'issued', 'redeemed']);
});

test('a print that fails never issues the blank; a desk killed mid-issue asks what became of it', async ({ browser }) => {
  const port = Number(new URL(desk.url).port);
  let page = await browser.newPage();
  await openIssue(page, desk.url);

  // The web host dies as the officer prints: the reservation stays, nothing is issued, and since the
  // outcome is unknown the blank cannot quietly go back on the stack.
  await desk.stop();
  await scan(page, 'A26-000011');
  await page.getByTestId('take-and-print').click();
  await expect(page.getByTestId('issue-notice')).toHaveClass(/notice-error/);
  await expect(page.getByTestId('issue-blank')).toHaveAttribute('data-print-pending', 'true');
  await expect(page.getByTestId('issue-blank')).toHaveAttribute('data-state', 'reserved');
  const first = (await page.getByTestId('issue-blank').textContent())!;
  expect(existsSync(join(printed, `addendum-${first}-A26-000011.pdf`))).toBe(false);

  // Back on the same address (same origin, same IndexedDB); the page is killed and opened anew.
  desk = await startWebHost({ serverUrl: central.url, deviceToken, dataDir: deskDir, documentPrinter: `file:${printed}`, port });
  await page.close();
  page = await browser.newPage();
  await openIssue(page, desk.url);
  await expect(page.getByTestId('open-reservation')).toHaveAttribute('data-number', first);
  await page.getByTestId('open-reservation').getByRole('button').click();
  await expect(page.getByTestId('release')).toHaveCount(0);
  await page.getByTestId('print-again').click();
  await expect(page.getByTestId('issue-blank')).toHaveAttribute('data-printed', 'true');
  await expect(page.getByTestId('issue-blank')).toHaveText(first); // the same number, not a new one
  expect(existsSync(join(printed, `addendum-${first}-A26-000011.pdf`))).toBe(true);

  // Killed after printing: on return the officer must say what became of it; here the blank was spoiled.
  await page.close();
  page = await browser.newPage();
  await openIssue(page, desk.url);
  await expect(page.getByTestId('open-reservation')).toHaveAttribute('data-number', first);
  await page.getByTestId('open-reservation').getByRole('button').click();
  await expect(page.getByTestId('release')).toHaveCount(0); // a printed blank cannot quietly go back
  await page.getByTestId('spoil-reason').selectOption('misprint');
  await page.getByTestId('spoil').click();
  await page.getByTestId('take-and-print').click();
  // The spoiled blank may still be on screen, printed, for a moment: wait for the next number.
  await expect(page.getByTestId('issue-blank')).not.toHaveText(first);
  await expect(page.getByTestId('issue-blank')).toHaveAttribute('data-printed', 'true');
  const second = (await page.getByTestId('issue-blank').textContent())!;
  await tickChecklist(page);
  await page.getByTestId('hand-over').click();
  await expect(page.getByTestId('issue-blank')).toHaveAttribute('data-state', 'issued');
  await expect(page.getByTestId('open-reservations')).toHaveCount(0);
  await expect(page.getByTestId('sync-waiting')).toHaveAttribute('data-count', '0');
  await expect.poll(() => centreBlankEvents(first)).toEqual(['reserved', 'print-requested', 'print-requested', 'printed', 'spoiled']);
  await expect.poll(() => centreBlankEvents(second)).toEqual(['reserved', 'print-requested', 'printed', 'issued']);
  expect(readdirSync(printed).filter((f) => f.endsWith('.pdf')).sort()).toEqual([`addendum-${first}-A26-000011.pdf`, `addendum-${second}-A26-000011.pdf`, 'addendum-C0100001-A26-000001.pdf'].sort());
  await page.close();
});
