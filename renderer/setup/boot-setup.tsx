import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { SetupBridge } from '../../shared/bridge/setup-bridge.ts';
import { setupI18n } from '../i18n/setup.ts';
import { setupEn } from '../i18n/setup-en.ts';
import { setupKk } from '../i18n/setup-kk.ts';
import { setupRu } from '../i18n/setup-ru.ts';
import { SetupScreen } from './SetupScreen.tsx';
import '../app/styles.css';
import './setup.css';

/**
 * Starts the first-run wizard on a given setup service; each platform's entry picks the service and
 * what Start does afterwards. The desk's own texts plus the wizard's (only this page carries those), and
 * the same remembered language as the desk, so the login screen that follows speaks the one chosen here.
 */
export async function bootSetup(getSetup: () => SetupBridge, afterStart: () => void): Promise<void> {
  const i18n = await setupI18n();
  for (const [lng, texts] of [['kk', setupKk], ['ru', setupRu], ['en', setupEn]] as const) i18n.addResourceBundle(lng, 'translation', texts, true, true);
  const root = createRoot(document.getElementById('root')!);
  try {
    const setup = getSetup();
    root.render(
      <StrictMode>
        <SetupScreen setup={setup} afterStart={afterStart} pageOrigin={globalThis.location.origin} />
      </StrictMode>,
    );
  } catch (err) {
    root.render(
      <p className="startup-error" role="alert" data-testid="setup-load-error">
        {i18n.t('setup.loadFailed', { message: err instanceof Error ? err.message : String(err) })}
      </p>,
    );
  }
}
