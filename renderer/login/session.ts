import { BehaviorSubject } from 'rxjs';
import type { User } from '../../shared/users/user.ts';

/**
 * Who is logged in: a person of the centre's list, or a technician who opened the desk with its
 * technician code (id DESK_CODE_TECHNICIAN) because the desk has no people yet.
 */
export type Person = Pick<User, 'id' | 'name' | 'roles'>;
export const DESK_CODE_TECHNICIAN = '@desk-code';

/**
 * Who is working at the desk now. Locked keeps the person's screens as they were (an issuance half
 * typed survives) behind the lock screen; only their password, or another person's login, opens it.
 * Nothing is kept across a reload: after one, the desk asks again.
 */
export type SessionState = {
  user: Person | null;
  locked: boolean;
  /** The machine side's technician session a technician's login opened (its own check of the same password). */
  technicianSession: string | null;
};

export type SessionEvent = { kind: 'login' | 'logout' | 'screen-locked'; user: Person; reason?: string };

export type Session = {
  state$: BehaviorSubject<SessionState>;
  current(): Person | null;
  logIn(user: Person, technicianSession?: string | null): void;
  lock(reason: 'idle' | 'asked'): void;
  logOut(): void;
};

export function createSession(onEvent: (e: SessionEvent) => void = () => {}, closeTechnicianSession: (session: string) => void = () => {}): Session {
  const state$ = new BehaviorSubject<SessionState>({ user: null, locked: false, technicianSession: null });
  const closeTools = () => {
    const open = state$.value.technicianSession;
    if (open) closeTechnicianSession(open);
  };
  return {
    state$,
    current: () => (state$.value.locked ? null : state$.value.user),
    logIn(user, technicianSession = null) {
      const before = state$.value.user;
      if (before && before.id !== user.id) onEvent({ kind: 'logout', user: before, reason: `replaced by ${user.id}` });
      closeTools();
      state$.next({ user, locked: false, technicianSession });
      onEvent({ kind: 'login', user });
    },
    lock(reason) {
      const { user, locked } = state$.value;
      if (!user || locked) return;
      closeTools();
      state$.next({ user, locked: true, technicianSession: null });
      onEvent({ kind: 'screen-locked', user, reason });
    },
    logOut() {
      const { user } = state$.value;
      if (!user) return;
      closeTools();
      state$.next({ user: null, locked: false, technicianSession: null });
      onEvent({ kind: 'logout', user });
    },
  };
}
