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
/** Documents per read of a page (a page of 20 is read as 4 parallel reads). */
const PAGE_READ_CHUNK = 5;

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
    // a few `$in` reads in parallel: the server decodes documents on several cores at once
    const chunks = Array.from({ length: Math.ceil(ids.length / PAGE_READ_CHUNK) }, (_, i) => ids.slice(i * PAGE_READ_CHUNK, (i + 1) * PAGE_READ_CHUNK));
    const docs = (await Promise.all(chunks.map((chunk) => this.companies.find({ _id: { $in: chunk } } as never, { projection: PROJECTOR_FIELDS }).toArray()))).flat();
    const byId = new Map(docs.map((d) => [(d as CompanyDirectoryDocument).companyId, d as CompanyDirectoryDocument]));
    // both read models follow the same log; a company the search knows a moment before MongoDB
    // shows it is left out of this page rather than shown half-made
    return pageOf(ids.flatMap((id) => byId.get(id) ?? []), total, page);
  }
}
