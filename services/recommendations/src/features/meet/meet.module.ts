import { Module } from '@nestjs/common';
import { MeetController } from './meet.controller';
import { MeetHandler } from './meet.handler';

@Module({ controllers: [MeetController], providers: [MeetHandler] })
export class MeetFeatureModule {}
