import { useCallback } from 'react';
import { App } from '../app/App.tsx';
import { useDesk } from '../app/desk-context.ts';
import { useObservable } from '../app/use-observable.ts';
import { LoginScreen } from './LoginScreen.tsx';
import { useIdleLock } from './use-idle-lock.ts';

/**
 * Nobody works at the desk without logging in. A locked session keeps the person's screens mounted
 * (inert, hidden) under the lock screen, so nothing typed is lost; another person's login starts the
 * screens afresh for them.
 */
export function LoginGate() {
  const desk = useDesk();
  const state = useObservable(desk.session.state$, desk.session.state$.value);
  const lock = useCallback(() => desk.session.lock('idle'), [desk]);
  useIdleLock(state.user && !state.locked ? lock : null);
  if (!state.user) return <LoginScreen />;
  return (
    <>
      <div className="session" inert={state.locked} aria-hidden={state.locked}>
        <App key={state.user.id} user={state.user} />
      </div>
      {state.locked && <LoginScreen lockedFor={state.user} />}
    </>
  );
}
