/**
 * The browser-mode session cookie. Cookies are not isolated by port, so the
 * name carries the port: two `tickdesk serve` instances on one machine would
 * otherwise overwrite each other's session.
 */
export function sessionCookieName(port: number): string {
  return `tickdesk_session_${port}`;
}

export function sessionCookie(name: string, token: string): string {
  // No Secure: the server speaks plain HTTP on loopback. No Max-Age: the
  // session ends with the browser, and a restarted server has a new token.
  return `${name}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}

/** Parses a Cookie header; first occurrence of a name wins, as browsers send the most specific first. */
export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  if (typeof header !== 'string' || header.length > 16_384) return cookies;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    let value = part.slice(eq + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    if (name.length === 0 || cookies.has(name)) continue;
    cookies.set(name, value);
  }
  return cookies;
}
