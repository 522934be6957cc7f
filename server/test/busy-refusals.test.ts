// Turned away for being busy (the report queue, the screenshot queue is full): 503 with
// Retry-After and the reason, so a client knows to come back; a service that is simply not
// set up (no bot for sharing) is 503 without one.
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { Refusal } from '../src/errors.ts';
import errors from '../src/plugins/errors.ts';

describe('busy refusals', () => {
  it('answer 503 with Retry-After and the reason; a refusal for what is not set up has none', async () => {
    const app = Fastify();
    await app.register(errors);
    app.get('/busy', async () => {
      throw new Refusal('busy', 'reportsBusy');
    });
    app.get('/off', async () => {
      throw new Refusal('unavailable', 'shareNeedsBot');
    });
    const busy = await app.inject({ url: '/busy' });
    expect(busy.statusCode).toBe(503);
    expect(Number(busy.headers['retry-after'])).toBeGreaterThan(0);
    expect(busy.json()).toMatchObject({ code: 'busy', reason: { key: 'reportsBusy' } });
    const off = await app.inject({ url: '/off' });
    expect(off.statusCode).toBe(503);
    expect(off.headers['retry-after']).toBeUndefined();
    expect(off.json()).toMatchObject({ code: 'unavailable', reason: { key: 'shareNeedsBot' } });
    await app.close();
  });
});
