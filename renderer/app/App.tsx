import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { findCheckpoint } from '../../shared/reference/checkpoints.ts';
import { LANGUAGES } from '../i18n/setup.ts';
import { AlertsScreen } from '../alerts/AlertsScreen.tsx';
import { IssueScreen } from '../issue/IssueScreen.tsx';
import { JournalScreen } from '../journal/JournalScreen.tsx';
import { ShiftScreen } from '../shift/ShiftScreen.tsx';
import { StockScreen } from '../stock/StockScreen.tsx';
import { TechnicianScreen } from '../technician/TechnicianScreen.tsx';
import { VerifyScreen } from '../verify/VerifyScreen.tsx';
import { useDesk } from './desk-context.ts';
import { StatusBar } from './StatusBar.tsx';

export function App() {
  const { t, i18n } = useTranslation();
  const desk = useDesk();
  const isStation = desk.info.role === 'supervisor';
  const [screen, setScreen] = useState<'verify' | 'issue' | 'journal' | 'shift' | 'stock' | 'alerts' | 'technician'>(isStation ? 'stock' : 'verify');
  const cp = findCheckpoint(desk.info.checkpointId);
  const cpName = cp ? (i18n.language === 'ru' ? cp.nameRu : i18n.language === 'en' ? cp.nameEn : cp.nameKk) : desk.info.checkpointId;
  return (
    <div className="app">
      <header className="app-header">
        <span className="brand">{t('app.title')}</span>
        <span data-testid="checkpoint-name">
          {t('app.checkpoint')}: {cpName}
        </span>
        <span>
          {t('app.desk')}: {desk.info.deskId}
        </span>
        <nav className="tabs">
          <button type="button" data-testid="tab-verify" aria-pressed={screen === 'verify'} onClick={() => setScreen('verify')}>
            {t('app.tabVerify')}
          </button>
          <button type="button" data-testid="tab-issue" aria-pressed={screen === 'issue'} onClick={() => setScreen('issue')}>
            {t('app.tabIssue')}
          </button>
          <button type="button" data-testid="tab-journal" aria-pressed={screen === 'journal'} onClick={() => setScreen('journal')}>
            {t('journal.tab')}
          </button>
          {isStation && (
            <button type="button" data-testid="tab-stock" aria-pressed={screen === 'stock'} onClick={() => setScreen('stock')}>
              {t('stock.tab')}
            </button>
          )}
          {/* At the station the shift is the checkpoint's: its store counted at the change of supervisors. */}
          <button type="button" data-testid="tab-shift" aria-pressed={screen === 'shift'} onClick={() => setScreen('shift')}>
            {isStation ? t('shift.tabCheckpoint') : t('shift.tab')}
          </button>
          <button type="button" data-testid="tab-technician" aria-pressed={screen === 'technician'} onClick={() => setScreen('technician')}>
            {t('tech.tab')}
          </button>
        </nav>
        <nav className="languages" aria-label={t('app.language')}>
          {LANGUAGES.map((lng) => (
            <button key={lng} type="button" data-testid={`lang-${lng}`} aria-pressed={i18n.language === lng} onClick={() => void i18n.changeLanguage(lng)}>
              {lng.toUpperCase()}
            </button>
          ))}
        </nav>
      </header>
      {screen === 'verify' ? <VerifyScreen /> : screen === 'issue' ? <IssueScreen /> : screen === 'journal' ? <JournalScreen /> : screen === 'shift' ? <ShiftScreen /> : screen === 'stock' ? <StockScreen /> : screen === 'technician' ? <TechnicianScreen /> : <AlertsScreen />}
      <StatusBar onOpenAlerts={() => setScreen('alerts')} />
    </div>
  );
}
