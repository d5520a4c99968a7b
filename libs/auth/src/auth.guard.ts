import { CanActivate, ExecutionContext, Injectable, SetMetadata, createParamDecorator } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { UnauthorizedError } from '@opn/kernel';
import type { Request } from 'express';
import { AuthenticatedActor, TokenVerifier } from './tokens';

const IS_PUBLIC = 'opn:isPublic';
/** Opens a route to anonymous callers (sign-up, sign-in, health, OpenAPI). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

type AuthenticatedRequest = Request & { actor?: AuthenticatedActor };

/** Global guard: every route needs a valid bearer access token unless marked @Public(). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer ([A-Za-z0-9\-_.]+)$/.exec(header) : null;
    if (!match) throw new UnauthorizedError('missing bearer access token');
    request.actor = await this.verifier.verify(match[1]);
    return true;
  }
}

/** The verified caller of the current request. */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): AuthenticatedActor => {
  const actor = context.switchToHttp().getRequest<AuthenticatedRequest>().actor;
  if (!actor) throw new UnauthorizedError('not authenticated');
  return actor;
});
