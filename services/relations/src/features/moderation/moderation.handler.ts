import { Injectable } from '@nestjs/common';
import { NotFoundError } from '@opn/kernel';
import { ActorContext, PageQuery } from '@opn/service-kit';
import { Access, Viewer, isModerator } from '../../access/access';
import { ReportsQuery } from '../../read-models/moderation/reports.query';
import { NeedsHandler, moderationAuthorityOf } from '../needs/needs.handler';

/** The moderation queue and its decisions: coordinators and platform admins; to anyone else none of it exists (404). */
@Injectable()
export class ModerationHandler {
  constructor(
    private readonly access: Access,
    private readonly reports: ReportsQuery,
    private readonly needs: NeedsHandler,
  ) {}

  private async moderator(ctx: ActorContext, what = 'not found'): Promise<Viewer> {
    const viewer = await this.access.viewer(ctx.actor);
    if (!isModerator(viewer)) throw new NotFoundError(what);
    return viewer;
  }

  async list(status: 'open' | 'resolved' | undefined, page: PageQuery, ctx: ActorContext) {
    await this.moderator(ctx);
    return this.reports.list(status, page);
  }

  /** Hides the reported content and resolves the report. */
  async hide(reportId: string, reason: string, ctx: ActorContext) {
    const viewer = await this.moderator(ctx, 'report not found');
    const report = await this.reports.get(reportId);
    await this.needs.run(report.needId, { type: 'HideContent', data: { reportId, target: report.target, reason, by: ctx.actor.personId, authority: moderationAuthorityOf(viewer), now: ctx.now } }, ctx);
    return { reportId, status: 'resolved' as const, decision: 'hidden' as const };
  }

  async dismiss(reportId: string, reason: string, ctx: ActorContext) {
    const viewer = await this.moderator(ctx, 'report not found');
    const report = await this.reports.get(reportId);
    await this.needs.run(report.needId, { type: 'DismissReport', data: { reportId, reason, by: ctx.actor.personId, authority: moderationAuthorityOf(viewer), now: ctx.now } }, ctx);
    return { reportId, status: 'resolved' as const, decision: 'dismissed' as const };
  }
}
