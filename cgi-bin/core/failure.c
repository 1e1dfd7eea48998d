/* failure.c - see failure.h */
#include "failure.h"
#include "store/sql.h"

#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

/* One request at a time per process: reset by app.c before each handler. */
static enum failure_kind kind;
static char what_buf[32];
static char detail_buf[512];

void
failure_reset(void)
{
	kind = FAILURE_NONE;
	what_buf[0] = detail_buf[0] = '\0';
}

static enum failure_kind
from_errno(int err)
{
	switch (err) {
	case ENOSPC:
#ifdef EDQUOT
	case EDQUOT:
#endif
	case EFBIG:
		return FAILURE_FULL;
	case EROFS:
	case EACCES:
	case EPERM:
		return FAILURE_READONLY;
	default:
		return FAILURE_IO;
	}
}

void
failure_note(enum failure_kind k, const char *what, const char *detail)
{
	if (kind != FAILURE_NONE)
		return;
	kind = k;
	snprintf(what_buf, sizeof(what_buf), "%s", what ? what : "");
	snprintf(detail_buf, sizeof(detail_buf), "%s", detail ? detail : "");
}

void
failure_note_errno(const char *what, int err, const char *detail)
{
	char d[512];

	snprintf(d, sizeof(d), "%s%s%s", detail ? detail : "", detail ? ": " : "",
	    err ? strerror(err) : "unknown error");
	failure_note(err ? from_errno(err) : FAILURE_IO, what, d);
}

void
failure_note_sqlite(int rc)
{
	switch (rc & 0xff) {
	case SQLITE_FULL:
		failure_note(FAILURE_FULL, "database", sqlite3_errstr(rc));
		break;
	case SQLITE_READONLY:
		failure_note(FAILURE_READONLY, "database", sqlite3_errstr(rc));
		break;
	case SQLITE_IOERR:
	case SQLITE_CANTOPEN:
		failure_note(FAILURE_IO, "database", sqlite3_errstr(rc));
		break;
	default:
		break;
	}
}

void
failure_sqlite_log(void *unused, int code, const char *msg)
{
	(void)unused;
	switch (code & 0xff) {
	case SQLITE_FULL:
		failure_note(FAILURE_FULL, "database", msg);
		break;
	case SQLITE_READONLY:
		failure_note(FAILURE_READONLY, "database", msg);
		break;
	case SQLITE_IOERR:
	case SQLITE_CANTOPEN:
		/* The OS said why: an I/O error on a read-only or full disk is that. */
		failure_note(FAILURE_IO, "database", msg);
		if (kind == FAILURE_IO && (strstr(msg, "Read-only") || strstr(msg, "read-only")))
			kind = FAILURE_READONLY;
		else if (kind == FAILURE_IO && strstr(msg, "No space"))
			kind = FAILURE_FULL;
		break;
	default:
		break;
	}
}

void
failure_install(void)
{
	static int done;

	if (!done) {
		sqlite3_config(SQLITE_CONFIG_LOG, failure_sqlite_log, NULL);
		done = 1;
	}
}

enum failure_kind
failure_get(const char **what, const char **detail)
{
	if (what)
		*what = what_buf;
	if (detail)
		*detail = detail_buf;
	return kind;
}

const char *
failure_code(enum failure_kind k)
{
	static const char *const codes[FAILURE__MAX] = {
		"none", "storage_full", "storage_readonly", "storage_io"
	};
	return (unsigned)k < FAILURE__MAX ? codes[k] : "storage_io";
}
