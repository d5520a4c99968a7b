import { CompanyProfileUpdatedV1, CompanyRegisteredV1 } from '@opn/identity-contracts';
import { integrationProjection, on } from '@opn/projections';

/**
 * What a consuming service (say, relations) keeps of identity's companies, fed over Kafka. Built
 * from identity's public contracts only. `applied` counts the events folded into the document:
 * a duplicate effect would make it exceed the number of distinct events of the company.
 */
export interface PartnerCompany {
  legalName: string;
  nafCode: string;
  city: string;
  capabilities: string[];
  applied: number;
  lastEventId: string;
}

export const partnerCompaniesProjection = integrationProjection<PartnerCompany>({
  name: 'partner-companies',
  collection: 'partner_companies',
  handlers: [
    on(CompanyRegisteredV1, (_doc, data: CompanyRegisteredV1, event) => ({
      legalName: data.legalName,
      nafCode: data.nafCode,
      city: data.address.city,
      capabilities: [...data.capabilities],
      applied: 1,
      lastEventId: event.id,
    })),
    on(CompanyProfileUpdatedV1, (doc, data: CompanyProfileUpdatedV1, event) =>
      doc === null
        ? null // an update of a company this read model never saw registered: nothing to show
        : {
            ...doc,
            ...(data.changes.legalName !== undefined && { legalName: data.changes.legalName }),
            ...(data.changes.nafCode !== undefined && { nafCode: data.changes.nafCode }),
            ...(data.changes.address !== undefined && { city: data.changes.address.city }),
            ...(data.changes.capabilities !== undefined && { capabilities: [...data.changes.capabilities] }),
            applied: doc.applied + 1,
            lastEventId: event.id,
          },
    ),
  ],
});
