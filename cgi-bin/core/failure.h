/*
 * failure.h - a request that failed because storage failed: the disk is
 * full, the database or the evidence directory is read-only, or an I/O
 * error. Such a failure is not a bug of the request: the user is told what
 * happened and that nothing was saved (503, the form kept), and the
 * program's log gets the SQLite or errno text with the route.
 *
 * The state is per request: app.c resets it before every handler and reads
 * it after. SQLite reports through its error log (failure_sqlite_log is
 * installed with SQLITE_CONFIG_LOG before SQLite starts); files.c notes the
 * errno of a failed write.
 */
#ifndef XS_FAILURE_H
#define XS_FAILURE_H

enum failure_kind {
	FAILURE_NONE = 0,
	FAILURE_FULL,       /* ENOSPC, EDQUOT, EFBIG, SQLITE_FULL */
	FAILURE_READONLY,   /* EROFS, EACCES, EPERM, SQLITE_READONLY */
	FAILURE_IO,         /* any other I/O error (SQLITE_IOERR, EIO) */
	FAILURE__MAX
};

/* Forget the last failure (at the start of each request). */
void failure_reset(void);

/*
 * Note a failure of what ("database", "evidence") with errno err (0 when
 * unknown) and a detail for the log (copied, may be NULL). The first one
 * of a request is kept.
 */
void failure_note_errno(const char *what, int err, const char *detail);

/* Note a failure of a known kind (the first of a request is kept). */
void failure_note(enum failure_kind k, const char *what, const char *detail);

/*
 * Note rc when it is a storage failure (SQLITE_FULL, SQLITE_READONLY,
 * SQLITE_IOERR, SQLITE_CANTOPEN); other codes are ignored. db.c calls it
 * for every result it maps.
 */
void failure_note_sqlite(int rc);

/* The SQLite error log callback: notes FULL, READONLY, IOERR and CANTOPEN. */
void failure_sqlite_log(void *unused, int code, const char *msg);

/* Install failure_sqlite_log; call once per process before opening SQLite. */
void failure_install(void);

/*
 * The failure of this request, if any: its kind, and what/detail for the
 * log (constant or static storage, valid until the next reset).
 */
enum failure_kind failure_get(const char **what, const char **detail);

/* "storage_full", "storage_readonly", "storage_io" (the page's code). */
const char *failure_code(enum failure_kind k);

#endif
