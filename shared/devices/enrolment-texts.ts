/**
 * What a technician reads when a desk's enrolment fails or succeeds, in the desk's three languages: one
 * text for the command line (build/enrol.ts prints all three) and the setup wizard (renderer/i18n/setup-*.ts
 * picks one), so the two never say different things about the same refusal.
 */
import type { EnrolmentFailure, ServerUrlProblem } from './enrolment.ts';

export const ENROLMENT_LANGUAGES = ['kk', 'ru', 'en'] as const;
export type EnrolmentLanguage = (typeof ENROLMENT_LANGUAGES)[number];

export type EnrolmentTexts = Record<EnrolmentFailure | ServerUrlProblem | 'done', string>;

export const ENROLMENT_TEXTS: Record<EnrolmentLanguage, EnrolmentTexts> = {
  kk: {
    'invalid-code': 'Код жарамсыз. Оны әріп бойынша тексеріңіз немесе орталық әкімшіден жаңасын сұраңыз.',
    'code-used': 'Бұл код бұрын пайдаланылған. Орталық әкімшіден жаңасын сұраңыз.',
    'code-expired': 'Кодтың мерзімі өтті (код 24 сағат жарамды). Орталық әкімшіден жаңасын сұраңыз.',
    unreachable: 'Орталық серверге қосылу мүмкін емес. Мекенжай мен желіні тексеріп, қайталап көріңіз.',
    'rate-limited': 'Әрекет тым көп. Бірнеше минут күтіп, қайталап көріңіз.',
    refused: 'Орталық сервер тіркеуден бас тартты.',
    done: 'Жұмыс орны тіркелді.',
    'not-a-url': 'Бұл сервер мекенжайы емес. Мысал: https://shekara.example.kz',
    'not-https': 'Орталық серверге тек https арқылы қосылуға болады (http тек осы компьютердің өзіне: localhost, 127.0.0.1).',
    'has-path': 'Тек сервердің мекенжайын енгізіңіз: жолсыз, сұраусыз және құпиясөзсіз (мысалы, https://shekara.example.kz:8443).',
  },
  ru: {
    'invalid-code': 'Код неверен. Проверьте его по буквам или попросите у центрального администратора новый.',
    'code-used': 'Этот код уже использован. Попросите у центрального администратора новый.',
    'code-expired': 'Срок действия кода истёк (код действует 24 часа). Попросите у центрального администратора новый.',
    unreachable: 'Центральный сервер недоступен. Проверьте адрес и сеть и повторите попытку.',
    'rate-limited': 'Слишком много попыток. Подождите несколько минут и повторите.',
    refused: 'Центральный сервер отклонил регистрацию.',
    done: 'Рабочее место зарегистрировано.',
    'not-a-url': 'Это не адрес сервера. Пример: https://shekara.example.kz',
    'not-https': 'К центральному серверу можно подключаться только по https (http — только к этому же компьютеру: localhost, 127.0.0.1).',
    'has-path': 'Введите только адрес сервера: без пути, параметров и пароля (например, https://shekara.example.kz:8443).',
  },
  en: {
    'invalid-code': 'The code is not valid. Check it letter by letter, or ask the central administrator for a new one.',
    'code-used': 'This code has been used already. Ask the central administrator for a new one.',
    'code-expired': 'This code has expired (a code is valid 24 hours). Ask the central administrator for a new one.',
    unreachable: 'The central server cannot be reached. Check the address and the network, then try again.',
    'rate-limited': 'Too many attempts from this desk. Wait a few minutes, then try again.',
    refused: 'The central server refused the enrolment.',
    done: 'The desk is enrolled.',
    'not-a-url': 'This is not a server address. Example: https://shekara.example.kz',
    'not-https': 'The central server is reached over https only (http only for this computer itself: localhost, 127.0.0.1).',
    'has-path': 'Enter the server’s address only: no path, query or password (for example https://shekara.example.kz:8443).',
  },
};
