/* store/home.c - see home.h */
#include "store/home.h"
#include "store/sql.h"

#include <string.h>

enum db_result
store_home_districts(struct db *db, arena *a, struct home_district **out, size_t *n)
{
	static const char sql[] =
	    "SELECT d.id, d.code, d.name, d.province, d.city, d.authority,"
	    " d.self_registration, y.id, y.label, y.starts_on, y.ends_on, y.register_deadline"
	    " FROM district d LEFT JOIN school_year y ON y.district_id = d.id AND y.is_current = 1"
	    " ORDER BY d.province, d.city, d.code";
	sql_stmt *st = db_stmt(db, sql);
	size_t cap = 0;
	enum db_result r = DB_OK;
	enum sql_step s;

	*out = NULL;
	*n = 0;
	if (st == NULL)
		return DB_ERROR;
	while ((s = sql_step(st, &r)) == SQL_ROW) {
		struct home_district *d;
		if (*n == cap) {
			struct home_district *m = arena_alloc(a, (cap ? 2 * cap : 16) * sizeof(*m));
			if (m == NULL) {
				r = DB_ERROR;
				break;
			}
			if (*n)
				memcpy(m, *out, *n * sizeof(*m));
			*out = m;
			cap = cap ? 2 * cap : 16;
		}
		d = &(*out)[(*n)++];
		d->id = sql_int(st, 0, 0);
		d->code = sql_dup(a, st, 1);
		d->name = sql_dup(a, st, 2);
		d->province = sql_dup(a, st, 3);
		d->city = sql_dup(a, st, 4);
		d->authority = sql_dup(a, st, 5);
		d->self_registration = (int)sql_int(st, 6, 0);
		d->year_id = sql_int(st, 7, 0);
		d->year_label = sql_dup(a, st, 8);
		d->starts_on = sql_dup(a, st, 9);
		d->ends_on = sql_dup(a, st, 10);
		d->register_deadline = sql_dup(a, st, 11);
		if (!d->code || !d->name || !d->province || !d->city || !d->authority || !d->year_label ||
		    !d->starts_on || !d->ends_on || !d->register_deadline) {
			r = DB_ERROR;
			break;
		}
	}
	sql_reset(st);
	if (s != SQL_DONE) {
		*n = 0;
		return r == DB_OK ? DB_ERROR : r;
	}
	return DB_OK;
}
