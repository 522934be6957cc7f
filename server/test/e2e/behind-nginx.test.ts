// Issue 18, item 4: behind Debian's nginx with the plainest config (`proxy_pass` and nothing
// else: Host becomes the upstream's loopback address, no X-Forwarded-*), every request reaches
// the server from 127.0.0.1. Demo sessions still need the key printed at start, and /metrics
// still needs METRICS_TOKEN: "the peer is loopback" proves nothing.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findNginx, hasNginx } from '../../../test/requirements.ts';
import { freePort, type ServerProcess, startServer } from './server-process.ts';

describe.skipIf(!hasNginx())('demo mode behind nginx with a plain proxy_pass', () => {
  let server: ServerProcess;
  let nginx: ChildProcess;
  let dir: string;
  let base: string;

  beforeAll(async () => {
    server = await startServer({ DEMO_CUSTOMERS: '60', RETRAIN_HOURS: '0' });
    dir = await mkdtemp(path.join(tmpdir(), 'rd-nginx-'));
    const port = await freePort();
    const upstream = new URL(server.url);
    // What a tutorial's minimal reverse proxy looks like; the temp paths only keep nginx out
    // of /var (it runs as this user).
    await writeFile(
      path.join(dir, 'nginx.conf'),
      `daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events {}
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  server {
    listen 127.0.0.1:${port};
    location / { proxy_pass http://127.0.0.1:${upstream.port}; }
  }
}
`,
    );
    nginx = spawn(
      findNginx()?.bin as string,
      ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-e', path.join(dir, 'error.log')],
      { stdio: 'ignore' },
    );
    base = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 100; i++) {
      const up = await fetch(`${base}/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (up) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(
      `nginx did not come up: ${await readFile(path.join(dir, 'error.log'), 'utf8')}`,
    );
  }, 200_000);

  afterAll(async () => {
    nginx?.kill('SIGQUIT');
    await server?.stop();
  });

  const session = (body: object) =>
    fetch(`${base}/api/v1/demo/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('refuses a demo session to whoever lacks the key printed at start', async () => {
    for (const body of [{ role: 'admin' }, { role: 'admin', key: 'x'.repeat(32) }]) {
      const res = await session(body);
      expect(res.status).toBe(403);
      expect((await res.json()).message).toMatch(/demo key/);
    }
  });

  it('answers the holder of the start link through the proxy', async () => {
    expect(server.demoKey).toMatch(/^[\w-]{16,}$/);
    const res = await session({ role: 'admin', key: server.demoKey });
    expect(res.status).toBe(200);
    const { initDataRaw } = (await res.json()) as { initDataRaw: string };
    const me = await fetch(`${base}/api/v1/me`, {
      headers: { authorization: `tma ${initDataRaw}` },
    });
    expect(me.status).toBe(200);
  });

  it('keeps /metrics closed without METRICS_TOKEN, and the health probes open', async () => {
    expect((await fetch(`${base}/metrics`)).status).toBe(401);
    expect((await fetch(`${base}/health/live`)).status).toBe(200);
    expect((await fetch(`${base}/health/ready`)).status).toBe(200);
  });
});
