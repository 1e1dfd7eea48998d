/*
 * changes.c - the roster's changes (see changes.h). A row is a teacher
 * joining (by hand or by an import), coming back, leaving, transferring or
 * having details changed; reporting stamps reported_at/reported_by on the
 * school's unreported rows of the current year, audited.
 */
#include "changes.h"
#include "store/sql.h"

#include "core/app.h"
#include "store/audit.h"
#include "core/render.h"

#include <stdlib.h>
#include <string.h>

static const char *
col(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);
	return s ? (const char *)s : "";
}

/* The changes of one school (school > 0) or of the district's schools. */
static int
changes_list(struct ctx *c, xmlNodePtr root, long long school, long long district)
{
	static const char sql[] =
	    "SELECT rc.id, rc.kind, rc.at, rc.reported_at, t.name, t.staff_no, s.id, s.name,"
	    " rc.import_id, coalesce(o.name, ''), ty.id"
	    " FROM roster_change rc JOIN teacher t ON t.id = rc.teacher_id"
	    " JOIN school s ON s.id = rc.school_id"
	    " JOIN school_year y ON y.id = rc.school_year_id AND y.is_current = 1"
	    " LEFT JOIN school o ON o.id = rc.other_school_id"
	    " LEFT JOIN teacher_year ty ON ty.teacher_id = t.id AND ty.school_year_id = y.id"
	    "  AND ty.school_id = rc.school_id"
	    " WHERE ((?1 > 0 AND rc.school_id = ?1) OR (?2 > 0 AND y.district_id = ?2"
	    "  AND (?3 = 0 OR rc.school_id = ?3) AND rc.reported_at IS NOT NULL))"
	    " ORDER BY s.code, rc.at DESC, rc.id DESC LIMIT 10000";
	sqlite3_stmt *st = db_stmt(c->db, sql);
	xmlNodePtr list = xml_node(root, "changes");
	const char *sch = http_query(c->req, "school");
	long long n = 0, unreported = 0;

	if (st == NULL || list == NULL)
		return 500;
	sqlite3_bind_int64(st, 1, school);
	sqlite3_bind_int64(st, 2, district);
	sqlite3_bind_int64(st, 3, sch ? atoll(sch) : 0);
	while (sqlite3_step(st) == SQLITE_ROW) {
		xmlNodePtr ch = xml_node(list, "change");
		n++;
		xml_attr_int(ch, "id", sqlite3_column_int64(st, 0));
		xml_attr(ch, "kind", col(st, 1));
		xml_attr(ch, "at", col(st, 2));
		if (sqlite3_column_type(st, 3) != SQLITE_NULL)
			xml_attr(ch, "reported", col(st, 3));
		else
			unreported++;
		xml_attr(ch, "staff-no", col(st, 5));
		xml_attr_int(ch, "school-id", sqlite3_column_int64(st, 6));
		if (sqlite3_column_type(st, 8) != SQLITE_NULL)
			xml_attr_int(ch, "import", sqlite3_column_int64(st, 8));
		if (sqlite3_column_type(st, 10) != SQLITE_NULL)
			xml_attr_int(ch, "teacher-year", sqlite3_column_int64(st, 10));
		xml_text(ch, "teacher", col(st, 4));
		xml_text(ch, "school", col(st, 7));
		if (*col(st, 9))
			xml_text(ch, "other-school", col(st, 9));
	}
	sqlite3_reset(st);
	xml_attr_int(list, "count", n);
	xml_attr_int(list, "unreported", unreported);
	return 200;
}

int
changes_school_page(struct ctx *c)
{
	xmlNodePtr root = app_page(c, "changes");

	if (root == NULL)
		return 500;
	xml_attr(root, "scope", "school");
	return changes_list(c, root, c->user->school_id, 0);
}

int
changes_school_report(struct ctx *c)
{
	static const char sql[] =
	    "UPDATE roster_change SET reported_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), reported_by = ?"
	    " WHERE school_id = ? AND reported_at IS NULL AND school_year_id ="
	    " (SELECT id FROM school_year WHERE district_id = ? AND is_current = 1)";
	sqlite3_stmt *st;
	struct audit_entry e;
	char after[64];
	int changes;
	enum db_result r;

	if ((r = db_begin(c->db)) != DB_OK)
		return r == DB_BUSY ? 503 : 500;
	if ((st = db_stmt(c->db, sql)) == NULL) {
		db_rollback(c->db);
		return 500;
	}
	sqlite3_bind_int64(st, 1, c->user->id);
	sqlite3_bind_int64(st, 2, c->user->school_id);
	sqlite3_bind_int64(st, 3, c->user->district_id);
	r = db_result_of(sqlite3_step(st));
	sqlite3_reset(st);
	changes = sqlite3_changes(db_handle(c->db));
	if (r == DB_OK) {
		memset(&e, 0, sizeof(e));
		snprintf(after, sizeof(after), "{\"reported\":%d}", changes);
		e.account_id = c->user->id;
		e.district_id = c->user->district_id;
		e.action = "roster_changes_report";
		e.object_type = "school";
		e.object_id = c->user->school_id;
		e.after = after;
		e.client = c->req->remote_addr;
		r = changes > 0 ? audit_write(c->db, &e) : DB_OK;
	}
	if (r != DB_OK || (r = db_commit(c->db)) != DB_OK) {
		db_rollback(c->db);
		return r == DB_BUSY ? 503 : 500;
	}
	return app_redirect(c, "/school/roster/changes");
}

int
changes_district_page(struct ctx *c)
{
	xmlNodePtr root = app_page(c, "changes");

	if (root == NULL)
		return 500;
	xml_attr(root, "scope", "district");
	return changes_list(c, root, 0, c->user->district_id);
}
