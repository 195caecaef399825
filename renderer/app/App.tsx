import { useMemo, useState } from 'react';
import { deskShifts$ } from '../shift/shift-records.ts';
import { useObservable } from './use-observable.ts';
import { useTranslation } from 'react-i18next';
import { findCheckpoint } from '../../shared/reference/checkpoints.ts';
import { hasRole, type User } from '../../shared/users/user.ts';
import { LanguageButtons } from '../login/LanguageButtons.tsx';
import type { Person } from '../login/session.ts';
import { AlertsScreen } from '../alerts/AlertsScreen.tsx';
import { IssueScreen } from '../issue/IssueScreen.tsx';
import { JournalScreen } from '../journal/JournalScreen.tsx';
import { ShiftScreen } from '../shift/ShiftScreen.tsx';
import { StockScreen } from '../stock/StockScreen.tsx';
import { TechnicianScreen } from '../technician/TechnicianScreen.tsx';
import { VerifyScreen } from '../verify/VerifyScreen.tsx';
import { useDesk } from './desk-context.ts';
import { StatusBar } from './StatusBar.tsx';

type Screen = 'verify' | 'issue' | 'journal' | 'shift' | 'stock' | 'alerts' | 'technician';

/**
 * The screens each role works in. Officers record at the desk; a supervisor can do what an officer does
 * and keeps the stock at the station; a technician sets up the devices and records nothing.
 */
export function screensFor(user: Pick<User, 'roles'>, isStation: boolean): Set<Screen> {
  const screens = new Set<Screen>();
  const add = (...s: Screen[]) => s.forEach((x) => screens.add(x));
  if (hasRole(user, 'officer') || hasRole(user, 'supervisor')) add('verify', 'issue', 'journal', 'shift', 'alerts');
  if (hasRole(user, 'supervisor') && isStation) add('stock');
  // A technician checks a scanner end to end at the Verify screen; it records nothing there (checkOnly).
  if (hasRole(user, 'technician')) add('verify', 'technician');
  return screens;
}

export function App({ user }: { user: Person }) {
  const { t, i18n } = useTranslation();
  const desk = useDesk();
  const isStation = desk.info.role === 'supervisor';
  const allowed = screensFor(user, isStation);
  const first: Screen = isStation && allowed.has('stock') ? 'stock' : allowed.has('issue') ? 'verify' : 'technician';
  const [chosen, setScreen] = useState<Screen>(first);
  // A screen the role does not have is never shown, whatever was chosen.
  const screen = allowed.has(chosen) ? chosen : first;
  const checkOnly = !hasRole(user, 'officer') && !hasRole(user, 'supervisor');
  // A shift belongs to the officer who opened it: nobody else records in it; a supervisor closes it.
  const shifts = useObservable(useMemo(() => deskShifts$(desk.db, desk.info.deskId), [desk]), null);
  const shiftOwner = shifts?.open && shifts.open.officerName !== user.name ? shifts.open.officerName : null;
  const cp = findCheckpoint(desk.info.checkpointId);
  const cpName = cp ? (i18n.language === 'ru' ? cp.nameRu : i18n.language === 'en' ? cp.nameEn : cp.nameKk) : desk.info.checkpointId;
  return (
    <div className={checkOnly ? 'app check-only' : 'app'} data-check-only={checkOnly}>
      <header className="app-header">
        <span className="brand">{t('app.title')}</span>
        <span data-testid="checkpoint-name">
          {t('app.checkpoint')}: {cpName}
        </span>
        <span>
          {t('app.desk')}: {desk.info.deskId}
        </span>
        <nav className="tabs">
          {allowed.has('verify') && (
            <button type="button" data-testid="tab-verify" aria-pressed={screen === 'verify'} onClick={() => setScreen('verify')}>
              {t('app.tabVerify')}
            </button>
          )}
          {allowed.has('issue') && (
            <button type="button" data-testid="tab-issue" aria-pressed={screen === 'issue'} onClick={() => setScreen('issue')}>
              {t('app.tabIssue')}
            </button>
          )}
          {allowed.has('journal') && (
            <button type="button" data-testid="tab-journal" aria-pressed={screen === 'journal'} onClick={() => setScreen('journal')}>
              {t('journal.tab')}
            </button>
          )}
          {allowed.has('stock') && (
            <button type="button" data-testid="tab-stock" aria-pressed={screen === 'stock'} onClick={() => setScreen('stock')}>
              {t('stock.tab')}
            </button>
          )}
          {/* At the station the shift is the checkpoint's: its store counted at the change of supervisors. */}
          {allowed.has('shift') && (
            <button type="button" data-testid="tab-shift" aria-pressed={screen === 'shift'} onClick={() => setScreen('shift')}>
              {isStation ? t('shift.tabCheckpoint') : t('shift.tab')}
            </button>
          )}
          {allowed.has('technician') && (
            <button type="button" data-testid="tab-technician" aria-pressed={screen === 'technician'} onClick={() => setScreen('technician')}>
              {t('tech.tab')}
            </button>
          )}
        </nav>
        <span className="user" data-testid="current-user">
          {user.name} ({user.roles.map((r) => t(`login.roles.${r}`)).join(', ')})
        </span>
        <button type="button" data-testid="lock-desk" onClick={() => desk.session.lock('asked')}>
          {t('login.lock')}
        </button>
        <button type="button" data-testid="log-out" onClick={() => desk.session.logOut()}>
          {t('login.logOut')}
        </button>
        <LanguageButtons />
      </header>
      {checkOnly && screen === 'verify' && (
        <p className="notice notice-warning" data-testid="check-only">
          {t('login.checkOnly')}
        </p>
      )}
      {shiftOwner && !checkOnly && (screen === 'verify' || screen === 'issue') ? (
        <p className="notice error shift-of-another" role="alert" data-testid="shift-of-another">
          {t('login.shiftOfAnother', { name: shiftOwner })}
        </p>
      ) : screen === 'verify' ? <VerifyScreen /> : screen === 'issue' ? <IssueScreen /> : screen === 'journal' ? <JournalScreen /> : screen === 'shift' ? <ShiftScreen /> : screen === 'stock' ? <StockScreen /> : screen === 'technician' ? <TechnicianScreen /> : <AlertsScreen />}
      <StatusBar onOpenAlerts={() => allowed.has('alerts') && setScreen('alerts')} />
    </div>
  );
}
