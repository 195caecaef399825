/**
 * What the desk's page last said it is doing (Bridge reportActivity), for the machine side: the updater
 * installs only when the desk is free. Until the page has reported, the desk counts as busy: a page
 * that never loaded must not be taken for an idle one. Plain Node, no Electron.
 */
import type { ActivityReport } from '../../shared/bridge/bridge.ts';

export class DeskActivity {
  private report: ActivityReport | null = null;
  private readonly listeners = new Set<() => void>();
  /** The version an update has downloaded and waits to install, shown to the officer. */
  pendingUpdate: string | null = null;

  update(report: ActivityReport): void {
    const changed = this.report?.issuing !== report.issuing || this.report?.signedIn !== report.signedIn;
    this.report = { ...report };
    if (changed) for (const listener of this.listeners) listener();
  }

  /** No blank in the middle of an issuance and nobody logged in. */
  isFree(): boolean {
    return this.report !== null && !this.report.issuing && !this.report.signedIn;
  }

  current(): ActivityReport | null {
    return this.report;
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
