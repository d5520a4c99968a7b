import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import type { Clock } from '@opn/kernel';
import { CLOCK } from '../tokens';

/** Stamps each request with the time it was received, from the injected clock (tests set it). */
@Injectable()
export class RequestClockInterceptor implements NestInterceptor {
  constructor(@Inject(CLOCK) private readonly clock: Clock) {}

  intercept(context: ExecutionContext, next: CallHandler) {
    if (context.getType() === 'http') context.switchToHttp().getRequest<{ receivedAt?: Date }>().receivedAt = this.clock();
    return next.handle();
  }
}
