// LOG_DIR: the same JSON lines the console gets, also written to rotating files
// (server.<date>.<n>.log: a new file each day or past 100 MB, the newest 7 kept besides the
// current one). The console output does not change.
import path from 'node:path';
import type { FastifyServerOptions } from 'fastify';
import pino, { type DestinationStream, type LoggerOptions } from 'pino';
import PinoPretty from 'pino-pretty';
import pinoRoll from 'pino-roll';

export type LogFile = Awaited<ReturnType<typeof pinoRoll>>;

export function openLogFile(dir: string): Promise<LogFile> {
  return pinoRoll({
    file: path.join(dir, 'server'),
    extension: '.log',
    frequency: 'daily',
    dateFormat: 'yyyy-MM-dd',
    size: '100m',
    mkdir: true,
    limit: { count: 7, removeOtherLogFiles: true },
  });
}

/** Adds the file to the logger's destinations, keeping the console as it was. */
export function withLogFile(
  logger: FastifyServerOptions['logger'],
  file: LogFile | undefined,
): FastifyServerOptions['logger'] {
  if (!file || typeof logger !== 'object' || logger === null) return logger;
  const { transport, stream, ...options } = logger as LoggerOptions & {
    stream?: DestinationStream;
  };
  // The pretty console is a worker-thread transport, which cannot be combined with a
  // stream: run pino-pretty in this thread instead.
  const prettyOptions = (transport as { options?: Record<string, unknown> } | undefined)?.options;
  const console = stream ?? (transport ? PinoPretty(prettyOptions) : pino.destination(1));
  // The logger's own level filters first; the streams take everything it lets through.
  return {
    ...options,
    stream: pino.multistream([
      { level: 'trace', stream: console },
      { level: 'trace', stream: file },
    ]),
  } as FastifyServerOptions['logger'];
}

/** Writes what is buffered and closes the file. */
export function closeLogFile(file: LogFile): Promise<void> {
  return new Promise((resolve) => {
    file.flush(() => {
      file.once('close', resolve);
      file.end();
    });
  });
}
