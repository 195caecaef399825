import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { hasRole } from '../../shared/users/user.ts';
import { DESK_CODE_TECHNICIAN, type Person } from './session.ts';
import { useDesk } from '../app/desk-context.ts';
import { formatKzTime } from '../../shared/shifts/shift-report.ts';
import { authenticate, type LoginRefusal } from './authenticate.ts';
import { LanguageButtons } from './LanguageButtons.tsx';
import { failureText } from '../technician/technician-text.ts';

/**
 * The login, and the lock screen over a locked session (`lockedFor`). Checked offline against the
 * desk's replica of the centre's people; a refusal says what to do, in the desk's language.
 */
export function LoginScreen({ lockedFor }: { lockedFor?: Person }) {
  const { t } = useTranslation();
  const desk = useDesk();
  const [login, setLogin] = useState(lockedFor?.id ?? '');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  // The desk's technician code: to set up a desk that has no people from the centre yet.
  const [byCode, setByCode] = useState(lockedFor?.id === DESK_CODE_TECHNICIAN);
  const [code, setCode] = useState('');

  const submitCode = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setRefusal(null);
    try {
      const r = await desk.bridge.technicianUnlock({ code });
      setCode('');
      if (r.ok) desk.session.logIn({ id: DESK_CODE_TECHNICIAN, name: t('login.deskCodeName'), roles: ['technician'] }, r.session);
      else setRefusal(failureText(t, r));
    } finally {
      setBusy(false);
    }
  };

  const refusalText = (r: LoginRefusal): string =>
    r.code === 'wrong' ? t('login.wrong', { count: r.left }) : r.code === 'locked-out' ? t('login.lockedOut', { time: formatKzTime(new Date(r.until).toISOString()) }) : r.code === 'no-people' ? t('login.noPeople') : t('login.notAllowed');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setRefusal(null);
    try {
      const outcome = await authenticate(desk.db, { checkpointId: desk.info.checkpointId, role: desk.info.role ?? 'desk' }, desk.attempts, login, password);
      setPassword('');
      if (outcome.ok) {
        // A technician's tools open on the machine side's own check of the same login; the code stays for a desk with no people yet.
        const tools = hasRole(outcome.user, 'technician') ? await desk.bridge.technicianUnlock({ user: outcome.user, password }) : null;
        desk.session.logIn(outcome.user, tools?.ok ? tools.session : null);
      } else {
        setRefusal(refusalText(outcome.refusal));
        desk.onLoginRefused(login, outcome.refusal);
      }
    } catch (err) {
      setRefusal(t('login.failed', { message: err instanceof Error ? err.message : String(err) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className={lockedFor ? 'lock-screen' : 'login-screen'} data-testid={lockedFor ? 'lock-screen' : 'login-screen'} role="dialog" aria-modal="true" aria-labelledby="login-title">
      {byCode ? (
        <form className="login-form" onSubmit={(e) => void submitCode(e)}>
          <LanguageButtons />
          <h1 id="login-title">{lockedFor ? t('login.lockedTitle') : t('login.deskCodeTitle')}</h1>
          <p className="muted">{t('login.deskCodeHint')}</p>
          <label>
            <span className="label">{t('tech.code')}</span>
            <input data-testid="desk-code-input" type="password" value={code} onChange={(e) => setCode(e.target.value)} autoComplete="off" autoFocus />
          </label>
          <button type="submit" data-testid="desk-code-submit" disabled={busy || code === ''}>
            {busy ? t('login.checking') : t('tech.unlock')}
          </button>
          <button type="button" className="link" data-testid="login-by-password" onClick={() => (setByCode(false), setRefusal(null))}>
            {t('login.byPassword')}
          </button>
          {refusal && (
            <p className="notice error" role="alert" data-testid="login-error">
              {refusal}
            </p>
          )}
        </form>
      ) : (
      <form className="login-form" onSubmit={(e) => void submit(e)}>
        <LanguageButtons />
        <h1 id="login-title">{lockedFor ? t('login.lockedTitle') : t('login.title')}</h1>
        <p className="muted">
          {t('app.title')} · {desk.info.checkpointId} · {desk.info.deskId}
        </p>
        {lockedFor && <p data-testid="locked-for">{t('login.lockedFor', { name: lockedFor.name })}</p>}
        <label>
          <span className="label">{t('login.loginLabel')}</span>
          <input data-testid="login-input" value={login} onChange={(e) => setLogin(e.target.value)} autoComplete="username" autoCapitalize="off" spellCheck={false} autoFocus={!lockedFor} />
        </label>
        <label>
          <span className="label">{t('login.passwordLabel')}</span>
          <input data-testid="password-input" type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" autoFocus={!!lockedFor} />
        </label>
        <button type="submit" data-testid="login-submit" disabled={busy || login.trim() === '' || password === ''}>
          {busy ? t('login.checking') : t('login.submit')}
        </button>
        {refusal && (
          <p className="notice error" role="alert" data-testid="login-error">
            {refusal}
          </p>
        )}
        <button type="button" className="link" data-testid="login-by-desk-code" onClick={() => (setByCode(true), setRefusal(null))}>
          {t('login.byDeskCode')}
        </button>
      </form>
      )}
    </div>
  );
}
