// Prisma's `contains` hands the text to (I)LIKE as it is: % and _ in a search would match
// anything. Escaped with \ (Postgres' default LIKE escape) they match themselves.

/** Text for Prisma's `contains`, with LIKE's wildcards and its escape character taken literally. */
export const literalLike = (text: string): string => text.replace(/[\\%_]/g, '\\$&');
