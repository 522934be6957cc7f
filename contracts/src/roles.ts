// Who a caller is to the product (DESIGN.md §2): the server decides, the bot and the Mini App
// show what it decided. `unknown` is a Telegram user the business has not linked to anyone.
export const roles = ['admin', 'manager', 'client', 'unknown'] as const;
export type Role = (typeof roles)[number];

/** Roles of people the product knows. */
export const knownRoles = ['admin', 'manager', 'client'] as const satisfies readonly Role[];
export type KnownRole = (typeof knownRoles)[number];

/** Roles that read the business's analytics. */
export const staffRoles = ['admin', 'manager'] as const satisfies readonly Role[];
export type StaffRole = (typeof staffRoles)[number];

/** Roles a demo session can be opened as. */
export const demoRoles = knownRoles;
export type DemoRole = KnownRole;
