import { Inject, Injectable } from '@nestjs/common';
import { ForbiddenError, NotFoundError, PersonalDataCipher } from '@opn/kernel';
import { ActorContext, MONGO, PageQuery, pageOf } from '@opn/service-kit';
import type { Connection } from 'mongoose';
import { Access, Viewer, isPlatformAdmin } from '../../access/access';
import { ContentTarget, ModerationAuthority, currentLeaders } from '../../domain';
import { ActivityView, ReportedContentView, activityId, activityProjection, reportsProjection } from '../../read-models/activity/activity.projection';
import { CollectiveView } from '../../read-models/collectives/collectives.projection';
import { CollectivesHandler, idFor } from '../collectives/collectives.handler';
import { ActivityQuery, AnnouncementDto, DocumentDto, MeetingDto, ResultDto } from './activity.dto';

/** A collective's life: announcements, meetings with attendance, documents by link, results; and its moderation (reports, queue, hide and restore, audited). */
@Injectable()
export class ActivityHandler {
  constructor(
    private readonly access: Access,
    private readonly collectives: CollectivesHandler,
    @Inject(MONGO) private readonly mongo: Connection,
    private readonly cipher: PersonalDataCipher,
  ) {}

  private get activity() {
    return this.mongo.collection<ActivityView & { _id: string }>(activityProjection.collection);
  }

  private isModerator(c: CollectiveView, viewer: Viewer, now: string): boolean {
    return currentLeaders(c, now).includes(viewer.personId) || isPlatformAdmin(viewer);
  }

  /** The item as the viewer may read it: hidden content shows as hidden, except to moderators. */
  private item(i: ActivityView, moderator: boolean) {
    const { collectiveId: _c, credited: _cr, ...rest } = i;
    if (i.hidden && !moderator) return { kind: i.kind, itemId: i.itemId, by: i.by, at: i.at, hidden: true };
    return rest;
  }

  async list(collectiveId: string, query: ActivityQuery, ctx: ActorContext) {
    const { collective, viewer } = await this.access.inside(ctx.actor, collectiveId);
    const moderator = this.isModerator(collective, viewer, ctx.now);
    const filter = { collectiveId, ...(query.kind ? { kind: query.kind } : {}) };
    const [total, items] = await Promise.all([
      this.activity.countDocuments(filter),
      this.activity
        .find(filter)
        .sort({ at: -1, itemId: 1 })
        .skip((query.page - 1) * query.limit)
        .limit(query.limit)
        .toArray(),
    ]);
    // What people wrote is sealed under its author's key in the read model (ADR 0009): opened here, `[erased]` once they are.
    return pageOf(await this.cipher.openAll(items.map(({ _id, ...i }) => this.item(i as ActivityView, moderator))), total, query);
  }

  private async one(collectiveId: string, kind: ActivityView['kind'], itemId: string, ctx: ActorContext) {
    const { collective, viewer } = await this.access.inside(ctx.actor, collectiveId);
    const doc = await this.activity.findOne({ _id: activityId(collectiveId, kind, itemId) });
    if (!doc) throw new NotFoundError(`${kind} not found`);
    const { _id, ...i } = doc;
    return this.cipher.open(this.item(i as ActivityView, this.isModerator(collective, viewer, ctx.now)));
  }

  async announce(collectiveId: string, dto: AnnouncementDto, ctx: ActorContext) {
    await this.access.inside(ctx.actor, collectiveId);
    const announcementId = idFor('announcement', ctx);
    await this.collectives.run(collectiveId, { type: 'PostAnnouncement', data: { announcementId, text: dto.text, by: ctx.actor.personId, now: ctx.now } }, ctx);
    return this.one(collectiveId, 'announcement', announcementId, ctx);
  }

  async schedule(collectiveId: string, dto: MeetingDto, ctx: ActorContext) {
    await this.access.inside(ctx.actor, collectiveId);
    const meetingId = idFor('meeting', ctx);
    await this.collectives.run(collectiveId, { type: 'ScheduleMeeting', data: { meetingId, ...dto, by: ctx.actor.personId, now: ctx.now } }, ctx);
    return this.one(collectiveId, 'meeting', meetingId, ctx);
  }

  async attendance(collectiveId: string, meetingId: string, present: string[], ctx: ActorContext) {
    await this.access.inside(ctx.actor, collectiveId);
    await this.collectives.run(collectiveId, { type: 'RecordAttendance', data: { meetingId, present: [...present], by: ctx.actor.personId, now: ctx.now } }, ctx);
    return this.one(collectiveId, 'meeting', meetingId, ctx);
  }

