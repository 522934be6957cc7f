// What the API docs show beyond the schemas: every response named for what it means, and an
// example for every body a route takes or gives, made from the route's own JSON schema (so
// it has every field, with plausible values: real dates, amounts with 2 places, the first
// value of an enum). The docs test validates each example against its schema.
import { errorStatus } from '../errors.ts';

type Json = Record<string, unknown>;
export interface JsonSchema extends Json {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  additionalProperties?: JsonSchema | boolean;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  examples?: unknown[];
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  description?: string;
}

const day = '2026-01-31';
const instant = '2026-01-31T09:30:00.000Z';

/** What each status means to a caller. */
const statusNames: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted: the work goes on in the background',
  204: 'Done, nothing to return',
  400: 'Bad request: `message` names the field and what is wrong with it',
  401: 'Not signed in: the Telegram initData (or API key) is missing, invalid or expired',
  403: 'Forbidden: the caller’s role or region does not allow this',
  404: 'Not found, or not visible to this caller',
  409: 'Conflict with the current state',
  413: 'Too large',
  429: 'Too many requests: retry after the Retry-After header’s seconds',
  503: 'Unavailable for now (database or report threads busy): retry',
};

const codeOf = (status: number) =>
  Object.entries(errorStatus).find(([, s]) => s === status)?.[0] ?? 'bad_request';

/** Values by field name where the type alone says too little. */
function byName(name: string, s: JsonSchema): unknown {
  if (/revenue|amount|value|total|clv|cost|price|spend|money|incremental/i.test(name)) {
    return '129.90';
  }
  if (/email/i.test(name)) return 'anna@example.com';
  if (/timeZone/i.test(name)) return 'Europe/Moscow';
  if (/phone/i.test(name)) return '+7 900 000-00-01';
  if (/^name$|firstName|first_name/i.test(name)) return 'Anna Petrova';
  if (/region/i.test(name)) return 'North';
  if (/channel/i.test(name)) return 'telegram';
  if (/code$/i.test(name) && !s.pattern) return 'SPRING15';
  if (/At$/.test(name)) return instant;
  if (/(Day|^day|^from|^to|^asOf|Ends|^cohort|^start|^end)$/.test(name)) return day;
  return undefined;
}

function fitLength(value: string, s: JsonSchema): string {
  let v = value;
  if (s.maxLength !== undefined) v = v.slice(0, s.maxLength);
  while (s.minLength !== undefined && v.length < s.minLength) v += 'x';
  return v;
}

function stringOf(name: string, s: JsonSchema): string {
  if (s.format === 'date-time') return instant;
  if (s.format === 'date') return day;
  if (s.format === 'email') return 'anna@example.com';
  if (s.format === 'uri' || s.format === 'url') return 'https://example.com/';
  const named = byName(name, s);
  const candidates = [...(typeof named === 'string' ? [named] : []), name, 'text', day, instant];
  if (s.pattern) {
    const pattern = new RegExp(s.pattern);
    const fits = [...candidates, '09:30', 'ABC123', '1', '129.90'].find((c) => pattern.test(c));
    return fitLength(fits ?? 'x', s);
  }
  return fitLength(typeof named === 'string' ? named : 'text', s);
}

function numberOf(name: string, s: JsonSchema, integer: boolean): number {
  const low = s.minimum ?? (typeof s.exclusiveMinimum === 'number' ? s.exclusiveMinimum : 0);
  const high = s.maximum ?? Number.POSITIVE_INFINITY;
  let v = /share|rate|probability|ratio|retention|pAlive/i.test(name) ? 0.25 : 12;
  if (integer) v = Math.round(v) || 1;
  if (v < low) v = integer ? Math.ceil(low) : low;
  if (v > high) v = integer ? Math.floor(high) : high;
  return v;
}

/** A value the schema accepts, with every property filled in. */
export function sampleOf(s: JsonSchema, name = '', depth = 0): unknown {
  if (depth > 16) return null;
  if (s.examples?.length) return s.examples[0];
  if ('example' in s) return s.example;
  if ('const' in s) return s.const;
  if ('default' in s) return s.default;
  if (s.enum?.length) return s.enum[0];
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives?.length) {
    const pick = alternatives.find((a) => a.type !== 'null') ?? (alternatives[0] as JsonSchema);
    return sampleOf(pick, name, depth + 1);
  }
  if (s.allOf?.length) {
    return Object.assign({}, ...s.allOf.map((part) => sampleOf(part, name, depth + 1)));
  }
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  switch (type) {
    case 'object': {
      const out: Json = {};
      for (const [key, value] of Object.entries(s.properties ?? {})) {
        out[key] = sampleOf(value, key, depth + 1);
      }
      if (!s.properties && typeof s.additionalProperties === 'object') {
        // A record: the keys it must have (an enum of keys), or one made-up key.
        const keys = (s.required as string[] | undefined) ?? ['key'];
        for (const key of keys) out[key] = sampleOf(s.additionalProperties, key, depth + 1);
      }
      return out;
    }
    case 'array': {
      const item = s.items ? sampleOf(s.items, name, depth + 1) : 'text';
      return Array.from({ length: Math.max(1, s.minItems ?? 1) }, () => item);
    }
    case 'string':
      return stringOf(name, s);
    case 'integer':
      return numberOf(name, s, true);
    case 'number':
      return numberOf(name, s, false);
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      return null;
  }
}

/** An error body as the API gives it for `status`. */
function errorExample(status: number) {
  return {
    statusCode: status,
    code: codeOf(status),
    error: (statusNames[status] ?? 'Error').split(':')[0],
    message:
      status === 400
        ? 'querystring/from: must be a date like 2024-01-31'
        : (statusNames[status] ?? 'Error'),
  };
}

const isErrorBody = (s: JsonSchema) =>
  ['statusCode', 'code', 'error', 'message'].every((k) => k in (s.properties ?? {}));

/**
 * The route's schema for the docs with named responses and examples: each response described
 * by its status (success: the route's summary), each JSON body with an example.
 */
export function withExamples(schema: Json): Json {
  const out: Json = { ...schema };
  const summary = typeof schema.summary === 'string' ? schema.summary : '';
  const response = schema.response as Record<string, JsonSchema> | undefined;
  if (response) {
    const named: Record<string, JsonSchema> = {};
    for (const [code, body] of Object.entries(response)) {
      const status = Number(code);
      const name = statusNames[status] ?? `Status ${code}`;
      const described: JsonSchema = {
        ...body,
        description: status < 300 && summary ? `${name}: ${summary}` : name,
      };
      if (!described.examples) {
        described.examples = [isErrorBody(body) ? errorExample(status) : sampleOf(body)];
      }
      named[code] = described;
    }
    out.response = named;
  }
  const body = schema.body as JsonSchema | undefined;
  if (body && !body.examples) out.body = { ...body, examples: [sampleOf(body)] };
  // Each query, path and header parameter with an example (Swagger UI would make one from a pattern).
  for (const part of ['querystring', 'params', 'headers'] as const) {
    const params = schema[part] as JsonSchema | undefined;
    if (!params?.properties) continue;
    const properties: Record<string, JsonSchema> = {};
    for (const [key, value] of Object.entries(params.properties)) {
      properties[key] = value.examples ? value : { ...value, examples: [sampleOf(value, key)] };
    }
    out[part] = { ...params, properties };
  }
  return out;
}
