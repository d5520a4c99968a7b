import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** Query parameters of every list endpoint. */
export class PageQuery {
  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100000)
  page: number = 1;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit: number = 20;
}

export interface Page<T> {
  items: T[];
  page: number;
  limit: number;
  total: number;
  pages: number;
}

export const pageOf = <T>(items: T[], total: number, query: PageQuery): Page<T> => ({
  items,
  page: query.page,
  limit: query.limit,
  total,
  pages: Math.ceil(total / query.limit),
});

/** What every read model's documents carry for the projector, and no answer shows. */
export const PROJECTOR_FIELDS = { _id: 0, _position: 0, _eventId: 0 } as const;

/** The slice of a collection's drivers `findPage` needs (structural: any mongoose or driver collection). */
export interface PageableCollection {
  find(filter: object, options: { projection: object }): { sort(sort: Record<string, 1 | -1>): { skip(n: number): { limit(n: number): { toArray(): Promise<unknown[]> } } } };
  countDocuments(filter: object): Promise<number>;
}

/**
 * One page of a read model: the documents matching `filter` in `sort` order (make it total: end
 * with a unique field) and the total count, run side by side. `projection` defaults to hiding the
 * projector's fields.
 */
export async function findPage<T>(
  collection: PageableCollection,
  filter: object,
  sort: Record<string, 1 | -1>,
  query: PageQuery,
  projection: object = PROJECTOR_FIELDS,
): Promise<Page<T>> {
  const [items, total] = await Promise.all([
    collection
      .find(filter, { projection })
      .sort(sort)
      .skip((query.page - 1) * query.limit)
      .limit(query.limit)
      .toArray(),
    collection.countDocuments(filter),
  ]);
  return pageOf(items as T[], total, query);
}
