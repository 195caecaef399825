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
import { DeskEnrolmentError, enrolDesk, type EnrolmentFailure } from '../electron/services/desk-enrolment.ts';

const MESSAGES: Record<EnrolmentFailure | 'usage' | 'done', [en: string, ru: string, kk: string]> = {
  usage: [
    'Usage: npm run enrol -- --server URL --code CODE [--data-dir DIR]',
    'Запуск: npm run enrol -- --server URL --code КОД [--data-dir ПАПКА]',
    'Іске қосу: npm run enrol -- --server URL --code КОД [--data-dir ҚАЛТА]',
  ],
  'invalid-code': [
    'The code is not valid. Check it letter by letter, or ask the central administrator for a new one.',
    'Код неверен. Проверьте его по буквам или попросите у центрального администратора новый.',
    'Код жарамсыз. Оны әріп бойынша тексеріңіз немесе орталық әкімшіден жаңасын сұраңыз.',
  ],
  'code-used': [
    'This code has been used already. Ask the central administrator for a new one.',
    'Этот код уже использован. Попросите у центрального администратора новый.',
    'Бұл код бұрын пайдаланылған. Орталық әкімшіден жаңасын сұраңыз.',
  ],
  'code-expired': [
    'This code has expired (a code is valid 24 hours). Ask the central administrator for a new one.',
    'Срок действия кода истёк (код действует 24 часа). Попросите у центрального администратора новый.',
    'Кодтың мерзімі өтті (код 24 сағат жарамды). Орталық әкімшіден жаңасын сұраңыз.',
  ],
  unreachable: [
    'The central server cannot be reached. Check the address and the network, then try again.',
    'Центральный сервер недоступен. Проверьте адрес и сеть и повторите попытку.',
    'Орталық серверге қосылу мүмкін емес. Мекенжай мен желіні тексеріп, қайталап көріңіз.',
  ],
  'rate-limited': [
    'Too many attempts from this desk. Wait a few minutes, then try again.',
    'Слишком много попыток. Подождите несколько минут и повторите.',
    'Әрекет тым көп. Бірнеше минут күтіп, қайталап көріңіз.',
  ],
  refused: ['The central server refused the enrolment.', 'Центральный сервер отклонил регистрацию.', 'Орталық сервер тіркеуден бас тартты.'],
  done: ['The desk is enrolled.', 'Пульт зарегистрирован.', 'Пульт тіркелді.'],
};

const say = (key: keyof typeof MESSAGES) => MESSAGES[key].join('\n');

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
if (!flags?.server || !flags.code || !/^https?:\/\//i.test(flags.server)) {
  process.stderr.write(`${say('usage')}\n`);
  process.exit(2);
}
const dataDir = resolve(flags['data-dir']!);
try {
  const { identity } = await enrolDesk({ dataDir, serverUrl: flags.server, code: flags.code });
  process.stdout.write(`${say('done')}\n  ${identity.checkpointId} / ${identity.deskId} (${identity.role})\n  ${dataDir}\n`);
} catch (err) {
  if (err instanceof DeskEnrolmentError) {
    process.stderr.write(`${say(err.reason)}\n  (${err.message})\n`);
    process.exit(1);
  }
  throw err;
}
