import { Inject, Injectable } from '@nestjs/common';
import { NotFoundError } from '@opn/kernel';
import { MONGO, PROJECTOR_FIELDS, Page, PageQuery, findPage } from '@opn/service-kit';
import type { Connection } from 'mongoose';
import { COMPANY_DIRECTORY, CompanyDirectoryDocument, cityKey } from './company-directory.projection';

export interface DirectoryFilters {
  q?: string;
  nafCode?: string;
  capability?: string;
  offer?: string;
  city?: string;
  sizeBand?: string;
}

/** What the directory returns: the document without the projector's and the filters' internal fields. */
const DIRECTORY_FIELDS = { ...PROJECTOR_FIELDS, _cityKey: 0 } as const;

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

@Injectable()
export class CompanyDirectoryQuery {
  constructor(@Inject(MONGO) private readonly connection: Connection) {}

  private get companies() {
    return this.connection.collection<CompanyDirectoryDocument>(COMPANY_DIRECTORY);
  }

  async get(companyId: string): Promise<CompanyDirectoryDocument> {
    const doc = await this.companies.findOne({ _id: companyId } as never, { projection: DIRECTORY_FIELDS });
    if (!doc) throw new NotFoundError('company not found');
    return doc as CompanyDirectoryDocument;
  }

  async list(filters: DirectoryFilters, page: PageQuery): Promise<Page<CompanyDirectoryDocument>> {
    const query: Record<string, unknown> = {};
    if (filters.q) query.legalName = { $regex: escapeRegex(filters.q), $options: 'i' };
    if (filters.nafCode) query.nafCode = filters.nafCode;
    if (filters.capability) query.capabilities = filters.capability.trim().toLowerCase();
    if (filters.offer) query.offers = filters.offer.trim().toLowerCase();
    if (filters.city) query._cityKey = cityKey(filters.city);
    if (filters.sizeBand) query.sizeBand = filters.sizeBand;
    return findPage<CompanyDirectoryDocument>(this.companies, query, { legalName: 1, companyId: 1 }, page, DIRECTORY_FIELDS);
  }
}
