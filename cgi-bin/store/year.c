/* store/year.c - see year.h */
#include "store/year.h"
#include "store/audit.h"
#include "store/district.h"
#include "store/sql.h"

#include <stdlib.h>
#include <string.h>

static enum db_result
current_year(struct db *db, arena *a, long long district, long long *id, const char **label)
{
	static const char sql[] =
	    "SELECT id, label FROM school_year WHERE district_id = ? AND is_current = 1";
	sql_stmt *st = db_stmt(db, sql);
	enum db_result r = DB_NOTFOUND;
	enum sql_step s;

	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, district);
	if ((s = sql_step(st, &r)) == SQL_ROW) {
		*id = sql_int(st, 0, 0);
		*label = sql_dup(a, st, 1);
		r = *label ? DB_OK : DB_ERROR;
	} else if (s == SQL_DONE)
		r = DB_NOTFOUND;
	sql_reset(st);
	return r;
}

enum db_result
store_year_open(struct db *db, arena *a, const struct year_open *in, struct year_opened *out)
{
	static const char sql_uncurrent[] =
	    "UPDATE school_year SET is_current = 0 WHERE id = ?";
	static const char sql_year[] =
	    "INSERT INTO school_year (district_id, label, starts_on, ends_on, is_current,"
	    " register_deadline, school_review_deadline, district_review_deadline)"
	    " VALUES (?, ?, ?, ?, 1, ?, ?, ?)";
	/* Active teachers only: one who left (teacher.active = 0) stays behind. */
	static const char sql_carry[] =
	    "INSERT INTO teacher_year (teacher_id, school_year_id, school_id, category, status,"
	    " receiving_unit)"
	    " SELECT ty.teacher_id, ?2, ty.school_id,"
	    " CASE WHEN ty.category IN ('new_teacher', 'new_principal') THEN 'regular' ELSE ty.category END,"
	    " ty.status, ty.receiving_unit"
	    " FROM teacher_year ty JOIN teacher t ON t.id = ty.teacher_id"
	    " WHERE ty.school_year_id = ?1 AND t.active = 1 ORDER BY ty.id";
	static const char sql_regularised[] =
	    "SELECT count(*) FROM teacher_year ty JOIN teacher t ON t.id = ty.teacher_id"
	    " WHERE ty.school_year_id = ? AND t.active = 1"
	    " AND ty.category IN ('new_teacher', 'new_principal')";
	struct catalogue cat;
	struct audit_entry e;
	struct audit_json j;
	sql_stmt *st;
	enum db_result r;
	int shift;

	memset(out, 0, sizeof(*out));
	if ((r = current_year(db, a, in->district_id, &out->previous_year_id,
	    &out->previous_label)) != DB_OK)
		return r;
	shift = atoi(in->label) - atoi(out->previous_label);
	if (shift <= 0)
		return DB_CONSTRAINT;
	if ((r = store_catalogue_read(db, a, out->previous_year_id, &cat)) != DB_OK)
		return r;
	if ((st = db_stmt(db, sql_regularised)) == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, out->previous_year_id);
	if (sql_step(st, &r) != SQL_ROW) {
		sql_reset(st);
		return r == DB_OK ? DB_ERROR : r;
	}
	out->regularised = sql_int(st, 0, 0);
	sql_reset(st);

	if ((st = db_stmt(db, sql_uncurrent)) == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, out->previous_year_id);
	if ((r = sql_exec(st)) != DB_OK)
		return r;
	if ((st = db_stmt(db, sql_year)) == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, in->district_id);
	sql_bind_text(st, 2, in->label);
	sql_bind_text(st, 3, in->starts_on);
	sql_bind_text(st, 4, in->ends_on);
	sql_bind_text(st, 5, store_date_add_years(a, cat.register_deadline, shift));
	sql_bind_text(st, 6, store_date_add_years(a, cat.school_review_deadline, shift));
	sql_bind_text(st, 7, store_date_add_years(a, cat.district_review_deadline, shift));
	if ((r = sql_exec(st)) != DB_OK)
		return r;
	out->year_id = sql_last_id(db);
	if ((r = store_catalogue_write(db, out->year_id, &cat)) != DB_OK)
		return r;
	out->items = cat.nitems;
	out->cap_groups = cat.ngroups;
	if ((st = db_stmt(db, sql_carry)) == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, out->previous_year_id);
	sql_bind_int(st, 2, out->year_id);
	if ((r = sql_exec(st)) != DB_OK)
		return r;
	out->teachers = sql_changes(db);

	audit_json_begin(&j, a);
	audit_json_str(&j, "label", in->label);
	audit_json_str(&j, "starts_on", in->starts_on);
	audit_json_str(&j, "ends_on", in->ends_on);
	audit_json_str(&j, "previous", out->previous_label);
	audit_json_int(&j, "teachers", out->teachers);
	audit_json_int(&j, "regularised", out->regularised);
	audit_json_int(&j, "items", (long long)out->items);
	memset(&e, 0, sizeof(e));
	e.account_id = in->account_id;
	e.district_id = in->district_id;
	e.action = "school_year_open";
	e.object_type = "school_year";
	e.object_id = out->year_id;
	e.after = audit_json_end(&j);
	e.client = in->client;
	if (e.after == NULL)
		return DB_ERROR;
	return audit_write(db, &e);
}
