import { departementOfPostalCode } from '@opn/directory';
import { CompanyProfileUpdatedV1, CompanyRegisteredV1 } from '@opn/identity-contracts';
import { integrationProjection, on } from '@opn/projections';

/** What a firm was from an instant on: the attributes the dashboard groups firms by. */
export interface FirmAttributes {
  /** Valid from this instant (the registration or the profile update). */
  from: string;
  nafCode: string;
  /** NAF division: the first two digits of the NAF code. */
  sector: string;
  sizeBand: string;
  /** The town: département and city name folded (`69:LYON`), so that homonyms in two départements differ. */
  town: string;
  city: string;
  postalCode: string;
  country: string;
  departement: string | null;
}

/**
 * A company as identity published it, with the history of the attributes the coordinator's
 * figures group by (sector, town, size band), so that the network on a past date uses the firm
 * as it was then (`attributesAt`).
 */
export interface FirmDocument {
  siren: string;
  legalName: string;
  registeredAt: string;
  history: FirmAttributes[];
}

/** Upper case without accents or punctuation runs: "Saint-Étienne" and "ST ETIENNE " do not merge, but "Lyon" and "LYON" do. */
export const foldCity = (city: string): string =>
  city
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim();

const attributes = (from: string, nafCode: string, sizeBand: string, address: { postalCode: string; city: string; country: string }): FirmAttributes => {
  const departement = departementOfPostalCode(address.postalCode, address.country) ?? null;
  return {
    from,
    nafCode,
    sector: nafCode.slice(0, 2),
    sizeBand,
    town: `${departement ?? address.country}:${foldCity(address.city)}`,
    city: address.city,
    postalCode: address.postalCode,
    country: address.country,
    departement,
  };
};

/** The firm's attributes at `instant` (ISO), or undefined before its registration. */
export function attributesAt(firm: { readonly history: readonly FirmAttributes[] }, instant: string): FirmAttributes | undefined {
  let found: FirmAttributes | undefined;
  for (const entry of firm.history) {
    if (entry.from > instant) break;
    found = entry;
  }
  return found;
}

export const firmsProjection = integrationProjection<FirmDocument>({
  name: 'territories.firms',
  collection: 'firms',
  handlers: [
    on(CompanyRegisteredV1, (doc, d) =>
      doc ? doc : { siren: d.siren, legalName: d.legalName, registeredAt: d.registeredAt, history: [attributes(d.registeredAt, d.nafCode, d.sizeBand, d.address)] },
    ),
    on(CompanyProfileUpdatedV1, (doc, d) => {
      if (!doc) return doc;
      const c = d.changes;
      const last = doc.history[doc.history.length - 1];
      const next = attributes(d.updatedAt, c.nafCode ?? last.nafCode, c.sizeBand ?? last.sizeBand, c.address ?? last);
      const same = next.nafCode === last.nafCode && next.sizeBand === last.sizeBand && next.town === last.town && next.postalCode === last.postalCode && next.city === last.city;
      return {
        ...doc,
        legalName: c.legalName ?? doc.legalName,
        history: same ? doc.history : [...doc.history, next],
      };
    }),
  ],
});
