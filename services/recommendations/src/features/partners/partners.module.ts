import { Module } from '@nestjs/common';
import { PartnersController } from './partners.controller';
import { PartnersHandler } from './partners.handler';

@Module({ controllers: [PartnersController], providers: [PartnersHandler] })
export class PartnersFeatureModule {}
