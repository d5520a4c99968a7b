import { Module } from '@nestjs/common';
import { ReadModelsModule } from '../../read-models/read-models.module';
import { PlatformRolesController } from './platform-roles.controller';
import { PlatformRolesHandler } from './platform-roles.handler';

@Module({ imports: [ReadModelsModule], controllers: [PlatformRolesController], providers: [PlatformRolesHandler] })
export class PlatformRolesModule {}
