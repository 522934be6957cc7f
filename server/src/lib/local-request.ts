// Is this request from a program on this machine talking to this server directly? Used where
// being local is the permission (the demo session, /metrics without a token).

const loopback = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
const loopbackHost = /^(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/;

/**
 * The peer is a loopback address, nothing says the request was forwarded (a proxy on the
 * same host makes every peer look local), and the Host is a loopback name (another Host
 * means a page on another origin reached us: DNS rebinding).
 */
export function isLocalRequest(
  peer: string | undefined,
  headers: Record<string, unknown>,
): boolean {
  const forwarded = ['forwarded', 'x-forwarded-for', 'x-forwarded-host', 'x-real-ip'].some(
    (h) => headers[h] !== undefined,
  );
  return loopback.has(peer ?? '') && !forwarded && loopbackHost.test(String(headers.host ?? ''));
}
