// Failed imports and ingestion batches are kept in ingest_failures for the staff's failure
// alerts (alerts/thresholds.ts). Recording never hides the failure itself: it only logs when
// it cannot write.
import type { PrismaClient } from '@retention/db';

export async function recordIngestFailure(
  prisma: PrismaClient,
  failure: { channel: 'import' | 'api'; what: string; message: string },
): Promise<void> {
  try {
    await prisma.ingestFailure.create({
      // The message quotes the rejected values; Postgres text cannot hold NUL.
      data: { ...failure, message: failure.message.replaceAll('\u0000', '\\0').slice(0, 2000) },
    });
  } catch (error) {
    console.error(`could not record the ingestion failure: ${(error as Error).message}`);
  }
}
