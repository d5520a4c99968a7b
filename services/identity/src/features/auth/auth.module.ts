import { Module } from '@nestjs/common';
import { AccessModule } from '../../infrastructure/access.module';
import { AuthController } from './auth.controller';
import { AuthHandler } from './auth.handler';
import { SessionTokens } from './session-tokens';

@Module({ imports: [AccessModule], controllers: [AuthController], providers: [AuthHandler, SessionTokens] })
export class AuthModule {}
