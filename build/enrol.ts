/**
 * `npm run enrol -- --server URL --code CODE [--data-dir DIR]`: the technician enrols a desk with the
 * one-time code the central administrator made for it. The desk's token and identity are kept in the data
 * folder (desk-identity.json) and the app starts from them when no SHEKARA_DEVICE_TOKEN is set.
 * --data-dir defaults to SHEKARA_DESK_DATA_DIR, else .data/desk (the web host's default); for the
 * Electron app pass the folder it uses (SHEKARA_DESK_DATA_DIR, or its user-data folder's desk/).
 * Messages in English, Russian and Kazakh; exit code 0 on success, 1 on refusal, 2 on bad usage.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DeskEnrolmentError, enrolDesk } from '../electron/services/desk-enrolment.ts';
import { parseServerUrl } from '../shared/devices/enrolment.ts';
import { ENROLMENT_TEXTS, type EnrolmentTexts } from '../shared/devices/enrolment-texts.ts';

const USAGE = [
  'Usage: npm run enrol -- --server URL --code CODE [--data-dir DIR]',
  'Запуск: npm run enrol -- --server URL --code КОД [--data-dir ПАПКА]',
  'Іске қосу: npm run enrol -- --server URL --code КОД [--data-dir ҚАЛТА]',
].join('\n');

// The same sentences as the setup wizard's (shared/devices/enrolment-texts.ts), English first.
const say = (key: keyof EnrolmentTexts) => (['en', 'ru', 'kk'] as const).map((lng) => ENROLMENT_TEXTS[lng][key]).join('\n');

function parse() {
  try {
    return parseArgs({
      options: {
        server: { type: 'string' },
        code: { type: 'string' },
        'data-dir': { type: 'string', default: process.env.SHEKARA_DESK_DATA_DIR ?? '.data/desk' },
      },
    }).values;
  } catch {
    return null;
  }
}

const flags = parse();
if (!flags?.server || !flags.code) {
  process.stderr.write(`${USAGE}\n`);
  process.exit(2);
}
// https, or http to this machine only: the same rule as the setup wizard's (parseServerUrl says why).
const server = parseServerUrl(flags.server);
if (!server.ok) {
  process.stderr.write(`${say(server.problem)}\n${USAGE}\n`);
  process.exit(2);
}
const dataDir = resolve(flags['data-dir']!);
try {
  const { identity } = await enrolDesk({ dataDir, serverUrl: server.url, code: flags.code });
  process.stdout.write(`${say('done')}\n  ${identity.checkpointId} / ${identity.deskId} (${identity.role})\n  ${dataDir}\n`);
} catch (err) {
  if (err instanceof DeskEnrolmentError) {
    process.stderr.write(`${say(err.reason)}\n  (${err.message})\n`);
    process.exit(1);
  }
  throw err;
}
