import { Module } from '@nestjs/common';
import { AccessModule } from '../../infrastructure/access.module';
import { ReadModelsModule } from '../../read-models/read-models.module';
import { MeController } from './me.controller';
import { MeHandler } from './me.handler';

@Module({ imports: [ReadModelsModule, AccessModule], controllers: [MeController], providers: [MeHandler] })
export class MeModule {}
