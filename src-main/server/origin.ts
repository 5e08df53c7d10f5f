/**
 * DNS-rebinding and cross-site guards for browser mode. Pure functions of
 * the request headers, so they are tested with misleading values directly.
 */

const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Splits a Host header into name and optional port; null when malformed. */
export function parseHostHeader(host: string | undefined): { name: string; port: number | null } | null {
  if (typeof host !== 'string' || host.length === 0 || host.length > 300) return null;
  const match = /^(\[[0-9a-fA-F:.]+\]|[^:[\]/\s@]+)(?::(\d{1,5}))?$/.exec(host);
  if (!match) return null;
  const name = (match[1] ?? '').toLowerCase();
  const portText = match[2];
  if (portText === undefined) return { name, port: null };
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 1 || port > 65535) return null;
  return { name, port };
}

/**
 * True when the Host header names this machine's loopback interface (any
 * port: an SSH tunnel may forward another local port). A rebinding attack
 * arrives with the attacker's own host name and is refused here.
 */
export function isLoopbackHost(host: string | undefined): boolean {
  const parsed = parseHostHeader(host);
  return parsed !== null && LOOPBACK_NAMES.has(parsed.name);
}

/**
 * True when an Origin header is the page's own origin: exactly
 * `http://<Host header>`. "null" (sandboxed frames, file://), other hosts,
 * other schemes and other ports are all foreign.
 */
export function isSameOrigin(origin: string | undefined, host: string | undefined): boolean {
  if (typeof origin !== 'string' || !isLoopbackHost(host)) return false;
  return origin.toLowerCase() === `http://${(host ?? '').toLowerCase()}`;
}

/**
 * Plain HTTP requests: a same-origin GET from a browser usually carries no
 * Origin at all, so only a present, foreign Origin is refused.
 */
export function isAcceptableHttpOrigin(origin: string | undefined, host: string | undefined): boolean {
  return origin === undefined || isSameOrigin(origin, host);
}
