/**
 * A TCP proxy between desks and the centre that injects the faults a border link produces: delays,
 * connections reset at once, black holes that accept and never answer, responses lost after the server
 * committed, and requests delivered twice. The mode can change at any moment; it applies to new
 * connections and to bytes not yet forwarded.
 */
import { connect, createServer, type Server, type Socket } from 'node:net';

export type FaultMode =
  | { kind: 'pass' }
  | { kind: 'delay'; ms: number }
  | { kind: 'reset' }
  | { kind: 'blackhole' }
  /** The request reaches the server; its answer never reaches the desk (a timeout after commit). */
  | { kind: 'drop-response' }
  /** Every request the desk sends is also sent again on a second connection. */
  | { kind: 'duplicate' };

export type FaultProxy = { port: number; url: string; setMode(mode: FaultMode): void; dropAll(): void; close(): Promise<void> };

export async function startFaultProxy(target: { host: string; port: number }): Promise<FaultProxy> {
  let mode: FaultMode = { kind: 'pass' };
  const open = new Set<Socket>();
  const track = (s: Socket) => {
    open.add(s);
    s.on('close', () => open.delete(s));
    s.on('error', () => undefined);
    return s;
  };

  const server: Server = createServer((client) => {
    track(client);
    const at = mode;
    if (at.kind === 'reset') return void client.resetAndDestroy();
    if (at.kind === 'blackhole') return void client.on('data', () => undefined);
    const upstream = track(connect(target.port, target.host));
    const sent: Buffer[] = [];
    client.on('data', (chunk: Buffer) => {
      sent.push(chunk);
      const forward = () => upstream.write(chunk);
      if (mode.kind === 'delay') setTimeout(forward, mode.ms);
      else forward();
    });
    upstream.on('data', (chunk: Buffer) => {
      if (mode.kind === 'drop-response' || mode.kind === 'blackhole') return void client.destroy();
      client.write(chunk);
    });
    client.on('close', () => {
      upstream.destroy();
      if (at.kind === 'duplicate' && sent.length > 0) {
        // The same bytes once more on a fresh connection; whatever the server answers is thrown away.
        const again = track(connect(target.port, target.host));
        again.on('data', () => undefined);
        again.end(Buffer.concat(sent));
      }
    });
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    setMode: (m) => (mode = m),
    /** Cut every open connection, as a link that goes down does. */
    dropAll: () => {
      for (const s of open) s.destroy();
    },
    close: async () => {
      for (const s of open) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
