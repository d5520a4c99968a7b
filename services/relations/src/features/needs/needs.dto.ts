import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  ValidateNested,
  ValidationArguments,
  registerDecorator,
} from 'class-validator';
import { PageQuery } from '@opn/service-kit';
import { BUDGET_BANDS, INTRODUCTION_VIAS, NEED_VISIBILITIES, RELATION_KINDS, type BudgetBand, type IntroductionVia, type NeedVisibility, type RelationKind } from '../../domain';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A field of a tagged union (`{kind, ...}`): allowed only for the kinds listed in `rules` (400
 * `must not be set for kind x` otherwise), required or optional there, checked by `check` (a
 * message when wrong).
 */
export function UnionField(rules: Record<string, { required: boolean; check: (value: unknown) => string | null }>) {
  function problem(value: unknown, args: ValidationArguments): string | null {
    const kind = (args.object as { kind?: unknown }).kind;
    const rule = typeof kind === 'string' && Object.prototype.hasOwnProperty.call(rules, kind) ? rules[kind] : undefined;
    if (!rule) return value === undefined ? null : `must not be set for kind ${String(kind)}`;
    if (value === undefined) return rule.required ? `is required for kind ${String(kind)}` : null;
    return rule.check(value);
  }
  return (target: object, property: string) =>
    registerDecorator({
      name: 'unionField',
      target: target.constructor,
      propertyName: property,
      options: { always: true },
      validator: {
        validate: (value: unknown, args: ValidationArguments) => problem(value, args) === null,
        defaultMessage: (args: ValidationArguments) => `${args.property} ${problem(args.value, args) ?? 'is invalid'}`,
      },
    });
}

const uuid = (v: unknown) => (typeof v === 'string' && UUID.test(v) ? null : 'must be a UUID');
const text = (max: number) => (v: unknown) => (typeof v === 'string' && v.trim().length >= 1 && v.length <= max ? null : `must be a text of 1..${max} characters`);
const oneOf = (values: readonly string[]) => (v: unknown) => (typeof v === 'string' && values.includes(v) ? null : `must be one of ${values.join(', ')}`);

export class PublishNeedDto {
  @ApiProperty({ maxLength: 200 }) @IsString() @Length(1, 200) title: string;
  @ApiProperty({ maxLength: 5000 }) @IsString() @Length(1, 5000) description: string;
  @ApiPropertyOptional({ type: [String], maxItems: 20 }) @IsOptional() @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @Length(1, 60, { each: true }) capabilities?: string[];
  @ApiProperty({ type: [String], example: ['69', '42'], description: 'département codes (01..95, 2A, 2B, 971..976), 1..20' })
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  territory: string[];
  @ApiProperty({ example: '2027-03-31', description: 'last day for interest and meetings; after today' }) @Matches(DATE) deadline: string;
  @ApiProperty({ enum: BUDGET_BANDS }) @IsIn(BUDGET_BANDS as string[]) budgetBand: BudgetBand;
  @ApiProperty({ enum: NEED_VISIBILITIES }) @IsIn(NEED_VISIBILITIES as string[]) visibility: NeedVisibility;
}

export class NeedListQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'a capability tag the need asks for' }) @IsOptional() @IsString() @Length(1, 60) capability?: string;
  @ApiPropertyOptional({ description: 'a département of the need’s territory' }) @IsOptional() @IsString() @Length(1, 3) departement?: string;
  @ApiPropertyOptional({ enum: BUDGET_BANDS }) @IsOptional() @IsIn(BUDGET_BANDS as string[]) budgetBand?: BudgetBand;
  @ApiPropertyOptional({ description: 'the publisher' }) @IsOptional() @IsUUID() companyId?: string;
  @ApiPropertyOptional({ enum: ['open', 'closed'], default: 'open' }) @IsOptional() @IsIn(['open', 'closed']) status?: 'open' | 'closed';
}

export class CompanyNeedsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['open', 'closed'] }) @IsOptional() @IsIn(['open', 'closed']) status?: 'open' | 'closed';
}

