import type { INestApplication } from '@nestjs/common';
import request from 'supertest';

export interface OpenApiSchema {
  $ref?: string;
  type?: string;
  format?: string;
  properties?: Record<string, OpenApiSchema>;
  required?: string[];
  items?: OpenApiSchema;
  enum?: unknown[];
  example?: unknown;
  default?: unknown;
  nullable?: boolean;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  allOf?: OpenApiSchema[];
}

interface OpenApiParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: OpenApiSchema;
}

interface OpenApiOperationObject {
  operationId?: string;
  parameters?: OpenApiParameter[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: OpenApiSchema }> };
}

export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, OpenApiOperationObject>>;
  components?: { schemas?: Record<string, OpenApiSchema> };
}

export const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** One operation of the document, with its JSON body schema resolved. */
export interface SweepOperation {
  /** `METHOD /path/{param}`: the key a declaration classifies it under. */
  key: string;
  method: HttpMethod;
  path: string;
  pathParams: string[];
  queryParams: string[];
  headerParams: string[];
  /** The resolved JSON body schema, when the operation takes one. */
  body?: OpenApiSchema;
}

/** The running service's OpenAPI document, as its clients get it (`GET /openapi.json`). */
export async function readOpenApi(app: INestApplication): Promise<OpenApiDocument> {
  const res = await request(app.getHttpServer()).get('/openapi.json');
  if (res.status !== 200 || typeof res.body?.paths !== 'object') throw new Error(`GET /openapi.json answered ${res.status}: no OpenAPI document to sweep`);
  return res.body as OpenApiDocument;
}

export function resolveSchema(document: OpenApiDocument, schema: OpenApiSchema | undefined, depth = 0): OpenApiSchema | undefined {
  if (!schema || depth > 20) return schema;
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    return resolveSchema(document, document.components?.schemas?.[name], depth + 1);
  }
  if (schema.allOf?.length === 1) return resolveSchema(document, schema.allOf[0], depth + 1);
  return schema;
}

export function listOperations(document: OpenApiDocument): SweepOperation[] {
  const operations: SweepOperation[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!op) continue;
      const params = op.parameters ?? [];
      const of = (where: OpenApiParameter['in']) => params.filter((p) => p.in === where).map((p) => p.name);
      const fromPath = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      operations.push({
        key: `${method.toUpperCase()} ${path}`,
        method,
        path,
        pathParams: [...new Set([...fromPath, ...of('path')])],
        queryParams: of('query'),
        headerParams: of('header'),
        body: resolveSchema(document, op.requestBody?.content?.['application/json']?.schema),
      });
    }
  }
  return operations;
}

/** Names of the top-level properties a body schema declares. */
export const schemaProperties = (document: OpenApiDocument, schema: OpenApiSchema | undefined): string[] =>
  Object.keys(resolveSchema(document, schema)?.properties ?? {});

/**
 * A body built from the schema alone, for operations the declaration gives no example for:
 * every required property from its example, default, first enum value or the smallest value of
 * its type. Domain rules (check digits, uniqueness) are not in the schema, so declarations give
 * examples where they matter; the sweeps check that the valid body is accepted before trusting it.
 */
export function exampleFromSchema(document: OpenApiDocument, schema: OpenApiSchema | undefined, depth = 0): unknown {
  const s = resolveSchema(document, schema);
  if (!s || depth > 8) return undefined;
  if (s.example !== undefined) return s.example;
  if (s.default !== undefined) return s.default;
  if (s.enum?.length) return s.enum[0];
  switch (s.type) {
    case 'string':
      return s.format === 'uuid' ? '00000000-0000-4000-8000-000000000000' : 'x'.repeat(Math.max(1, s.minLength ?? 1));
    case 'number':
    case 'integer':
      return s.minimum ?? 1;
    case 'boolean':
      return true;
    case 'array':
      return [];
    default: {
      const out: Record<string, unknown> = {};
      for (const name of s.required ?? []) out[name] = exampleFromSchema(document, s.properties?.[name], depth + 1);
      return out;
    }
  }
}

/** The path with its parameters filled in (values URL-encoded unless `raw`). */
export function fillPath(path: string, params: Record<string, string>, raw: Record<string, boolean> = {}): string {
  return path.replace(/\{([^}]+)\}/g, (_m, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`no value for path parameter ${name} of ${path}: add it to the fixture's params`);
    return raw[name] ? value : encodeURIComponent(value);
  });
}
