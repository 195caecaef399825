import { cPermitSchema } from '../../shared/documents/c-permit.ts';
import { alertSchema } from '../../shared/documents/alert.ts';
import { auditEntrySchema } from '../../shared/audit/audit-entry.ts';
import { blankEventDocSchema } from '../../shared/documents/blank-event.ts';
import { crossingSchema } from '../../shared/documents/crossing.ts';
import { feeRateTableSchema } from '../../shared/documents/fee-rates.ts';
import { journalEntrySchema } from '../../shared/documents/journal-entry.ts';
import { registryDocumentSchema } from '../../shared/documents/registry-document.ts';
import { shiftEventSchema } from '../../shared/documents/shift.ts';
import { toRxSchema } from '../../shared/sync/rx-schema.ts';
import { userSchema } from '../../shared/users/user.ts';

/**
 * The desk's collections, their RxDB schemas derived from the shared zod schemas. Indexes serve the
 * lookups the Verify screen makes on every scan; each must stay a single indexed get.
 */
export const permitRxSchema = toRxSchema('permits', cPermitSchema, {
  primaryKey: 'id',
  indexes: ['applicationNumber', 'addendumNumber', 'blankNumber'],
});

export const crossingRxSchema = toRxSchema('crossings', crossingSchema, {
  primaryKey: 'id',
  indexes: ['permitId', 'receivedAt'],
});

export const blankEventRxSchema = toRxSchema('blankEvents', blankEventDocSchema, {
  primaryKey: 'id',
  indexes: ['receivedAt'],
});

export const shiftRxSchema = toRxSchema('shifts', shiftEventSchema, { primaryKey: 'id', indexes: ['receivedAt'] });

/**
 * Version 1 added the reasons of a disputed decision (issue 8), version 2 the audit-chain-broken kind
 * (issue 9.3); older alerts keep their fields as they are (migrationStrategies in database.ts), so a desk
 * that upgrades opens its replica as it was.
 */
export const alertRxSchema = toRxSchema('alerts', alertSchema, { primaryKey: 'id', indexes: [], version: 2 });

/** The centre's registry of other documents: looked up by the number scanned, and by the vehicle. */
export const registryRxSchema = toRxSchema('documents', registryDocumentSchema, { primaryKey: 'id', indexes: ['number', 'plate'] });

/** The electronic journal: by document (its marks and write-offs), by vehicle (its history), by time. */
export const journalRxSchema = toRxSchema('journal', journalEntrySchema, { primaryKey: 'id', indexes: ['documentId', 'vehiclePlate', 'receivedAt', 'hlc'] });

/** The desk's audit log: its last entry (highest number) is read before each new one is chained to it. */
export const auditRxSchema = toRxSchema('audit', auditEntrySchema, { primaryKey: 'id', indexes: [['deskId', 'seq']] });

/** The transit-passage fee tables, few and read whole. */
export const feeRatesRxSchema = toRxSchema('feeRates', feeRateTableSchema, { primaryKey: 'id', indexes: [] });

/** The people who may log in here, with their verifiers: looked up by login, few. */
export const usersRxSchema = toRxSchema('users', userSchema, { primaryKey: 'id', indexes: [] });
