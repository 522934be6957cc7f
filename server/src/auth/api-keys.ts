// API keys for the ingestion routes: `rdk_<prefix>_<secret>`. Only the SHA-256 of the
// secret is stored (the secret is 32 random bytes, so a slow hash adds nothing), next to
// the prefix used to find the row; the whole key is shown once, when it is created.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { PrismaClient } from '@retention/db';
import { AppError, notFound } from '../errors.ts';
import { type Actor, recordAudit } from '../lib/record-audit.ts';

export interface ApiKeyInfo {
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** A key by name, and who asks for the change (audit log; actorRole 'cli' for the CLI). */
export interface ApiKeyChange extends Actor {
  name: string;
}

const keyPattern = /^rdk_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;
const namePattern = /^[A-Za-z0-9][\w.-]{0,63}$/;
/** last_used_at is written at most this often per key, not on every request. */
const lastUsedResolutionMs = 60_000;
const infoFields = {
  name: true,
  prefix: true,
  createdAt: true,
  lastUsedAt: true,
  revokedAt: true,
} as const;

const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');

export async function createApiKey(
  prisma: PrismaClient,
  o: ApiKeyChange,
): Promise<{ key: string; info: ApiKeyInfo }> {
  if (!namePattern.test(o.name)) {
    throw new AppError(
      'bad_request',
      'a key name is 1-64 letters, digits, dots, dashes or underscores, starting with a letter or digit',
    );
  }
  const prefix = randomBytes(6).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  try {
    const info = await prisma.$transaction(async (tx) => {
      const row = await tx.apiKey.create({
        data: { name: o.name, prefix, hash: hashSecret(secret) },
        select: { id: true, ...infoFields },
      });
      await recordAudit(tx, o, {
        action: 'api_key.create',
        targetType: 'api_key',
        targetId: row.id,
        after: { name: row.name, prefix: row.prefix },
      });
      const { id: _, ...rest } = row;
      return rest;
    });
    return { key: `rdk_${prefix}_${secret}`, info };
  } catch (err) {
    if ((err as { code?: string }).code === 'P2002') {
      throw new AppError(
        'conflict',
        `an API key named "${o.name}" exists (revoked keys keep theirs)`,
      );
    }
    throw err;
  }
}

export async function listApiKeys(prisma: PrismaClient): Promise<ApiKeyInfo[]> {
  return prisma.apiKey.findMany({ select: infoFields, orderBy: { createdAt: 'asc' } });
}

/** Revokes the key of that name; revoking a revoked key changes nothing (changed: false). */
export async function revokeApiKey(
  prisma: PrismaClient,
  o: ApiKeyChange,
): Promise<{ info: ApiKeyInfo; changed: boolean }> {
  return prisma.$transaction(async (tx) => {
    const row = await tx.apiKey.findUnique({
      where: { name: o.name },
      select: { id: true, ...infoFields },
    });
    if (!row) throw notFound('API key', o.name);
    const { id, ...info } = row;
    if (info.revokedAt) return { info, changed: false };
    const revoked = await tx.apiKey.update({
      where: { id },
      data: { revokedAt: new Date() },
      select: infoFields,
    });
    await recordAudit(tx, o, {
      action: 'api_key.revoke',
      targetType: 'api_key',
      targetId: id,
      before: { revokedAt: null },
      after: { revokedAt: revoked.revokedAt?.toISOString() ?? null },
    });
    return { info: revoked, changed: true };
  });
}

/** The key's id and name when `presented` is a live key; null when unknown, wrong or revoked. */
export async function verifyApiKey(
  prisma: PrismaClient,
  presented: string,
  now = new Date(),
): Promise<{ id: number; name: string } | null> {
  const m = keyPattern.exec(presented);
  if (!m) return null;
  const row = await prisma.apiKey.findUnique({
    where: { prefix: m[1]! },
    select: { id: true, name: true, hash: true, lastUsedAt: true, revokedAt: true },
  });
  if (!row || row.revokedAt) return null;
  const given = Buffer.from(hashSecret(m[2]!), 'hex');
  const stored = Buffer.from(row.hash, 'hex');
  if (given.length !== stored.length || !timingSafeEqual(given, stored)) return null;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= lastUsedResolutionMs) {
    await prisma.apiKey.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  }
  return { id: row.id, name: row.name };
}
