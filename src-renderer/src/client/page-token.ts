/**
 * Browser mode is opened as http://127.0.0.1:PORT/?token=XYZ. The server has
 * set its session cookie by the time this runs, so the token leaves the
 * address bar at once (no history entry or screenshot keeps it) and stays only
 * in memory, for the WebSocket URL on each reconnect.
 */
export function takeTokenFromAddressBar(
  location: Pick<Location, 'href'>,
  history: Pick<History, 'replaceState' | 'state'>,
): string | null {
  const url = new URL(location.href);
  const token = url.searchParams.get('token');
  if (token === null) return null;
  url.searchParams.delete('token');
  history.replaceState(history.state, '', `${url.pathname}${url.search}${url.hash}`);
  return token === '' ? null : token;
}
