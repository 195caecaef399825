import type { Bridge } from '../../shared/bridge/bridge.ts';
import { centrePublicKeySchema } from '../../shared/keys/certificate-json.ts';
import { verifyAddendumQr, type AddendumQrVerdict } from '../../shared/qr/addendum-qr.ts';

/**
 * Verifies a scanned addendum QR offline: the centre's public keys come from this machine (learnt at
 * enrolment), not from the network, so any checkpoint can check any other's addendum during an outage.
 */
export async function checkAddendumQr(bridge: Bridge, text: string, nowMs: number): Promise<AddendumQrVerdict> {
  const info = await bridge.getAppInfo();
  const keys: Record<string, Uint8Array> = {};
  for (const k of info.centrePublicKeys ?? []) {
    const parsed = centrePublicKeySchema.safeParse(k);
    if (parsed.success) keys[parsed.data.keyId] = parsed.data.publicKey;
  }
  return verifyAddendumQr(text, keys, nowMs);
}
