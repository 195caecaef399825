import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HAS_SOCAT, openPtyPair, writeToPty, type PtyPair } from '../../test/support/pty-pair.ts';
import { createScanHub, type ScanHub } from './scan-hub.ts';

/** The hub reads a real serial port: socat's pseudo-terminal pair, a "scanner" writes into the other end. */
describe.skipIf(!HAS_SOCAT)('scan hub', () => {
  let pty: PtyPair;
  let deskPath: string;
  let hub: ScanHub;

  beforeAll(async () => {
    pty = await openPtyPair();
    deskPath = pty.deskEnd;
  });
  afterEach(() => hub?.close());
  afterAll(() => pty?.close());

  const scan = (text: string) => writeToPty(pty.farEnd, text);

  it('opens the port, numbers the codes, and a long poll wakes when the next code arrives', async () => {
    hub = createScanHub();
    expect(hub.state()).toEqual({ state: 'off' });
    expect(await hub.configure({ path: deskPath, baudRate: 9600, lineEnding: 'CR' })).toEqual({ state: 'open', port: deskPath });

    scan('ABC123\r');
    const first = await hub.read(0, 2_000);
    expect(first.serial.state).toBe('open');
    expect(first.scans).toHaveLength(1);
    expect(first.scans[0]).toMatchObject({ seq: 1, decoded: 'ABC123', raw: 'ABC123' });

    // Nothing after 1 yet: the read waits, and returns as soon as the next code comes, not at waitMs.
    const started = Date.now();
    const waiting = hub.read(1, 5_000);
    setTimeout(() => scan('C0100002\r'), 150);
    const next = await waiting;
    const took = Date.now() - started;
    expect(next.scans.map((s) => [s.seq, s.decoded])).toEqual([[2, 'C0100002']]);
    expect(took).toBeGreaterThanOrEqual(100);
    expect(took).toBeLessThan(2_500);

    // Asking from 0 again (a screen that restarted) gives both.
    expect((await hub.read(0, 0)).scans.map((s) => s.seq)).toEqual([1, 2]);
  });

  it('an empty long poll returns after waitMs with no scans', async () => {
    hub = createScanHub();
    const started = Date.now();
    const result = await hub.read(0, 200);
    expect(result).toEqual({ scans: [], serial: { state: 'off' } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
  });

  it('configure(null) turns the serial scanner off; a bad port is failed with a message', async () => {
    const logged: string[] = [];
    hub = createScanHub((l) => logged.push(l));
    expect((await hub.configure({ path: deskPath, baudRate: 9600, lineEnding: 'CR' })).state).toBe('open');
    expect(await hub.configure(null)).toEqual({ state: 'off' });
    expect(hub.state()).toEqual({ state: 'off' });

    const failed = await hub.configure({ path: '/dev/ttyShekaraAbsent0', baudRate: 9600, lineEnding: 'CR' });
    expect(failed).toMatchObject({ state: 'failed', port: '/dev/ttyShekaraAbsent0', message: expect.stringMatching(/^no-such-port: /) });
    expect(hub.state()).toEqual(failed);
    expect(logged.join('\n')).toContain('/dev/ttyShekaraAbsent0');
  });

  it('a failed configure wakes a waiting read, which reports the failure', async () => {
    hub = createScanHub();
    const started = Date.now();
    const waiting = hub.read(0, 5_000);
    await hub.configure({ path: '/dev/ttyShekaraAbsent0', baudRate: 9600, lineEnding: 'CR' });
    expect((await waiting).serial.state).toBe('failed');
    expect(Date.now() - started).toBeLessThan(2_500);
  });

  it('overlapping configures of one port open it once: every code is delivered once', async () => {
    hub = createScanHub();
    const profile = { path: deskPath, baudRate: 9600 as const, lineEnding: 'CR' as const };
    const states = await Promise.all([hub.configure(profile), hub.configure(profile), hub.configure({ ...profile })]);
    expect(states.map((s) => s.state)).toEqual(['open', 'open', 'open']);
    scan('ONCE42\r');
    const { scans } = await hub.read(0, 2_000);
    await new Promise((r) => setTimeout(r, 200)); // a second open port would deliver its copy by now
    expect((await hub.read(0, 0)).scans.map((s) => s.decoded)).toEqual(['ONCE42']);
    expect(scans).toHaveLength(1);
  });
});
