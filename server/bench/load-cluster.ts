// The processes of bench:load: server instances (the real `server.ts`, as `npm start` runs
// it), nginx in front of them, and a stand-in for the Telegram Bot API that answers every
// call at once, so the bot's replies cost what they cost in the server and nothing more.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import path from 'node:path';
import { repoRoot } from '../../test/requirements.ts';

export async function freePort(): Promise<number> {
  const srv = createNetServer().listen(0, '127.0.0.1');
  await once(srv, 'listening');
  const { port } = srv.address() as { port: number };
  srv.close();
  return port;
}

/** A child process with its output kept (the tail is printed when something goes wrong). */
export interface Child {
  name: string;
  proc: ChildProcess;
  output(): string;
}

function keep(name: string, proc: ChildProcess): Child {
  let log = '';
  const add = (d: Buffer) => {
    log = (log + d.toString()).slice(-20_000);
  };
  proc.stdout?.on('data', add);
  proc.stderr?.on('data', add);
  return { name, proc, output: () => log };
}

async function waitFor(url: string, child: Child, seconds: number): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (child.proc.exitCode !== null || child.proc.signalCode !== null) {
      throw new Error(`${child.name} exited (${child.proc.exitCode}):\n${child.output()}`);
    }
    const ok = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${child.name} did not answer ${url} in ${seconds} s:\n${child.output()}`);
}

export interface ServerInstance extends Child {
  port: number;
}

/**
 * One server process on a free loopback port; resolves once its /health answers. nodeArgs go
 * to Node before the script (e.g. --max-old-space-size).
 */
export async function startServer(
  name: string,
  env: Record<string, string>,
  nodeArgs: string[] = [],
): Promise<ServerInstance> {
  const port = await freePort();
  const { DATABASE_URL: _d, BOT_TOKEN: _b, ...inherited } = process.env;
  const proc = spawn(
    process.execPath,
    [...nodeArgs, '--import', 'tsx', path.join(repoRoot, 'server/src/server.ts')],
    {
      cwd: repoRoot,
      env: { ...inherited, INIT_CWD: repoRoot, HOST: '127.0.0.1', PORT: String(port), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const child = { ...keep(name, proc), port };
  await waitFor(`http://127.0.0.1:${port}/health`, child, 170);
  return child;
}

/**
 * nginx config: both instances in one upstream; a connection refused or reset moves the
 * request to the other instance (proxy_next_upstream), and a failed instance is left out for
 * fail_timeout. Only the ingestion routes are retried after the request was sent
 * (non_idempotent): a batch is keyed by its item ids, so a replay stores nothing twice; a
 * Telegram update is not retried here (Telegram redelivers it itself). Bodies and answers
 * stay in memory: no temporary files, so nginx's workers need no writable folder.
 */
export function nginxConfig(dir: string, listen: number, upstreams: number[]): string {
  return `daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  client_max_body_size 6m;
  client_body_buffer_size 6m;
  proxy_buffer_size 16k;
  proxy_buffers 64 16k;
  proxy_max_temp_file_size 0;
  upstream retention {
${upstreams.map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=10s;`).join('\n')}
    keepalive 64;
  }
  server {
    listen 127.0.0.1:${listen};
    proxy_http_version 1.1;
    proxy_set_header Connection "";
    proxy_set_header Host $host;
    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    proxy_set_header X-Forwarded-Proto $scheme;
    proxy_connect_timeout 2s;
    proxy_read_timeout 60s;
    proxy_next_upstream error timeout http_502 http_503;
    proxy_next_upstream_tries 2;
    location / { proxy_pass http://retention; }
    location /api/v1/ingest/ {
      proxy_pass http://retention;
      proxy_next_upstream error timeout http_502 http_503 non_idempotent;
    }
  }
}
`;
}

/** nginx in the foreground with its config, pid and logs in `dir`. */
export async function startNginx(bin: string, dir: string, upstreams: number[]) {
  const port = await freePort();
  mkdirSync(dir, { recursive: true });
  const conf = path.join(dir, 'nginx.conf');
  writeFileSync(conf, nginxConfig(dir, port, upstreams));
  const proc = spawn(bin, ['-p', dir, '-c', conf, '-e', path.join(dir, 'error.log')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const child = { ...keep('nginx', proc), port };
  await waitFor(`http://127.0.0.1:${port}/health`, child, 20);
  return { ...child, errorLog: () => readFileSync(path.join(dir, 'error.log'), 'utf8') };
}

/** Resident memory of a live process, bytes (Linux /proc); null once it has gone. */
export function rssOf(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
    return kb ? Number(kb) * 1024 : null;
  } catch {
    return null;
  }
}

/** The METRICS_TOKEN the bench's instances run with. */
export const benchMetricsToken = 'load-bench-metrics-token-0123';

/**
 * V8 heap in use and committed, and memory outside the heap (Buffers, ArrayBuffers and WebAssembly memory, as
 * V8 counts them) of an instance, bytes, from its own /metrics (prom-client's default metrics,
 * with the bench's METRICS_TOKEN); null when it does not answer.
 */
export async function memoryOf(
  port: number,
): Promise<{ heap: number; heapTotal: number; external: number } | null> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/metrics`, {
      headers: { authorization: `Bearer ${benchMetricsToken}` },
      signal: AbortSignal.timeout(3000),
    });
    const text = await res.text();
    const read = (name: string) => {
      const v = new RegExp(`^${name} (\\d+(?:\\.\\d+)?)`, 'm').exec(text)?.[1];
      return v ? Number(v) : null;
    };
    const heap = read('nodejs_heap_size_used_bytes');
    const heapTotal = read('nodejs_heap_size_total_bytes');
    const external = read('nodejs_external_memory_bytes');
    return res.ok && heap !== null && heapTotal !== null && external !== null
      ? { heap, heapTotal, external }
      : null;
  } catch {
    return null;
  }
}

/** Bot API stand-in: getMe answers the bot, message calls a message, anything else `true`. */
export async function startTelegramStub(botId: number) {
  const calls = new Map<string, number>();
  let messageId = 0;
  const server: Server = createServer((req, res) => {
    const method = req.url?.split('/').pop() ?? '';
    calls.set(method, (calls.get(method) ?? 0) + 1);
    req.resume();
    req.on('end', () => {
      const now = Math.floor(Date.now() / 1000);
      const result =
        method === 'getMe'
          ? { id: botId, is_bot: true, first_name: 'Load', username: 'load_bench_bot' }
          : method.startsWith('send') || method.startsWith('edit')
            ? { message_id: ++messageId, date: now, chat: { id: 1, type: 'private' }, text: '' }
            : true;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: true, result }));
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
