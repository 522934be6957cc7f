// The logger domain code is given: the part of pino it uses. The server passes its own (a
// Fastify logger is one); tests can pass a recorder.

export interface LogFn {
  (message: string): void;
  (fields: object, message?: string): void;
}

export interface Log {
  info: LogFn;
  warn: LogFn;
  error: LogFn;
  /** A logger whose lines all carry `bindings` (a job id, a round number). */
  child(bindings: Record<string, unknown>): Log;
}
