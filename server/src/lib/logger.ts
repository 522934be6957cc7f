// pino options for the server: request ids, credentials redacted from request logs, and
// the bot token scrubbed from every message (grammY and fetch errors quote API URLs).
import type { FastifyServerOptions } from 'fastify';
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
  return out;
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
