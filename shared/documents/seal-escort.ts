import { z } from 'zod';
import { isoInstant, plateField } from './common.ts';

/**
 * Electronic customs escort of a vehicle under customs transit with a navigation seal (seed 001, D2):
 * decided by the head of the state revenue body, organised within 24 hours (D2 §5); the seal reports
 * location and integrity (D2 §2); an abnormal situation is notified to both customs offices within
 * 1 hour (D2 §11).
 */
export const sealEscortSchema = z.object({
  kind: z.literal('seal-escort'),
  sealNumber: z.string().min(1).max(40),
  transitDeclarationNumber: z.string().min(1).max(60),
  vehiclePlate: plateField,
  departureCustoms: z.string().min(1).max(120),
  destinationCustoms: z.string().min(1).max(120),
  decisionAt: isoInstant,
  organisedAt: isoInstant.nullable(),
  activatedAt: isoInstant.nullable(),
  deactivatedAt: isoInstant.nullable(),
  isSealIntact: z.boolean(),
  incidents: z.array(z.object({ at: isoInstant, notifiedAt: isoInstant.nullable(), description: z.string().max(500) })),
});
export type SealEscort = z.infer<typeof sealEscortSchema>;