  async document(collectiveId: string, dto: DocumentDto, ctx: ActorContext) {
    await this.access.inside(ctx.actor, collectiveId);
    const documentId = idFor('document', ctx);
    await this.collectives.run(collectiveId, { type: 'AddDocument', data: { documentId, ...dto, by: ctx.actor.personId, now: ctx.now } }, ctx);
    return this.one(collectiveId, 'document', documentId, ctx);
  }

  async result(collectiveId: string, dto: ResultDto, ctx: ActorContext) {
    await this.access.inside(ctx.actor, collectiveId);
    const resultId = idFor('result', ctx);
    await this.collectives.run(
      collectiveId,
      { type: 'RecordResult', data: { resultId, ...dto, ...(dto.contributors ? { contributors: [...dto.contributors] } : {}), by: ctx.actor.personId, now: ctx.now } },
      ctx,
    );
    return this.one(collectiveId, 'result', resultId, ctx);
  }

  async report(collectiveId: string, target: ContentTarget, reason: string, ctx: ActorContext) {
    await this.access.inside(ctx.actor, collectiveId);
    const reportId = idFor('report', ctx);
    await this.collectives.run(collectiveId, { type: 'ReportContent', data: { reportId, target: { ...target }, reason, by: ctx.actor.personId, now: ctx.now } }, ctx);
    return { collectiveId, reportId, target: { kind: target.kind, id: target.id }, status: 'open' as const };
  }

  /** The collective's leaders, or a platform admin: 403 to anyone else in it. */
  private async moderator(collectiveId: string, ctx: ActorContext): Promise<{ authority: ModerationAuthority }> {
    const { collective, viewer } = await this.access.inside(ctx.actor, collectiveId);
    const leader = currentLeaders(collective, ctx.now).includes(viewer.personId);
    return { authority: leader || !isPlatformAdmin(viewer) ? 'leader' : 'platform_admin' };
  }

  /** The moderation queue: content with open reports (or resolved ones), most recently reported first. */
  async queue(collectiveId: string, status: 'open' | 'resolved', page: PageQuery, ctx: ActorContext) {
    const { collective, viewer } = await this.access.inside(ctx.actor, collectiveId);
    if (!this.isModerator(collective, viewer, ctx.now)) throw new ForbiddenError("only the collective's leaders or a platform admin moderate");
    const reports = this.mongo.collection<ReportedContentView & { _id: string }>(reportsProjection.collection);
    const filter = { collectiveId, ...(status === 'open' ? { open: { $gt: 0 } } : { open: 0 }) };
    const [total, docs] = await Promise.all([
      reports.countDocuments(filter),
      reports
        .find(filter)
        .sort({ lastReportedAt: -1, _id: 1 })
        .skip((page.page - 1) * page.limit)
        .limit(page.limit)
        .toArray(),
    ]);
    return pageOf(await this.cipher.openAll(docs.map(({ _id, collectiveId: _c, ...r }) => r)), total, page);
  }

  async hide(collectiveId: string, target: ContentTarget, reason: string, ctx: ActorContext) {
    const { authority } = await this.moderator(collectiveId, ctx);
    await this.collectives.run(collectiveId, { type: 'HideContent', data: { target: { ...target }, reason, authority, by: ctx.actor.personId, now: ctx.now } }, ctx);
    return this.one(collectiveId, target.kind, target.id, ctx);
  }

  async restore(collectiveId: string, target: ContentTarget, reason: string, ctx: ActorContext) {
    const { authority } = await this.moderator(collectiveId, ctx);
    await this.collectives.run(collectiveId, { type: 'RestoreContent', data: { target: { ...target }, reason, authority, by: ctx.actor.personId, now: ctx.now } }, ctx);
    return this.one(collectiveId, target.kind, target.id, ctx);
  }

  async dismiss(collectiveId: string, reportId: string, reason: string, ctx: ActorContext) {
    const { authority } = await this.moderator(collectiveId, ctx);
    await this.collectives.run(collectiveId, { type: 'DismissReport', data: { reportId, reason, authority, by: ctx.actor.personId, now: ctx.now } }, ctx);
    return { collectiveId, reportId, status: 'resolved' as const, decision: 'dismissed' as const };
  }
}
