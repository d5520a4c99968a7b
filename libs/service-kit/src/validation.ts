import { BadRequestException, ParseEnumPipe, ParseUUIDPipe, ValidationError, ValidationPipe } from '@nestjs/common';
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

/**
 * DTO validation for every endpoint: unknown or privileged fields are refused (mass assignment
 * gets a 400 and nothing is written), types are checked, not coerced.
 */
export const validationPipe = () =>
  new ValidationPipe({
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

/** A path parameter that must be one of `values`; anything else is a 400 naming the field. */
export const EnumParam = <T extends string>(field: string, values: readonly T[]) =>
  new ParseEnumPipe(Object.fromEntries(values.map((v) => [v, v])), {
    exceptionFactory: () => new DomainValidationError(`${field} must be one of ${values.join(', ')}`, [{ field, message: `unknown ${field}` }]),
  });
