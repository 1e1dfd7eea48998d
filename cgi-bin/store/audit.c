/* audit.c - see audit.h */
#include "audit.h"
#include "store/sql.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

static const char sql_audit[] =
    "INSERT INTO audit (account_id, district_id, action, object_type, object_id,"
    " before, after, client) VALUES (?, ?, ?, ?, ?, json(?), json(?), ?)";

enum db_result
audit_write(struct db *db, const struct audit_entry *e)
{
	sql_stmt *st = db_stmt(db, sql_audit);

	if (st == NULL)
		return DB_ERROR;
	if (e->account_id > 0)
		sql_bind_int(st, 1, e->account_id);
	if (e->district_id > 0)
		sql_bind_int(st, 2, e->district_id);
	sql_bind_text(st, 3, e->action);
	sql_bind_text(st, 4, e->object_type);
	if (e->object_id > 0)
		sql_bind_int(st, 5, e->object_id);
	if (e->before != NULL)
		sql_bind_text(st, 6, e->before);
	if (e->after != NULL)
		sql_bind_text(st, 7, e->after);
	sql_bind_text(st, 8, e->client ? e->client : "");
	return sql_exec(st);
}

static void
put(struct audit_json *j, const char *s, size_t n)
{
	if (j->failed)
		return;
	if (j->len + n + 2 > j->cap) {
		size_t cap = (j->cap ? 2 * j->cap : 128) + n;
		char *more = arena_alloc(j->a, cap);
		if (more == NULL) {
			j->failed = 1;
			return;
		}
		if (j->len)
			memcpy(more, j->buf, j->len);
		j->buf = more;
		j->cap = cap;
	}
	memcpy(j->buf + j->len, s, n);
	j->len += n;
	j->buf[j->len] = '\0';
}

static void
key(struct audit_json *j, const char *k)
{
	put(j, j->len > 1 ? ",\"" : "\"", j->len > 1 ? 2 : 1);
	put(j, k, strlen(k));
	put(j, "\":", 2);
}

void
audit_json_begin(struct audit_json *j, arena *a)
{
	memset(j, 0, sizeof(*j));
	j->a = a;
	put(j, "{", 1);
}

void
audit_json_str(struct audit_json *j, const char *k, const char *v)
{
	key(j, k);
	put(j, "\"", 1);
	for (const unsigned char *p = (const unsigned char *)(v ? v : ""); *p; p++) {
		char esc[8];
		if (*p == '"' || *p == '\\') {
			esc[0] = '\\';
			esc[1] = (char)*p;
			put(j, esc, 2);
		} else if (*p < 0x20) {
			snprintf(esc, sizeof(esc), "\\u%04x", *p);
			put(j, esc, 6);
		} else
			put(j, (const char *)p, 1);
	}
	put(j, "\"", 1);
}

void
audit_json_int(struct audit_json *j, const char *k, long long v)
{
	char num[32];
	int n = snprintf(num, sizeof(num), "%lld", v);

	key(j, k);
	put(j, num, (size_t)n);
}

void
audit_json_ints(struct audit_json *j, const char *k, const long long *v, size_t n)
{
	key(j, k);
	put(j, "[", 1);
	for (size_t i = 0; i < n; i++) {
		char num[32];
		int len = snprintf(num, sizeof(num), "%s%lld", i ? "," : "", v[i]);
		put(j, num, (size_t)len);
	}
	put(j, "]", 1);
}

const char *
audit_json_end(struct audit_json *j)
{
	put(j, "}", 1);
	return j->failed ? NULL : j->buf;
}
