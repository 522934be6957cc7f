// The app's log lines kept in memory, for tests that read what the server logged, and the
// check that no credential reached them.
import { testBotToken } from './build-app.ts';

export function capturedLogs() {
  const lines: string[] = [];
  return {
    /** The app's log destination (AppDeps.logStream). */
    stream: {
      write(chunk: string) {
        for (const line of String(chunk).split('\n')) if (line) lines.push(line);
      },
    },
    lines,
    text: () => lines.join('\n'),
    entries: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

/**
 * The logs hold no bot token, no API key secret and no raw initData: neither a whole
 * header nor a signature (`hash=`) from one. `initData` is every raw initData sent.
 */
export function expectCleanLogs(
  logs: string,
  secrets: { apiKeys: string[]; initData: Iterable<string> },
): string[] {
  const found: string[] = [];
  if (logs.includes(testBotToken)) found.push('the bot token');
  for (const key of secrets.apiKeys) {
    const secret = key.split('_').slice(2).join('_');
    if (logs.includes(key) || logs.includes(secret)) found.push(`API key ${key.slice(0, 16)}…`);
  }
  for (const raw of secrets.initData) {
    const hash = new URLSearchParams(raw).get('hash');
    if (logs.includes(raw) || (hash && logs.includes(hash)))
      found.push(`initData ${raw.slice(0, 30)}…`);
  }
  return found;
}
