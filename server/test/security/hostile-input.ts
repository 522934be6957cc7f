// Hostile values for the property tests, and request generators derived from each route's
// zod schemas (params, querystring, body), so a new route or field is fuzzed unasked.
import fc from 'fast-check';
import type { RouteOptions } from 'fastify';

/** SQL and LIKE metacharacters, injection classics, odd unicode, NUL, numbers out of range. */
export const nasty = [
  "'; DROP TABLE customers; --",
  "' OR '1'='1",
  '" OR ""="',
  "1; DELETE FROM orders WHERE '1'='1",
  "' UNION SELECT telegram_user_id FROM staff --",
  '%',
  '_',
  '%%',
  '\\',
  "\\'",
  "'",
  '"',
  '`',
  '$1',
  '$$',
  ':id',
  '?',
  '\u0000',
  'a\u0000b',
  '\u202e',
  '😀',
  'Ünïcödé',
  'ـ',
  '\u0024{7*7}',
  '{{7*7}}',
  '<script>alert(1)</script>',
  '../../../etc/passwd',
  ' ',
  '',
  'null',
  'NaN',
  'Infinity',
  '-1',
  '0',
  '1e309',
  '99999999999999999999999',
  '2147483648',
  '-2147483649',
  '0x10',
  '1.5',
  'true',
  '[]',
  '{}',
  '__proto__',
  'constructor',
  '2024-02-30',
  '0000-00-00',
  '9999-12-31',
];

export const text = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...nasty) },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.fullUnicodeString({ maxLength: 20 }) },
  { weight: 1, arbitrary: fc.integer().map(String) },
  { weight: 1, arbitrary: fc.double().map(String) },
  { weight: 1, arbitrary: fc.string({ minLength: 200, maxLength: 3000 }) },
);

export const json: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: text },
  {
    weight: 2,
    arbitrary: fc.constantFrom(0, -1, 1, 1.5, 2 ** 31, 2 ** 53, -(2 ** 53), 1e308, -1e308),
  },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
);

type Def = { type: string; innerType?: Zod; in?: Zod; element?: Zod; shape?: Record<string, Zod> };
interface Zod {
  _zod: { def: Def };
}

/** Optional, default, nullable and pipe wrappers removed. */
function unwrap(schema: Zod): Zod {
  const def = schema._zod.def;
  if (def.innerType) return unwrap(def.innerType);
  if (def.type === 'pipe' && def.in) return unwrap(def.in);
  return schema;
}

/** Field names of an object schema (none for anything else). */
export function fieldsOf(schema: unknown): string[] {
  if (!schema || typeof schema !== 'object' || !('_zod' in schema)) return [];
  const def = unwrap(schema as Zod)._zod.def;
  return def.type === 'object' && def.shape ? Object.keys(def.shape) : [];
}

/** Values shaped like the schema (objects keep their keys, arrays their items), hostile inside. */
function shaped(schema: Zod | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 3) return json;
  const s = unwrap(schema);
  const def = s._zod.def;
  if (def.type === 'object' && def.shape) {
    const fields = Object.fromEntries(
      Object.entries(def.shape).map(([k, v]) => [
        k,
        fc.option(shaped(v, depth + 1), { nil: undefined }),
      ]),
    );
    return fc.oneof(
      { weight: 5, arbitrary: fc.record(fields, { requiredKeys: [] }) },
      { weight: 1, arbitrary: json },
    );
  }
  const element = (s as unknown as { element?: Zod }).element ?? def.element;
  if (def.type === 'array' && element) {
    return fc.oneof(
      { weight: 5, arbitrary: fc.array(shaped(element, depth + 1), { maxLength: 4 }) },
      { weight: 1, arbitrary: json },
    );
  }
  return json;
}

export interface HostileRequest {
  url: string;
  query: Record<string, string | string[]>;
  payload?: unknown;
}

/** Requests to a route with hostile params, query and body, derived from its schemas. */
export function hostileRequests(route: RouteOptions): fc.Arbitrary<HostileRequest> | null {
  const schema = (route.schema ?? {}) as Record<string, unknown>;
  const params = fieldsOf(schema.params);
  const query = [...fieldsOf(schema.querystring), 'unexpected'];
  const hasBody = schema.body !== undefined;
  if (params.length === 0 && fieldsOf(schema.querystring).length === 0 && !hasBody) return null;
  const paramValue = fc.oneof(text, fc.integer({ min: -5, max: 20 }).map(String));
  const queryValue = fc.oneof(
    { weight: 5, arbitrary: text },
    { weight: 1, arbitrary: fc.array(text, { minLength: 2, maxLength: 3 }) },
  );
  return fc
    .record({
      params: fc.tuple(...params.map(() => paramValue)),
      query: fc.record(
        Object.fromEntries(query.map((k) => [k, fc.option(queryValue, { nil: undefined })])),
        { requiredKeys: [] },
      ),
      payload: hasBody ? shaped(schema.body as Zod) : fc.constant(undefined),
    })
    .map(({ params: values, query: q, payload }) => {
      let url = route.url;
      params.forEach((name, i) => {
        url = url.replace(`:${name}`, encodeURIComponent(values[i]!));
      });
      const clean = Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined));
      return { url, query: clean as Record<string, string | string[]>, payload };
    });
}

type Path = (string | number)[];

/** Paths to every leaf (a scalar, an empty object or array) of a JSON value. */
export function leafPaths(value: unknown, path: Path = []): Path[] {
  if (Array.isArray(value) && value.length > 0) {
    return value.flatMap((v, i) => leafPaths(v, [...path, i]));
  }
  if (value && typeof value === 'object' && Object.keys(value).length > 0) {
    return Object.entries(value).flatMap(([k, v]) => leafPaths(v, [...path, k]));
  }
  return [path];
}

/** A copy of `value` with the leaf at `path` replaced. */
export function withLeaf(value: unknown, path: Path, leaf: unknown): unknown {
  if (path.length === 0) return leaf;
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let at = copy;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
  at[path.at(-1)!] = leaf;
  return copy;
}
