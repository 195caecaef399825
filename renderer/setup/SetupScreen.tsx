import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { EnrolResult, SetupBridge, SetupDescription, SetupFailure } from '../../shared/bridge/setup-bridge.ts';
import { ENROLMENT_CODE_ALPHABET, ENROLMENT_CODE_LENGTH, ENROLMENT_FAILURES, normaliseEnrolmentCode, parseServerUrl } from '../../shared/devices/enrolment.ts';
import { findCheckpoint } from '../../shared/reference/checkpoints.ts';
import { LanguageButtons } from '../login/LanguageButtons.tsx';

type Enrolled = Extract<EnrolResult, { ok: true }>;
type Step = 1 | 2 | 3;

/** A refusal as a text key (translated when shown, so a change of language applies), and the machine's own words beneath it. */
type Problem = { key: string; url?: string; detail?: string; nothingChanged?: boolean };

function looksLikeCode(typed: string): boolean {
  const code = normaliseEnrolmentCode(typed);
  return code.length === ENROLMENT_CODE_LENGTH && [...code].every((ch) => ENROLMENT_CODE_ALPHABET.includes(ch));
}

/**
 * The first-run wizard: the central server's address (checked by asking the centre for its keys), the
 * administrator's one-time code, then what the centre enrolled this machine as and where its data lives.
 * `afterStart` opens the desk once the machine side has accepted Start (web: load the app; Electron: the
 * main process swaps the windows).
 */
