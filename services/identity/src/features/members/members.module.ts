import { Module } from '@nestjs/common';
import { ReadModelsModule } from '../../read-models/read-models.module';
import { MembersController } from './members.controller';
import { MembersHandler } from './members.handler';

@Module({ imports: [ReadModelsModule], controllers: [MembersController], providers: [MembersHandler] })
export class MembersModule {}
