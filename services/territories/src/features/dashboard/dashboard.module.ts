import { Module } from '@nestjs/common';
import { DashboardController } from './dashboard.controller';
import { DashboardHandler } from './dashboard.handler';

@Module({ controllers: [DashboardController], providers: [DashboardHandler] })
export class DashboardFeatureModule {}
