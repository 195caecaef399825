import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CheckpointId } from '../../shared/reference/checkpoints.ts';
import { clip, recordAuditQuietly } from '../audit/audit-log.ts';
import { useDesk } from '../app/desk-context.ts';
import { saveFile } from '../app/save-file.ts';
import { BACKUP_COLLECTIONS, backupFileName, backupText, buildBackup, importBackup, readBackup, totalOf, type BackupRefusal, type ImportOutcome, type ReplicaBackup } from '../backup/replica-backup.ts';

type Notice = { kind: 'ok' | 'error'; text: string } | null;
type Chosen = { name: string; backup: ReplicaBackup };

const locale = (language: string) => (language === 'en' ? 'en-GB' : language === 'ru' ? 'ru-RU' : 'kk-KZ');

/**
 * The technician's backup of the desk's replica (issue 10): export it as one JSON file, and import such
 * a file into a reinstalled or replaced machine of the same desk. A file is checked whole before
 * anything is written; what the import added and found is listed. Both go into the desk's audit log.
 */
export function BackupPanel({ userId }: { userId: string | null }) {
  const { t, i18n } = useTranslation();
  const desk = useDesk();
  const [busy, setBusy] = useState<'export' | 'read' | 'import' | null>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const [result, setResult] = useState<ImportOutcome | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const me = { deskId: desk.info.deskId, checkpointId: desk.info.checkpointId, appVersion: desk.info.version };
  const auditDesk = { deskId: desk.info.deskId, checkpointId: desk.info.checkpointId as CheckpointId };
  const message = (err: unknown) => (err instanceof Error ? err.message : String(err));
  const refusalText = (r: BackupRefusal) => t(`backup.refused.${r.code}`, r.code === 'invalid-record' ? { ...r, collection: t(`backup.collections.${r.collection}`, { defaultValue: r.collection }) } : r);

  const exportBackup = async () => {
    setBusy('export');
    setNotice(null);
    try {
      const backup = await buildBackup(desk.db, me);
      const name = backupFileName(me);
      saveFile(new Blob([backupText(backup)], { type: 'application/json' }), name);
      const total = totalOf(backup.counts);
      const unsynced = totalOf(backup.unsynced);
      setNotice({ kind: 'ok', text: t('backup.exported', { name, total, unsynced }) });
      void recordAuditQuietly(desk.db, auditDesk, { kind: 'config-change', userId, subject: 'replica-backup-export', details: { file: clip(name, 200), records: total, unsynced, sha256: backup.sha256 } });
    } catch (err) {
      setNotice({ kind: 'error', text: t('backup.exportFailed', { message: message(err) }) });
    } finally {
      setBusy(null);
    }
  };

  const choose = async (file: File | undefined) => {
    setChosen(null);
    setResult(null);
    setNotice(null);
    if (!file) return;
    setBusy('read');
    try {
      const r = await readBackup(await file.text(), me, desk.db);
      if (r.ok) setChosen({ name: file.name, backup: r.backup });
      else setNotice({ kind: 'error', text: refusalText(r) });
    } catch (err) {
      setNotice({ kind: 'error', text: t('backup.refused.read-failed', { message: message(err) }) });
    } finally {
      setBusy(null);
    }
  };

  const runImport = async () => {
    if (!chosen) return;
    setBusy('import');
    setNotice(null);
    try {
      const outcome = await importBackup(desk.db, chosen.backup);
      const sum = (k: 'added' | 'present') => Object.values(outcome.collections).reduce((a, c) => a + c[k], 0);
      setResult(outcome);
      setNotice({ kind: 'ok', text: t('backup.imported', { added: sum('added'), present: sum('present') }) });
      // What the import brought that the centre lacks goes with the replication; no need to wait for its next round.
      desk.replication.reSync();
      const left = outcome.auditLeftOut;
      void recordAuditQuietly(desk.db, auditDesk, {
        kind: 'config-change',
        userId,
        subject: 'replica-backup-import',
        details: {
          file: clip(chosen.name, 200),
          exportedAt: chosen.backup.exportedAt,
          sha256: chosen.backup.sha256,
          added: sum('added'),
          present: sum('present'),
          unsyncedAdded: outcome.unsyncedAdded,
          ...(left ? { auditLeftOut: left.count, auditLeftOutLastSeq: left.lastSeq, auditLeftOutLastHash: left.lastHash } : {}),
        },
      });
    } catch (err) {
      setNotice({ kind: 'error', text: t('backup.failed', { message: message(err) }) });
    } finally {
      setChosen(null);
      if (fileInput.current) fileInput.current.value = '';
      setBusy(null);
    }
  };

  const header = chosen?.backup;
  return (
    <section data-testid="backup-panel" className="backup-panel">
      <h2>{t('backup.title')}</h2>
      <p className="hint">{t('backup.hint')}</p>
      <div className="actions">
        <button type="button" data-testid="backup-export" disabled={busy !== null} onClick={() => void exportBackup()}>
          {busy === 'export' ? t('backup.exporting') : t('backup.export')}
        </button>
      </div>

      <h3>{t('backup.importTitle')}</h3>
      <p className="hint">{t('backup.importHint')}</p>
      <label className="field">
        <span>{t('backup.chooseFile')}</span>
        <input ref={fileInput} type="file" accept=".json,application/json" data-testid="backup-file" disabled={busy === 'import'} onChange={(e) => void choose(e.target.files?.[0])} />
      </label>
      {busy === 'read' && <p className="hint">{t('backup.reading')}</p>}
      {header && (
        <>
          <p data-testid="backup-summary">
            {t('backup.summary', {
              desk: header.deskId,
              checkpoint: header.checkpointId,
              at: new Date(header.exportedAt).toLocaleString(locale(i18n.language)),
              version: header.appVersion ?? '—',
              total: totalOf(header.counts),
              unsynced: totalOf(header.unsynced),
            })}
          </p>
          <div className="actions">
            <button type="button" data-testid="backup-import" disabled={busy !== null} onClick={() => void runImport()}>
              {busy === 'import' ? t('backup.importing') : t('backup.import')}
            </button>
          </div>
        </>
      )}
      {notice && (
        <p role={notice.kind === 'error' ? 'alert' : 'status'} className={notice.kind === 'error' ? 'error' : 'ok'} data-testid="backup-notice" data-kind={notice.kind}>
          {notice.text}
        </p>
      )}
      {result && (
        <>
          <table className="count-table" data-testid="backup-result">
            <thead>
              <tr>
                <th>{t('backup.collection')}</th>
                <th>{t('backup.added')}</th>
                <th>{t('backup.present')}</th>
              </tr>
            </thead>
            <tbody>
              {BACKUP_COLLECTIONS.filter((name) => result.collections[name]).map((name) => (
                <tr key={name} data-collection={name} data-added={result.collections[name]!.added} data-present={result.collections[name]!.present}>
                  <td>{t(`backup.collections.${name}`)}</td>
                  <td>{result.collections[name]!.added}</td>
                  <td>{result.collections[name]!.present}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {result.unsyncedAdded > 0 && <p data-testid="backup-to-push">{t('backup.toPush', { count: result.unsyncedAdded })}</p>}
          {result.auditLeftOut && (
            <p className="error" data-testid="backup-audit-left-out">
              {t('backup.auditLeftOut', { count: result.auditLeftOut.count, lastSeq: result.auditLeftOut.lastSeq })}
            </p>
          )}
        </>
      )}
    </section>
  );
}