export class ExpressInterestDto {
  @ApiProperty({ description: 'the interested company (you are a member of it)' }) @IsUUID() companyId: string;
  @ApiPropertyOptional({ maxLength: 2000 }) @IsOptional() @IsString() @MaxLength(2000) message?: string;
}

export class ShortlistDto {
  @ApiProperty({ description: 'the publisher (you are a member of it)' }) @IsUUID() companyId: string;
  @ApiProperty({ description: 'an interested company' }) @IsUUID() partnerCompanyId: string;
}

export class PublisherQuery {
  @ApiProperty({ description: 'the publisher (you are a member of it)' }) @IsUUID() companyId: string;
}

export class IntroductionDto {
  @ApiProperty() @IsUUID() partnerCompanyId: string;
  @ApiProperty({
    enum: INTRODUCTION_VIAS,
    description: "platform: a platform admin; coordinator: a territory coordinator; person: someone who knows both sides (for each company, a member of it or with a confirmed tie to one of its members)",
  })
  @IsIn(INTRODUCTION_VIAS as string[])
  via: IntroductionVia;
  @ApiPropertyOptional({ maxLength: 2000 }) @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

export class MeetingDto {
  @ApiProperty({ description: 'the publisher or the partner (you are a member of it)' }) @IsUUID() companyId: string;
  @ApiProperty({ description: 'the engaged partner company' }) @IsUUID() partnerCompanyId: string;
  @ApiProperty({ example: '2026-12-01', description: 'not in the future' }) @Matches(DATE) on: string;
  @ApiPropertyOptional({ maxLength: 2000 }) @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

/** `{kind: 'agreement', partnerCompanyId, relationKind} | {kind: 'no_deal', reason} | {kind: 'withdrawn', reason?}`. */
export class OutcomeDto {
  @ApiProperty({ enum: ['agreement', 'no_deal', 'withdrawn'] }) @IsIn(['agreement', 'no_deal', 'withdrawn']) kind: 'agreement' | 'no_deal' | 'withdrawn';
  @ApiPropertyOptional({ description: 'agreement only' }) @UnionField({ agreement: { required: true, check: uuid } }) partnerCompanyId?: string;
  @ApiPropertyOptional({ enum: RELATION_KINDS, description: 'agreement only: what the partner is to the publisher (its client, supplier, ...)' })
  @UnionField({ agreement: { required: true, check: oneOf(RELATION_KINDS) } })
  relationKind?: RelationKind;
  @ApiPropertyOptional({ maxLength: 1000, description: 'required for no_deal, optional for withdrawn' })
  @UnionField({ no_deal: { required: true, check: text(1000) }, withdrawn: { required: false, check: text(1000) } })
  reason?: string;
}

export class RecordOutcomeDto {
  @ApiProperty({ description: 'the publisher (you are a member of it)' }) @IsUUID() companyId: string;
  @ApiProperty({ type: OutcomeDto }) @IsObject() @ValidateNested() @Type(() => OutcomeDto) outcome: OutcomeDto;
}

/** `{kind: 'need'} | {kind: 'interest', companyId}`. */
export class TargetDto {
  @ApiProperty({ enum: ['need', 'interest'] }) @IsIn(['need', 'interest']) kind: 'need' | 'interest';
  @ApiPropertyOptional({ description: 'interest only: the interested company' }) @UnionField({ interest: { required: true, check: uuid } }) companyId?: string;
}

export class ReportDto {
  @ApiProperty({ type: TargetDto }) @IsObject() @ValidateNested() @Type(() => TargetDto) target: TargetDto;
  @ApiProperty({ maxLength: 1000 }) @IsString() @Length(1, 1000) reason: string;
}

export class ModerationReasonDto {
  @ApiProperty({ maxLength: 1000 }) @IsString() @Length(1, 1000) reason: string;
}

export class RestoreDto extends ReportDto {}

export class ReportListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['open', 'resolved'] }) @IsOptional() @IsIn(['open', 'resolved']) status?: 'open' | 'resolved';
}
