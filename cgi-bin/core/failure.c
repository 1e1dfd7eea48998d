/* failure.c - see failure.h */
#include "failure.h"

#include <errno.h>
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
