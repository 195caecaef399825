import data from './data/cis.json' with { type: 'json' };

export type CisCountry = { iso: string; nameKk: string; nameRu: string; nameEn: string };
export const CIS_MEMBERS = data.members as CisCountry[];

export function isCisMember(iso: string): boolean {
  return CIS_MEMBERS.some((c) => c.iso === iso.toUpperCase());
}
