import { Inject, Injectable } from '@nestjs/common';
import { NotFoundError } from '@opn/kernel';
import { MONGO, PROJECTOR_FIELDS, Page, PageQuery, findPage } from '@opn/service-kit';
import type { Connection } from 'mongoose';
import { ReportView, reportsProjection } from './reports.projection';

/** The moderation queue (coordinators and platform admins: the caller checks). */
@Injectable()
export class ReportsQuery {
  constructor(@Inject(MONGO) private readonly mongo: Connection) {}

  private get collection() {
    return this.mongo.collection<ReportView & { _id: string }>(reportsProjection.collection);
  }

  list(status: 'open' | 'resolved' | undefined, page: PageQuery): Promise<Page<ReportView>> {
    return findPage<ReportView>(this.collection, status ? { status } : {}, { reportedAt: -1, reportId: 1 }, page);
  }

  async get(reportId: string): Promise<ReportView> {
    const report = await this.collection.findOne({ _id: reportId }, { projection: PROJECTOR_FIELDS });
    if (!report) throw new NotFoundError('report not found');
    return report;
  }
}
