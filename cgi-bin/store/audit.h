/*
 * audit.h - the append-only audit log. Every change of state writes one row
 * in the same transaction as the change: who, when, what, before and after.
 * The log never holds a password, a hash or a session token.
 */
#ifndef XS_AUDIT_H
#define XS_AUDIT_H

#include "core/arena.h"
#include "core/db.h"

struct audit_entry {
	long long account_id;   /* 0: nobody logged in (e.g. a failed login) */
	long long district_id;  /* 0: none */
	const char *action;     /* "login", "login_failed", "record_submit", ... */
	const char *object_type;/* "account", "record", "school_year", ... */
	long long object_id;    /* 0: none */
	const char *before;     /* JSON text or NULL */
	const char *after;      /* JSON text or NULL */
	const char *client;     /* the client address, or NULL */
};

/* Append e to the audit log. Returns DB_OK or the failure (the caller rolls back). */
enum db_result audit_write(struct db *db, const struct audit_entry *e);

/*
 * The one builder of the audit log's before/after JSON: a flat object of
 * keys (constant, plain ASCII) with text or integer values, text escaped
 * as JSON requires. audit_json_begin, then any number of audit_json_str /
 * audit_json_int, then audit_json_end gives the text (in the arena; NULL
 * when out of memory).
 */
struct audit_json {
	arena *a;
	char *buf;
	size_t len, cap;
	int failed;
};
void audit_json_begin(struct audit_json *j, arena *a);
void audit_json_str(struct audit_json *j, const char *key, const char *value);
void audit_json_int(struct audit_json *j, const char *key, long long value);
/* An array of integers: "key":[v0,v1,...]. */
void audit_json_ints(struct audit_json *j, const char *key, const long long *v, size_t n);
const char *audit_json_end(struct audit_json *j);

#endif
