// A bound on how long to wait for something that may never answer (a database host that
// drops packets): the work's result, or an error once `ms` have passed.

/** `work`, or a rejection "no answer within `ms` ms"; the timer does not outlive the race. */
export async function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
