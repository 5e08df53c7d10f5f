/** Replaces the whole terminal: with a refused token nothing else can load. */
export function TokenRejectedScreen() {
  return (
    <div className="fullscreen-message" role="alert" data-testid="auth-error">
      <div className="fullscreen-card">
        <h1>
          This link’s token is not valid. Open the URL printed by <code>tickdesk serve</code>.
        </h1>
        <p>
          The server prints one line with <code>http://127.0.0.1:PORT/?token=…</code> when it starts. A link from an
          earlier run, or a mistyped one, is refused.
        </p>
      </div>
    </div>
  );
}
