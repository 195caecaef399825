/**
 * The central server. PostgreSQL when DATABASE_URL is set, else embedded PGlite kept in --data-dir.
 * Prints `central server: URL` once it listens, so `npm start` and tests can find it.
 *
 *   --port N (8787; 0 = any free port)  --host (127.0.0.1)  --data-dir DIR (.data/central)
 *   --demo-permits N (1000; 0 = none)   --demo-device-token TOKEN registered for --demo-checkpoint
 *   (dostyk-avto) and --demo-desk (dostyk-avto-1) as --demo-role (desk | supervisor);
 *   --demo-device TOKEN=CHECKPOINT/DESK[/supervisor] (repeatable)
 *   registers more desks, e.g. a second checkpoint in tests
 *   --admin-token TOKEN (or SHEKARA_ADMIN_TOKEN) registers the central administrator, who opens
 *   /admin/#token=TOKEN
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildServer } from './app.ts';
import type { Db } from './db/db.ts';
import { migrate } from './db/migrate.ts';
import { openPglite } from './db/pglite.ts';
import { openPostgres } from './db/postgres.ts';
import { seedDemo } from './demo/seed.ts';
import { registerDevice } from './sync/devices.ts';

const { values: flags } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.PORT ?? '8787' },
    host: { type: 'string', default: '127.0.0.1' },
    'data-dir': { type: 'string', default: '.data/central' },
    'demo-permits': { type: 'string', default: '1000' },
    'demo-device-token': { type: 'string' },
    'demo-checkpoint': { type: 'string', default: 'dostyk-avto' },
    'demo-desk': { type: 'string', default: 'dostyk-avto-1' },
    'demo-role': { type: 'string', default: 'desk' },
    'demo-device': { type: 'string', multiple: true, default: [] },
    'admin-token': { type: 'string', default: process.env.SHEKARA_ADMIN_TOKEN ?? '' },
  },
});

async function openDb(): Promise<Db> {
  if (process.env.DATABASE_URL) return openPostgres(process.env.DATABASE_URL);
  await mkdir(flags['data-dir']!, { recursive: true });
  return openPglite(flags['data-dir']);
}

const port = Number(flags.port);
const demoPermits = Number(flags['demo-permits']);
if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0…65535, not ${flags.port}`);
if (!Number.isInteger(demoPermits) || demoPermits < 0) throw new Error(`--demo-permits must be a whole number, not ${flags['demo-permits']}`);

const db = await openDb();
await migrate(db);
if (flags['demo-role'] !== 'desk' && flags['demo-role'] !== 'supervisor') throw new Error(`--demo-role must be desk or supervisor, not ${flags['demo-role']}`);
if (flags['demo-device-token']) await registerDevice(db, flags['demo-device-token'], { checkpointId: flags['demo-checkpoint']!, deskId: flags['demo-desk']!, role: flags['demo-role'] });
for (const spec of flags['demo-device']!) {
  const m = /^([^=]{16,200})=([a-z-]+)\/([A-Za-z0-9-]{1,40})(\/supervisor)?$/.exec(spec);
  if (!m) throw new Error(`--demo-device must be TOKEN=CHECKPOINT/DESK[/supervisor] with a token of 16+ characters, not ${spec}`);
  await registerDevice(db, m[1]!, { checkpointId: m[2]!, deskId: m[3]!, role: m[4] ? 'supervisor' : 'desk' });
}
if (flags['admin-token']) {
  if (flags['admin-token'].length < 16) throw new Error('--admin-token must have at least 16 characters');
  await registerDevice(db, flags['admin-token'], { checkpointId: 'centre', deskId: 'admin', role: 'admin' });
}
const seeded = await seedDemo(db, { permits: demoPermits });
if (seeded > 0) process.stderr.write(`seeded ${seeded} demo permits\n`);

// The built page sits beside the bundle (dist/admin next to dist/server); from sources it is not built.
const adminPageDir = fileURLToPath(new URL('../admin/', import.meta.url));
const app = buildServer({ db, ...(existsSync(`${adminPageDir}admin.js`) ? { adminPageDir } : {}) });
try {
  await app.listen({ port, host: flags.host });
} catch (err) {
  // Port taken, say: close PGlite anyway so its folder stays usable for the next start.
  process.stderr.write(`central server: cannot listen: ${(err as Error).message}\n`);
  await db.close();
  process.exit(1);
}
const address = app.server.address();
const actualPort = typeof address === 'object' && address ? address.port : port;
const shownHost = flags.host === '0.0.0.0' ? '127.0.0.1' : flags.host;
console.log(`central server: http://${shownHost}:${actualPort}`);

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await app.close();
  // PGlite must be closed, or the next start on the same folder finds it half-written.
  await db.close();
  process.exit(0);
}
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
