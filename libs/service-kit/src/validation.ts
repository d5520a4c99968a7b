import { ArgumentMetadata, BadRequestException, ParseEnumPipe, ParseUUIDPipe, PipeTransform, ValidationError, ValidationPipe } from '@nestjs/common';
import { NotFoundError, ValidationError as DomainValidationError } from '@opn/kernel';

const flatten = (errors: ValidationError[], parent = ''): Array<{ field: string; message: string }> =>
  errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({
      field,
      // class-validator says "property x should not exist" for unknown fields: keep it, it is clear.
      message,
    }));
    return [...own, ...flatten(e.children ?? [], field)];
  });

/** More levels of nested objects or arrays are refused before class-transformer recurses into them (a 30 kB `[[[[...]]]]` overflowed its stack: 500). */
export const MAX_BODY_DEPTH = 32;

/**
 * What class-validator cannot see: a `__proto__` key (JSON.parse makes it an own property, which
 * class-transformer drops silently instead of refusing it as unknown) and more than MAX_BODY_DEPTH
 * levels of nesting. Walks iteratively, so the check itself cannot overflow.
 */
export function bodyShapeProblem(body: unknown): { field: string; message: string } | undefined {
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value: body, path: '', depth: 0 }];
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_BODY_DEPTH) return { field: path || 'body', message: `nested deeper than ${MAX_BODY_DEPTH} levels` };
    if (!Array.isArray(value) && Object.prototype.hasOwnProperty.call(value, '__proto__')) {
      return { field: path ? `${path}.__proto__` : '__proto__', message: 'property __proto__ should not exist' };
    }
    for (const [key, child] of Object.entries(value)) stack.push({ value: child, path: path ? `${path}.${key}` : key, depth: depth + 1 });
  }
  return undefined;
}

class BodyValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata) {
    if (metadata.type === 'body') {
      const problem = bodyShapeProblem(value);
      if (problem) throw new BadRequestException({ code: 'validation_failed', message: `${problem.field}: ${problem.message}`, details: [problem] });
    }
    return super.transform(value, metadata);
  }
}

/**
 * DTO validation for every endpoint: unknown or privileged fields are refused (mass assignment
 * gets a 400 and nothing is written), types are checked, not coerced.
 */
export const validationPipe = () =>
  new BodyValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const details = flatten(errors);
      return new BadRequestException({
        code: 'validation_failed',
        message: details.map((d) => `${d.field}: ${d.message}`).join('; ') || 'invalid request',
        details,
      });
    },
  });

/** Ids in paths are UUIDs; anything else cannot exist, so it is a 404 like an unknown id. */
export const UuidParam = new ParseUUIDPipe({ exceptionFactory: () => new NotFoundError('not found') });

/**
 * Ids derived from their content (a hash, e.g. one relation per pair of companies and kind):
 * 1..64 characters of base64url; anything else cannot exist, so it is a 404 like an unknown id.
 */
export const OpaqueIdParam: PipeTransform<unknown, string> = {
  transform: (value: unknown) => {
    if (typeof value !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(value)) throw new NotFoundError('not found');
    return value;
  },
};

/** A path parameter that must be one of `values`; anything else is a 400 naming the field. */
export const EnumParam = <T extends string>(field: string, values: readonly T[]) =>
  new ParseEnumPipe(Object.fromEntries(values.map((v) => [v, v])), {
    exceptionFactory: () => new DomainValidationError(`${field} must be one of ${values.join(', ')}`, [{ field, message: `unknown ${field}` }]),
  });
