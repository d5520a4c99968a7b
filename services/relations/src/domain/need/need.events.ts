import { DomainEvent } from '@opn/kernel';
import {
  Authority,
  BudgetBand,
  ContentTarget,
  IntroductionVia,
  ModerationAuthority,
  NeedOutcome,
  NeedVisibility,
} from './need.commands';

/**
 * The service's private, stored events. Every one carries `needId`, the acting person `by`
 * (`'system'` for the platform) and the command's instant `at`; `companyId` is the publisher,
 * except on interests and meetings, where it is the acting company.
 */
/** What a need says about itself when published: kept as is by the decider's state and the read models. */
export interface NeedDetails {
  needId: string;
  /** The publisher. */
  companyId: string;
  title: string;
  description: string;
  capabilities: string[];
  territory: string[];
  deadline: string;
  budgetBand: BudgetBand;
  visibility: NeedVisibility;
}

export type NeedPublished = DomainEvent<'NeedPublished', NeedDetails & { by: string; at: string }>;

export type InterestExpressed = DomainEvent<'InterestExpressed', { needId: string; companyId: string; message?: string; by: string; at: string }>;

export type InterestWithdrawn = DomainEvent<'InterestWithdrawn', { needId: string; companyId: string; by: string; at: string }>;

export type PartnerShortlisted = DomainEvent<
  'PartnerShortlisted',
  { needId: string; companyId: string; partnerCompanyId: string; by: string; at: string }
>;

export type PartnerRemovedFromShortlist = DomainEvent<
  'PartnerRemovedFromShortlist',
  { needId: string; companyId: string; partnerCompanyId: string; by: string; at: string }
>;

export type IntroductionMade = DomainEvent<
  'IntroductionMade',
  {
    needId: string;
    introductionId: string;
    /** The publisher. */
    companyId: string;
    partnerCompanyId: string;
    via: IntroductionVia;
    note?: string;
    authority: Authority;
    by: string;
    at: string;
  }
>;

export type MeetingLogged = DomainEvent<
  'MeetingLogged',
  {
    needId: string;
    meetingId: string;
    /** The company that logged it: the publisher or the partner. */
    companyId: string;
    publisherCompanyId: string;
    partnerCompanyId: string;
    on: string;
    note?: string;
    by: string;
    at: string;
  }
>;

export type NeedClosed = DomainEvent<'NeedClosed', { needId: string; companyId: string; outcome: NeedOutcome; by: string; at: string }>;

export type ContentReported = DomainEvent<
  'ContentReported',
  { needId: string; reportId: string; target: ContentTarget; reason: string; by: string; at: string }
>;

export type ContentHidden = DomainEvent<
  'ContentHidden',
  { needId: string; target: ContentTarget; reportId?: string; reason: string; authority: ModerationAuthority; by: string; at: string }
>;

export type ContentRestored = DomainEvent<
  'ContentRestored',
  { needId: string; target: ContentTarget; reportId?: string; reason: string; authority: ModerationAuthority; by: string; at: string }
>;

export type ReportResolved = DomainEvent<
  'ReportResolved',
  { needId: string; reportId: string; decision: 'hidden' | 'dismissed'; reason: string; authority: ModerationAuthority; by: string; at: string }
>;

export type NeedEvent =
  | NeedPublished
  | InterestExpressed
  | InterestWithdrawn
  | PartnerShortlisted
  | PartnerRemovedFromShortlist
  | IntroductionMade
  | MeetingLogged
  | NeedClosed
  | ContentReported
  | ContentHidden
  | ContentRestored
  | ReportResolved;
