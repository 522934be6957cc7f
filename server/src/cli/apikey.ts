// npm run apikey -- create --name N | list | revoke --name N
// Keys for the ingestion API (POST /api/v1/ingest/*). A new key is printed once, alone on
// stdout (so it can be piped into a secret store); only its hash is kept.
import { openDatabaseFromEnv } from '@retention/db';
import {
  type ApiKeyCommand,
  parseApiKeyArgs,
  runApiKeyCommand,
  UsageError,
  usage,
} from './apikey-commands.ts';

let cmd: ApiKeyCommand;
try {
  cmd = parseApiKeyArgs(process.argv.slice(2));
} catch (err) {
  if (!(err instanceof UsageError)) throw err;
  console.error(`apikey: ${err.message}\n${usage}`);
  process.exit(2);
}

const { db } = await openDatabaseFromEnv();
let code = 1;
try {
  await db.migrate();
  code = await runApiKeyCommand(db.prisma, cmd, {
    out: (line) => console.log(line),
    err: (line) => console.error(line),
  });
} catch (err) {
  console.error('apikey failed:', err);
}
await db.close();
process.exit(code);
