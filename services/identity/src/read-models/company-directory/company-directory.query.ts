import { Inject, Injectable } from '@nestjs/common';
import { NotFoundError } from '@opn/kernel';
import { MONGO, PROJECTOR_FIELDS, Page, PageQuery, pageOf } from '@opn/service-kit';
import type { Connection } from 'mongoose';
import { COMPANY_DIRECTORY, CompanyDirectoryDocument } from './company-directory.projection';
import { CompanySearch, DirectoryFilters } from './company-search';

export type { DirectoryFilters } from './company-search';

/**
 * The company directory: a company by id from the MongoDB read model, and filtered pages whose
 * ids, order and total come from CompanySearch (memory) and whose documents are read by `_id`.
 */
@Injectable()
export class CompanyDirectoryQuery {
  constructor(
    @Inject(MONGO) private readonly connection: Connection,
    private readonly search: CompanySearch,
  ) {}

  private get companies() {
    return this.connection.collection<CompanyDirectoryDocument>(COMPANY_DIRECTORY);
  }

  async get(companyId: string): Promise<CompanyDirectoryDocument> {
    const doc = await this.companies.findOne({ _id: companyId } as never, { projection: PROJECTOR_FIELDS });
    if (!doc) throw new NotFoundError('company not found');
    return doc as CompanyDirectoryDocument;
  }

  async list(filters: DirectoryFilters, page: PageQuery): Promise<Page<CompanyDirectoryDocument>> {
    const { ids, total } = await this.search.find(filters, page);
    if (ids.length === 0) return pageOf([], total, page);
    const docs = await this.companies.find({ _id: { $in: ids } } as never, { projection: PROJECTOR_FIELDS }).toArray();
    const byId = new Map(docs.map((d) => [(d as CompanyDirectoryDocument).companyId, d as CompanyDirectoryDocument]));
    // both read models follow the same log; a company the search knows a moment before MongoDB
    // shows it is left out of this page rather than shown half-made
    return pageOf(ids.flatMap((id) => byId.get(id) ?? []), total, page);
  }
}
