import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { Bridge } from '../../shared/bridge/bridge.ts';
import { setupI18n } from '../i18n/setup.ts';
import { issueTimings } from '../issue/issue-metrics.ts';
import { scanTimings } from '../verify/scan-metrics.ts';
import { installBenchHooks } from './bench-hooks.ts';
import { LoginGate } from '../login/LoginGate.tsx';
import { DeskContext } from './desk-context.ts';
import { startDesk } from './start-desk.ts';
import './styles.css';

declare global {
  interface Window {
    /** Read-only figures for the bench and support; no data and no write access. */
    shekaraDiagnostics?: { scanTimings: () => number[]; issueTimings: typeof issueTimings };
  }
}

/** Starts the UI on a given Bridge; the entry file of each platform picks the Bridge. */
export async function boot(getBridge: () => Bridge): Promise<void> {
  const i18n = await setupI18n();
  const rootEl = document.getElementById('root')!;
  const root = createRoot(rootEl);
  root.render(<p className="loading">{i18n.t('startup.loading')}</p>);
  try {
    const desk = await startDesk(getBridge());
    window.shekaraDiagnostics = { scanTimings: () => [...scanTimings()], issueTimings };
    installBenchHooks(desk);
    root.render(
      <StrictMode>
        <DeskContext.Provider value={desk}>
          <LoginGate />
        </DeskContext.Provider>
      </StrictMode>,
    );
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    root.render(
      <p className="startup-error" role="alert" data-testid="startup-error">
        {i18n.t('startup.failed', { message })}
      </p>,
    );
  }
}
