import { Module } from '@nestjs/common';
import { RelationsQuery } from '../../read-models/relations/relations.query';
import { RelationsController } from './relations.controller';
import { RelationsHandler } from './relations.handler';

@Module({ controllers: [RelationsController], providers: [RelationsHandler, RelationsQuery], exports: [RelationsHandler] })
export class RelationsFeatureModule {}
