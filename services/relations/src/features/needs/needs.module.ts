import { Module } from '@nestjs/common';
import { NeedsQuery } from '../../read-models/needs/needs.query';
import { NeedAgreements } from './need-agreements';
import { NeedExpiry } from './need-expiry';
import { NeedsController } from './needs.controller';
import { NeedsHandler } from './needs.handler';
import { WarmIntroductions } from './warm-introductions';

@Module({ controllers: [NeedsController], providers: [NeedsHandler, NeedsQuery, NeedExpiry, NeedAgreements, WarmIntroductions], exports: [NeedsHandler, NeedsQuery] })
export class NeedsFeatureModule {}
