import { ENROLMENT_TEXTS } from '../../shared/devices/enrolment-texts.ts';

/**
 * Kazakh texts of the first-run setup wizard (renderer/setup/). The enrolment refusals are the
 * command line's own sentences (shared/devices/enrolment-texts.ts). Only the wizard's page loads these.
 */
export const setupKk = {
  setup: {
    title: 'Жұмыс орнын баптау',
    intro: 'Бұл компьютер әлі Шекара жұмыс орны емес. Үш қадам: орталық сервер, орталық әкімшінің коды, содан кейін тексеріп, жұмысты бастау.',
    step: '{{n}}-қадам, барлығы 3',
    stepNames: { server: 'Орталық сервер', code: 'Тіркеу коды', confirm: 'Растау' },
    serverLabel: 'Орталық сервердің мекенжайы',
    serverHint:
      'Мысалы, https://shekara.example.kz. Тек https: код, токен және қызметкерлердің құпиясөз тексергіштері желі арқылы тек шифрланған байланыспен жіберіледі. http тек осы компьютердің өзіндегі серверге рұқсат етіледі (localhost, 127.0.0.1).',
    check: 'Қосылуды тексеру',
    checking: 'Тексерілуде…',
    answered: '{{url}} мекенжайындағы орталық сервер жауап берді.',
    next: 'Жалғастыру',
    back: 'Артқа қайту',
    serverIs: 'Орталық сервер: {{url}}',
    codeLabel: 'Бір реттік тіркеу коды',
    codeHint: 'Кодты орталық әкімші осы жұмыс орнына арнап береді: 12 таңба, мысалы ABCD-EFGH-JKMN. Код 24 сағат жарамды және бір рет қана қолданылады.',
    codeShape: 'Бұл код емес: код 12 таңбадан тұрады (латын әріптері мен 2–9 цифрлары), мысалы ABCD-EFGH-JKMN.',
    enrol: 'Жұмыс орнын тіркеу',
    enrolling: 'Тіркелуде…',
    nothingChanged: 'Бұл компьютерде ештеңе өзгерген жоқ.',
    detail: 'Техникалық мәлімет: {{message}}',
    enrolledAs: 'Орталық бұл компьютерді былай тіркеді:',
    checkpoint: 'Өткізу пункті',
    desk: 'Жұмыс орны',
    role: 'Рөлі',
    server: 'Орталық сервер',
    roles: { desk: 'инспектордың жұмыс орны', supervisor: 'ауысым бастығының станциясы (қойма және бланк топтамалары)' },
    whereTitle: 'Деректер қайда сақталады',
    dataDir: 'Жұмыс орнының деректер қалтасы:',
    dataDirContents: 'тіркелу (desk-identity.json), қол қою кілті (desk-key.json), техник баптаулары (device-settings.json), журнал (logs/desk.log).',
    replicaElectron: 'Орталық деректерінің жергілікті көшірмесі (реплика) қосымша профилінің IndexedDB қорында, пайдаланушы деректері қалтасында:',
    replicaWeb: 'Орталық деректерінің жергілікті көшірмесі (реплика) осы браузер профилінің IndexedDB қорында, {{origin}} мекенжайы үшін. Жұмыс орнын әрдайым осы мекенжаймен ашыңыз: басқа порт бос репликадан басталады.',
    start: 'Жұмысты бастау',
    starting: 'Ашылуда…',
    version: 'Нұсқа {{version}}',
    done: ENROLMENT_TEXTS.kk.done,
    loadFailed: 'Баптау беті ашылмады: {{message}}',
    failure: {
      ...ENROLMENT_TEXTS.kk,
      'not-a-centre': '{{url}} мекенжайында бір нәрсе жауап берді, бірақ бұл Шекара орталық сервері емес. Мекенжай мен портты тексеріңіз.',
      'already-enrolled': 'Бұл жұмыс орны тіркеліп қойған. Қайта тіркеу үшін техник npm run enrol пәрменін пайдаланады.',
      'not-enrolled': 'Жұмыс орны әлі тіркелмеген: алдымен кодты енгізіңіз.',
      conflict: 'Жұмыс орны тіркелді, бірақ іске қосу баптаулары (орта айнымалылары) басқа өткізу пунктін немесе жұмыс орнын көрсетеді. Техникті шақырыңыз.',
      'bad-request': 'Сұрау қабылданбады.',
      internal: 'Күтпеген қате. Техникті шақырыңыз.',
    },
  },
};

export type SetupMessages = typeof setupKk;
