// pino-roll ships no types; the part used by lib/log-files.ts.
declare module 'pino-roll' {
  import type { DestinationStream } from 'pino';

  interface RollOptions {
    file: string;
    frequency?: 'daily' | 'hourly' | number;
    size?: string | number;
    extension?: string;
    dateFormat?: string;
    mkdir?: boolean;
    limit?: { count?: number; removeOtherLogFiles?: boolean };
  }
  type RollStream = DestinationStream & {
    flush(cb?: (err?: Error) => void): void;
    end(): void;
    once(event: 'close' | 'finish', listener: () => void): unknown;
  };
  export default function pinoRoll(options: RollOptions): Promise<RollStream>;
}
