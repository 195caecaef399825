import { z } from 'zod';
import { cPermitSchema } from './c-permit.ts';
import { chinaPermitSchema } from './china-permit.ts';
import { domesticPermitSchema } from './domestic-permit.ts';
import { presentedPermitCardSchema, presentedPermitCertificateSchema } from './permit-card.ts';
import { sealEscortSchema } from './seal-escort.ts';
import { exportPermitSchema, licenceSchema } from './trade-permit.ts';
import { transitPassagePermitSchema } from './transit-passage-permit.ts';

/** Every document an officer may be shown at the desk, told apart by `kind`. */
export const presentedDocumentSchema = z.discriminatedUnion('kind', [
  cPermitSchema,
  chinaPermitSchema,
  domesticPermitSchema,
  transitPassagePermitSchema,
  exportPermitSchema,
  licenceSchema,
  sealEscortSchema,
  presentedPermitCardSchema,
  presentedPermitCertificateSchema,
]);
export type PresentedDocument = z.infer<typeof presentedDocumentSchema>;
export type DocumentKind = PresentedDocument['kind'];
