// The API docs: every route's every response named for what it means (none left as Swagger's
// "Default Response"), and an example for every JSON body and parameter that its own schema
// accepts.
import Ajv from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp, testBotToken } from './helpers/build-app.ts';

type Media = { schema?: Record<string, unknown>; example?: unknown; examples?: unknown };
type Operation = {
  summary?: string;
  parameters?: { name: string; in: string; schema: Record<string, unknown>; example?: unknown }[];
  requestBody?: { content: Record<string, Media> };
  responses: Record<string, { description: string; content?: Record<string, Media> }>;
};

/** An OpenAPI 3.0 schema as JSON Schema: `nullable` as a null alternative, boolean bounds as numbers. */
function jsonSchemaOf(s: unknown): unknown {
  if (Array.isArray(s)) return s.map(jsonSchemaOf);
  if (typeof s !== 'object' || s === null) return s;
  const { nullable, example: _example, ...rest } = s as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(rest)) {
    out[key] = key === 'properties' ? mapValues(value, jsonSchemaOf) : jsonSchemaOf(value);
  }
  for (const [bound, limit] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    if (out[bound] === true) {
      out[bound] = out[limit];
      delete out[limit];
    } else if (out[bound] === false) delete out[bound];
  }
  return nullable ? { anyOf: [out, { type: 'null' }] } : out;
}

const mapValues = (o: unknown, f: (v: unknown) => unknown) =>
  Object.fromEntries(Object.entries(o as Record<string, unknown>).map(([k, v]) => [k, f(v)]));

/** The example a media object shows: its own, or its schema's. */
const exampleOf = (m: Media) =>
  'example' in m ? m.example : (m.schema as { example?: unknown } | undefined)?.example;

describe('API docs', () => {
  let t: TestApp;
  let paths: Record<string, Record<string, Operation>>;
  beforeAll(async () => {
    t = await buildTestApp({ BOT_TOKEN: testBotToken });
    paths = (await t.app.inject({ url: '/docs/json' })).json().paths;
  });
  afterAll(() => t?.close());

  const operations = () =>
    Object.entries(paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ route: `${method} ${path}`, op })),
    );

  it('names every response of every route', () => {
    const ops = operations();
    expect(ops.length).toBeGreaterThan(40);
    for (const { route, op } of ops) {
      expect(op.summary, route).toBeTruthy();
      for (const [status, response] of Object.entries(op.responses)) {
        expect(response.description, `${route} ${status}`).not.toBe('Default Response');
        expect(response.description.length, `${route} ${status}`).toBeGreaterThan(1);
      }
      const ok = Object.entries(op.responses).filter(([s]) => s.startsWith('2'));
      expect(ok.length, `${route} has a success response`).toBeGreaterThan(0);
    }
  });

  it('gives every JSON body and parameter an example its schema accepts', () => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    let checked = 0;
    const wrong: string[] = [];
    const check = (where: string, schema: object | undefined, example: unknown) => {
      checked++;
      if (example === undefined) return wrong.push(`${where}: no example`);
      if (schema && !ajv.validate(jsonSchemaOf(schema) as object, example)) {
        wrong.push(`${where}: ${ajv.errorsText()} in ${JSON.stringify(example).slice(0, 300)}`);
      }
    };
    for (const { route, op } of operations()) {
      for (const [status, response] of Object.entries(op.responses)) {
        for (const [type, media] of Object.entries(response.content ?? {})) {
          if (type.includes('json')) check(`${route} ${status}`, media.schema, exampleOf(media));
        }
      }
      for (const [type, media] of Object.entries(op.requestBody?.content ?? {})) {
        if (type.includes('json')) check(`${route} body`, media.schema, exampleOf(media));
      }
      for (const p of op.parameters ?? []) {
        const example = p.example ?? (p.schema as { example?: unknown }).example;
        check(`${route} ${p.in} ${p.name}`, p.schema, example);
      }
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(200);
    // Dates read as dates, not as what a generator makes of their pattern.
    const from = paths['/api/v1/analytics/dashboard']?.get?.parameters?.find(
      (p) => p.name === 'from',
    );
    expect(from?.example ?? from?.schema.example).toBe('2026-01-31');
  });
});