export function SetupScreen({ setup, afterStart, pageOrigin }: { setup: SetupBridge; afterStart: () => void; pageOrigin: string }) {
  const { t, i18n } = useTranslation();
  const [info, setInfo] = useState<SetupDescription | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [step, setStep] = useState<Step>(1);
  const [typedUrl, setTypedUrl] = useState('');
  // The address the centre answered at: Continue opens for that address only.
  const [answeredUrl, setAnsweredUrl] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const [enrolled, setEnrolled] = useState<Enrolled | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);

  useEffect(() => {
    setup.describe().then(
      (d) => {
        setInfo(d);
        setTypedUrl((u) => u || d.defaults.serverUrl);
      },
      (err: unknown) => setLoadError(err instanceof Error ? err.message : String(err)),
    );
  }, [setup]);

  const parsedUrl = parseServerUrl(typedUrl);
  const serverUrl = parsedUrl.ok ? parsedUrl.url : null;

  const failureProblem = (f: SetupFailure, url?: string): Problem => ({
    key: `setup.failure.${f.error}`,
    url,
    detail: f.message,
    // The centre's refusals and a centre not reached leave the disk as it was (desk-enrolment.ts).
    nothingChanged: (ENROLMENT_FAILURES as readonly string[]).includes(f.error) || f.error === 'bad-request',
  });

  const run = async (work: () => Promise<void>) => {
    if (busy) return;
    setBusy(true);
    setProblem(null);
    try {
      await work();
    } catch (err) {
      setProblem({ key: 'setup.failure.internal', detail: err instanceof Error ? err.message : String(err) });
    } finally {
      setBusy(false);
    }
  };

  const check = (e: FormEvent) => {
    e.preventDefault();
    setAnsweredUrl(null);
    if (!parsedUrl.ok) return setProblem({ key: `setup.failure.${parsedUrl.problem}` });
    void run(async () => {
      const r = await setup.checkServer({ serverUrl: parsedUrl.url });
      if (r.ok) setAnsweredUrl(r.serverUrl);
      else setProblem(failureProblem(r, parsedUrl.url));
    });
  };

  const enrol = (e: FormEvent) => {
    e.preventDefault();
    if (!answeredUrl) return;
    if (!looksLikeCode(code)) return setProblem({ key: 'setup.codeShape' });
    void run(async () => {
      const r = await setup.enrol({ serverUrl: answeredUrl, code });
      if (r.ok) {
        setEnrolled(r);
        setCode('');
        setStep(3);
      } else setProblem(failureProblem(r, answeredUrl));
    });
  };

  const start = () =>
    void run(async () => {
      const r = await setup.start();
      if (r.ok) afterStart();
      else setProblem(failureProblem(r));
    });

  const goTo = (next: Step) => {
    setProblem(null);
    setStep(next);
  };

  if (loadError) {
    return (
      <p className="startup-error" role="alert" data-testid="setup-load-error">
        {t('setup.loadFailed', { message: loadError })}
      </p>
    );
  }
  if (!info) return <p className="loading">{t('startup.loading')}</p>;

  const checkpoint = enrolled ? findCheckpoint(enrolled.checkpointId) : undefined;
  const checkpointName = checkpoint ? (i18n.language === 'ru' ? checkpoint.nameRu : i18n.language === 'en' ? checkpoint.nameEn : checkpoint.nameKk) : enrolled?.checkpointId;
  const stepNames = [t('setup.stepNames.server'), t('setup.stepNames.code'), t('setup.stepNames.confirm')];

  return (
    <div className="setup-screen" data-testid="setup-screen">
      <main className="setup-form" aria-labelledby="setup-title">
        <LanguageButtons />
        <h1 id="setup-title">{t('setup.title')}</h1>
        <ol className="setup-steps" aria-label={t('setup.step', { n: step })}>
          {stepNames.map((name, i) => (
            <li key={name} aria-current={step === i + 1 ? 'step' : undefined} data-testid={`setup-step-${i + 1}`}>
              {name}
            </li>
          ))}
        </ol>

        {step === 1 && (
          <form onSubmit={check} noValidate>
            <p className="muted">{t('setup.intro')}</p>
            <label>
              <span className="label">{t('setup.serverLabel')}</span>
              <input
                data-testid="setup-server-url"
                type="url"
                inputMode="url"
                value={typedUrl}
                onChange={(e) => (setTypedUrl(e.target.value), setAnsweredUrl(null), setProblem(null))}
                placeholder="https://shekara.example.kz"
                autoComplete="off"
                autoCapitalize="off"
                spellCheck={false}
                autoFocus
              />
            </label>
            <p className="muted small">{t('setup.serverHint')}</p>
            <div className="setup-actions">
              <button type="submit" data-testid="setup-check" disabled={busy || typedUrl.trim() === ''}>
                {busy ? t('setup.checking') : t('setup.check')}
              </button>
              <button type="button" className="primary" data-testid="setup-next" disabled={busy || !answeredUrl || answeredUrl !== serverUrl} onClick={() => goTo(2)}>
                {t('setup.next')}
              </button>
            </div>
            {answeredUrl && !problem && (
              <p className="notice ok" role="status" data-testid="setup-server-answered">
                {t('setup.answered', { url: answeredUrl })}
              </p>
            )}
          </form>
        )}

        {step === 2 && (
          <form onSubmit={enrol} noValidate>
            <p className="muted" data-testid="setup-server-is">
              {t('setup.serverIs', { url: answeredUrl })}
            </p>
            <label>
              <span className="label">{t('setup.codeLabel')}</span>
              <input
                data-testid="setup-code"
                className="setup-code"
                value={code}
                onChange={(e) => (setCode(e.target.value), setProblem(null))}
                placeholder="ABCD-EFGH-JKMN"
                autoComplete="off"
                autoCapitalize="characters"
                spellCheck={false}
                maxLength={40}
                autoFocus
              />
            </label>
            <p className="muted small">{t('setup.codeHint')}</p>
            <div className="setup-actions">
              <button type="button" data-testid="setup-back" disabled={busy} onClick={() => goTo(1)}>
                {t('setup.back')}
              </button>
              <button type="submit" className="primary" data-testid="setup-enrol" disabled={busy || code.trim() === ''}>
                {busy ? t('setup.enrolling') : t('setup.enrol')}
              </button>
            </div>
          </form>
        )}

        {step === 3 && enrolled && (
          <section data-testid="setup-enrolled">
            <p className="notice ok" role="status">
              {t('setup.done')}
            </p>
            <p>{t('setup.enrolledAs')}</p>
            <dl className="setup-facts">
              <dt>{t('setup.checkpoint')}</dt>
              <dd data-testid="setup-checkpoint">
                {checkpointName} <span className="muted">({enrolled.checkpointId})</span>
              </dd>
              <dt>{t('setup.desk')}</dt>
              <dd data-testid="setup-desk">{enrolled.deskId}</dd>
              <dt>{t('setup.role')}</dt>
              <dd data-testid="setup-role">{t(`setup.roles.${enrolled.role}`)}</dd>
              <dt>{t('setup.server')}</dt>
              <dd data-testid="setup-server">{enrolled.serverUrl}</dd>
            </dl>
            <h2>{t('setup.whereTitle')}</h2>
            <p>
              {t('setup.dataDir')} <code data-testid="setup-data-dir">{info.dataDir}</code>
              <br />
              <span className="muted">{t('setup.dataDirContents')}</span>
            </p>
            <p data-testid="setup-replica">
              {info.profileDir !== null ? (
                <>
                  {t('setup.replicaElectron')} <code>{info.profileDir}</code>
                </>
              ) : (
                t('setup.replicaWeb', { origin: pageOrigin })
              )}
            </p>
            <div className="setup-actions">
              <button type="button" className="primary" data-testid="setup-start" disabled={busy} onClick={start}>
                {busy ? t('setup.starting') : t('setup.start')}
              </button>
            </div>
          </section>
        )}

        {problem && (
          <div className="notice error" role="alert" data-testid="setup-problem">
            <p>
              {t(problem.key, { url: problem.url })}
              {problem.nothingChanged && <> {t('setup.nothingChanged')}</>}
            </p>
            {problem.detail && <p className="small">{t('setup.detail', { message: problem.detail })}</p>}
          </div>
        )}
        <p className="muted small setup-version">{t('setup.version', { version: info.version })}</p>
      </main>
    </div>
  );
}
