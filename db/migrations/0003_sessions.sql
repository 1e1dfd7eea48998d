-- 0003: sessions and login throttling.

-- A session: the browser holds a 256-bit random token in a cookie; we keep
-- only its SHA-256. Idle and absolute expiry are unix seconds.
CREATE TABLE session (
	id INTEGER PRIMARY KEY,
	token_hash TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),
	account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
	csrf TEXT NOT NULL CHECK (length(csrf) = 64),
	created_at INTEGER NOT NULL,
	last_seen INTEGER NOT NULL,
	expires_at INTEGER NOT NULL,
	client TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX session_account ON session(account_id);

-- Failed logins per client address, for the per-address back-off.
CREATE TABLE login_failure (
	id INTEGER PRIMARY KEY,
	client TEXT NOT NULL,
	login TEXT NOT NULL,
	at INTEGER NOT NULL
) STRICT;
CREATE INDEX login_failure_client ON login_failure(client, at);
