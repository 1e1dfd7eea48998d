/* audit.c - see audit.h */
#include "audit.h"
#include "store/sql.h"

#include <stddef.h>

static const char sql_audit[] =
    "INSERT INTO audit (account_id, district_id, action, object_type, object_id,"
    " before, after, client) VALUES (?, ?, ?, ?, ?, json(?), json(?), ?)";

enum db_result
audit_write(struct db *db, const struct audit_entry *e)
{
	sqlite3_stmt *st = db_stmt(db, sql_audit);
	int rc;

	if (st == NULL)
		return DB_ERROR;
	if (e->account_id > 0)
		sqlite3_bind_int64(st, 1, e->account_id);
	if (e->district_id > 0)
		sqlite3_bind_int64(st, 2, e->district_id);
	sqlite3_bind_text(st, 3, e->action, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, e->object_type, -1, SQLITE_STATIC);
	if (e->object_id > 0)
		sqlite3_bind_int64(st, 5, e->object_id);
	if (e->before != NULL)
		sqlite3_bind_text(st, 6, e->before, -1, SQLITE_TRANSIENT);
	if (e->after != NULL)
		sqlite3_bind_text(st, 7, e->after, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 8, e->client ? e->client : "", -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return db_result_of(rc);
}
