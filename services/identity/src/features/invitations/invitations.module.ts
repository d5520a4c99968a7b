import { Module } from '@nestjs/common';
import { ReadModelsModule } from '../../read-models/read-models.module';
import { InvitationsController } from './invitations.controller';
import { InvitationsHandler } from './invitations.handler';

@Module({ imports: [ReadModelsModule], controllers: [InvitationsController], providers: [InvitationsHandler] })
export class InvitationsModule {}
