import { useTranslation } from 'react-i18next';
import { useObservable } from './use-observable.ts';
import { useDesk } from './desk-context.ts';

/** The person logged in at the desk: whose name goes on what the desk records (issue 9: no longer typed). */
export function useOfficerName(): string {
  const desk = useDesk();
  const state = useObservable(desk.session.state$, desk.session.state$.value);
  return state.user?.name ?? '';
}

/** Whether the person logged in records (officers and supervisors); a technician only checks. */
export function mayRecord(desk: ReturnType<typeof useDesk>): boolean {
  const me = desk.session.current();
  return !!me && (me.roles.includes('officer') || me.roles.includes('supervisor'));
}

export function OfficerField({ value }: { value: string }) {
  const { t } = useTranslation();
  return (
    <p className="officer-field">
      <span className="label">{t('verify.officerLabel')}</span> <strong data-testid="officer-name">{value}</strong>
    </p>
  );
}
