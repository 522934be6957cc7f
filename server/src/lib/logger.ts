// pino options for the server: request ids, credentials redacted from request logs, the bot
// token scrubbed from every message (grammY and fetch errors quote API URLs), and the values
// of every query string in a logged URL replaced.
import type { FastifyRequest, FastifyServerOptions } from 'fastify';
import { stdSerializers } from 'pino';
import type { Config } from '../config.ts';

// Credentials that can turn up inside a message: raw initData (in a Mini App launch URL's
// hash, which a failed page.goto quotes, or after `tma `), its signature, API keys.
const credentialPatterns: [RegExp, string][] = [
  [/(tgWebAppData=)[^&#\s"']+/g, '$1[REDACTED]'],
  [/\b(tma )[^\s"']+/g, '$1[REDACTED]'],
  [/\b((?:hash|signature)(?:=|%3D))[A-Za-z0-9_%-]{40,}/g, '$1[REDACTED]'],
  [/\brdk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}/g, 'rdk_[REDACTED]'],
];

export function scrubSecrets(text: string, secrets: string[]): string {
  let out = text;
  for (const secret of secrets) if (secret) out = out.split(secret).join('[REDACTED]');
  for (const [pattern, replacement] of credentialPatterns) {
    out = out.replace(pattern, replacement);
  }
  return out.replace(queryString, (whole, query: string, at: number, all: string) => {
    // Only after a path or URL: a "/" earlier in the same token ("Route GET:/x?k=v").
    let start = at;
    while (start > 0 && !/[\s"'<>#?]/.test(all[start - 1]!)) start--;
    return all.slice(start, at).includes('/') ? `?${redactQuery(query)}` : whole;
  });
}

// A "?" and what follows it up to a space, a quote or a fragment. Looking back for the "/"
// stops at the previous match or fragment, so no character is read twice: linear on hostile input.
const queryString = /\?([^\s"'<>#]*)/g;

/**
 * A query string with every value replaced, names kept (`a=[REDACTED]&b=[REDACTED]`). Callers
 * put API keys, the webhook secret or initData there by mistake (all refused, but logged), and
 * search text is personal data; no value is worth that risk. A part with no "=" may be a bare
 * secret: it is replaced whole.
 */
export function redactQuery(query: string): string {
  return query
    .split('&')
    .map((part) => {
      if (part === '') return part;
      const eq = part.indexOf('=');
      return eq > 0 ? `${part.slice(0, eq)}=[REDACTED]` : '[REDACTED]';
    })
    .join('&');
}

/** A request URL as logged: the path (credentials scrubbed) and the query's names only. */
export function redactUrl(url: string, secrets: string[]): string {
  const q = url.indexOf('?');
  const path = scrubSecrets(q < 0 ? url : url.slice(0, q), secrets);
  return q < 0 ? path : `${path}?${redactQuery(url.slice(q + 1))}`;
}

export function loggerOptions(config: Config): FastifyServerOptions['logger'] {
  const secrets = [config.botToken, config.webhookSecret].filter((s): s is string => !!s);
  const scrubError = (err: Error) => {
    const copy = new Error(scrubSecrets(err.message, secrets));
    copy.name = err.name;
    copy.stack = err.stack && scrubSecrets(err.stack, secrets);
    return copy;
  };
  const scrub = (value: unknown): unknown => {
    if (typeof value === 'string') return scrubSecrets(value, secrets);
    if (value instanceof Error) return scrubError(value);
    return value;
  };
  const pretty = config.env === 'development' && process.stdout.isTTY;
  return {
    level: config.logLevel,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers["x-api-key"]',
        'req.headers["x-telegram-bot-api-secret-token"]',
        'req.headers.cookie',
      ],
      censor: '[REDACTED]',
    },
    serializers: {
      err: (err: Error) => stdSerializers.err(scrubError(err)),
      // Fastify's own request serializer, with the URL redacted.
      req: (req: FastifyRequest) => ({
        method: req.method,
        url: typeof req.url === 'string' ? redactUrl(req.url, secrets) : req.url,
        version: [req.headers?.['accept-version']].flat()[0],
        host: req.host,
        remoteAddress: req.ip,
        remotePort: req.socket?.remotePort,
      }),
    },
    hooks: {
      logMethod(args, method) {
        method.apply(this, args.map(scrub) as Parameters<typeof method>);
      },
    },
    ...(pretty
      ? {
          transport: {
            target: 'pino-pretty',
            options: { translateTime: 'HH:MM:ss', ignore: 'pid,hostname' },
          },
        }
      : {}),
  };
}
