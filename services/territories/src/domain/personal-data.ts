import { definePersonalDataPolicy } from '@opn/kernel';
import type { TerritoriesEvent } from './index';

/**
 * The data subject of an imported member's contact email: the person behind the address has no
 * person id (the firm may not even be on the platform), so the contact gets a subject of its
 * own per territory and firm, whose key is destroyed when that contact asks to be erased.
 * Territory ids and SIRENs are not personal data.
 */
export const contactSubject = (territoryId: string, siren: string): string => `territory-contact-${territoryId}-${siren}`;

/**
 * Territories' personal data (docs/adr/0009-crypto-shredding.md): the contact email of an
 * imported member, sealed under `contactSubject`. Everything else the roster stores is about
 * firms (SIRENs, names, groups) or opaque person ids.
 */
export const TERRITORIES_PERSONAL_DATA = definePersonalDataPolicy<TerritoriesEvent>({
  MemberImported: { subject: (d) => contactSubject(d.territoryId, d.siren), fields: ['contactEmail'] },
  MemberDetailsUpdated: { subject: (d) => contactSubject(d.territoryId, d.siren), fields: ['changes.contactEmail'] },
});
