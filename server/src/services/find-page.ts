export interface PageRequest {
  page: number;
  pageSize: number;
}

/** One page of a list and the total it is taken from, counted and read in parallel. */
export async function findPage<T>(
  o: PageRequest,
  count: () => Promise<number>,
  find: (window: { skip: number; take: number }) => Promise<T[]>,
) {
  const [total, items] = await Promise.all([
    count(),
    find({ skip: (o.page - 1) * o.pageSize, take: o.pageSize }),
  ]);
  return { items, page: o.page, pageSize: o.pageSize, total };
}
