import { Module } from '@nestjs/common';
import { CollectivesFeatureModule } from '../collectives/collectives.module';
import { MembersController } from './members.controller';
import { MembersHandler } from './members.handler';

@Module({ imports: [CollectivesFeatureModule], controllers: [MembersController], providers: [MembersHandler] })
export class MembersFeatureModule {}
