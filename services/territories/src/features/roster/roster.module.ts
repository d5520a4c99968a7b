import { Module } from '@nestjs/common';
import { MemberImports } from './member-imports';
import { FirmMembershipsController, RosterController } from './roster.controller';
import { RosterHandler } from './roster.handler';

@Module({ controllers: [FirmMembershipsController, RosterController], providers: [RosterHandler, MemberImports] })
export class RosterFeatureModule {}
