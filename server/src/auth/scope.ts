// What a viewer may see, in one place: the customers (as a Prisma where-clause, for lists and
// cards) and the region every metric is limited to (for analytics SQL, analytics/selection.ts).
import type { Prisma } from '@retention/db';
import { Refusal } from '../errors.ts';
import type { Identity } from './identity.ts';

/** The region a viewer is limited to: a manager's scope, or null (every region). */
export function regionScopeOf(viewer: Identity): string | null {
  return viewer.role === 'manager' ? viewer.regionScope : null;
}

/** The region a request counts, and the viewer's scope that decided it. */
export interface RegionView {
  /** The viewer's scope, else the region asked for, if any. */
  region: string | undefined;
  /** The viewer's scope (null: every region). */
  scope: string | null;
}

/**
 * The region a request counts: the viewer's scope when they have one (asking for another is
 * refused), else the region asked for, if any.
 */
export function regionView(viewer: Identity, asked: string | undefined): RegionView {
  const scope = regionScopeOf(viewer);
  if (scope !== null && asked !== undefined && asked !== scope) {
    throw new Refusal('forbidden', 'outsideScope', { region: scope });
  }
  return { region: scope ?? asked, scope };
}

/** Where-clause limiting the customers a viewer may see: a scoped manager sees one region. */
export function customerScope(viewer: Identity): Prisma.CustomerWhereInput {
  switch (viewer.role) {
    case 'admin':
      return {};
    case 'manager': {
      const region = regionScopeOf(viewer);
      return region === null ? {} : { region };
    }
    case 'client':
      return { id: viewer.customerId ?? -1 };
    default:
      return { id: -1 };
  }
}
