import { Module } from '@nestjs/common';
import { AccessModule } from '../../infrastructure/access.module';
import { ReadModelsModule } from '../../read-models/read-models.module';
import { PrivacyController } from './privacy.controller';
import { PrivacyHandler } from './privacy.handler';

@Module({ imports: [ReadModelsModule, AccessModule], controllers: [PrivacyController], providers: [PrivacyHandler] })
export class PrivacyModule {}
