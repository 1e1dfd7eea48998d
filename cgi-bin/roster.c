/*
 * roster.c - GET /school/roster: the school's teachers this year with their
 * details, category, status and receiving unit; ?q= searches name, staff
 * number, phone and the ID number's last digits. ID numbers are masked:
 * the first 4 and last 4 characters only.
 */
#include "roster.h"
#include "store/sql.h"

#include "core/app.h"
#include "store/audit.h"
#include "core/render.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *
col(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);
	return s ? (const char *)s : "";
}

static int roster_page_into(struct ctx *c, xmlNodePtr root);

int
roster_page(struct ctx *c)
{
	xmlNodePtr root = app_page(c, "roster");

	return root == NULL ? 500 : roster_page_into(c, root);
}

static int
roster_page_into(struct ctx *c, xmlNodePtr root)
{
	static const char sql[] =
	    "SELECT ty.id, t.name, t.gender, t.id_number, t.staff_no, t.phone, t.subject, t.title,"
	    " ty.category, ty.status, ty.receiving_unit, t.active"
	    " FROM teacher_year ty JOIN teacher t ON t.id = ty.teacher_id"
	    " JOIN school_year y ON y.id = ty.school_year_id AND y.is_current = 1"
	    " WHERE ty.school_id = ?1 AND (?2 = '' OR instr(t.name, ?2) > 0 OR t.staff_no = ?2"
	    "  OR t.phone = ?2 OR (length(?2) BETWEEN 4 AND 6 AND substr(t.id_number, -length(?2)) = ?2))"
	    " ORDER BY t.staff_no, t.id LIMIT 5001";
	xmlNodePtr list, schools;
	const char *q = http_query(c->req, "q");
	sqlite3_stmt *st = db_stmt(c->db, sql);
	long long n = 0;

	if (root == NULL || st == NULL)
		return 500;
	if (q == NULL)
		q = "";
	list = xml_node(root, "roster");
	xml_text(list, "q", q);
	sqlite3_bind_int64(st, 1, c->user->school_id);
	sqlite3_bind_text(st, 2, q, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW && n < 5000) {
		xmlNodePtr t = xml_node(list, "teacher");
		const char *id = col(st, 3);
		char masked[32];

		n++;
		if (strlen(id) == 18)
			snprintf(masked, sizeof(masked), "%.4s**********%s", id, id + 14);
		else
			masked[0] = '\0';
		xml_attr_int(t, "teacher-year", sqlite3_column_int64(st, 0));
		xml_attr(t, "gender", col(st, 2));
		xml_attr(t, "id-masked", masked);
		xml_attr(t, "staff-no", col(st, 4));
		/* Mobile numbers are masked as on the page; only the edit form shows them whole. */
		{
			const char *ph = col(st, 5);
			char pm[32] = "";
			if (strlen(ph) == 11)
				snprintf(pm, sizeof(pm), "%.3s****%s", ph, ph + 7);
			else if (*ph)
				snprintf(pm, sizeof(pm), "****");
			xml_attr(t, "phone-masked", pm);
		}
		xml_attr(t, "category", col(st, 8));
		xml_attr(t, "status", col(st, 9));
		xml_attr(t, "active", sqlite3_column_int(st, 11) ? "1" : "0");
		xml_text(t, "name", col(st, 1));
		xml_text(t, "subject", col(st, 6));
		xml_text(t, "title", col(st, 7));
		if (*col(st, 10))
			xml_text(t, "receiving-unit", col(st, 10));
	}
	sqlite3_reset(st);
	xml_attr_int(list, "count", n);
	/* the other schools of the district, for transfers */
	if ((schools = xml_node(root, "schools")) == NULL ||
	    (st = db_stmt(c->db, "SELECT id, name FROM school WHERE district_id = ? AND active = 1"
	    " AND id <> ? ORDER BY code")) == NULL)
		return 500;
	sqlite3_bind_int64(st, 1, c->user->district_id);
	sqlite3_bind_int64(st, 2, c->user->school_id);
	while (sqlite3_step(st) == SQLITE_ROW)
		xml_attr_int(xml_text(schools, "school", col(st, 1)), "id", sqlite3_column_int64(st, 0));
	sqlite3_reset(st);
	return 200;
}

/*
 * The teacher of a teacher-year of this school in the current year, and
 * whether the school's year is still open (0: not found).
 */
static long long
own_teacher(struct ctx *c, long long ty, long long *year, int *open)
{
	static const char sql[] =
	    "SELECT ty.teacher_id, y.id, coalesce((SELECT st.state FROM school_year_state st"
	    " WHERE st.school_id = ty.school_id AND st.school_year_id = y.id), 'open')"
	    " FROM teacher_year ty JOIN school_year y ON y.id = ty.school_year_id AND y.is_current = 1"
	    " WHERE ty.id = ? AND ty.school_id = ?";
	sqlite3_stmt *st = db_stmt(c->db, sql);
	long long t = 0;

	if (st == NULL)
		return 0;
	sqlite3_bind_int64(st, 1, ty);
	sqlite3_bind_int64(st, 2, c->user->school_id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		t = sqlite3_column_int64(st, 0);
		*year = sqlite3_column_int64(st, 1);
		*open = strcmp(col(st, 2), "open") == 0;
	}
	sqlite3_reset(st);
	return t;
}

static enum db_result
change_row(struct ctx *c, long long year, long long school, long long teacher, const char *kind,
    long long other, const char *note)
{
	sqlite3_stmt *st = db_stmt(c->db, "INSERT INTO roster_change(school_year_id, school_id,"
	    " teacher_id, kind, other_school_id, note, account_id) VALUES (?,?,?,?,?,?,?)");
	enum db_result r;

	if (st == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, year);
	sqlite3_bind_int64(st, 2, school);
	sqlite3_bind_int64(st, 3, teacher);
	sqlite3_bind_text(st, 4, kind, -1, SQLITE_STATIC);
	if (other > 0)
		sqlite3_bind_int64(st, 5, other);
	sqlite3_bind_text(st, 6, note ? note : "", -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 7, c->user->id);
	r = db_result_of(sqlite3_step(st));
	sqlite3_reset(st);
	return r;
}

static enum db_result
audit_roster(struct ctx *c, const char *action, long long ty, const char *after)
{
	struct audit_entry e;

	memset(&e, 0, sizeof(e));
	e.account_id = c->user->id;
	e.district_id = c->user->district_id;
	e.action = action;
	e.object_type = "teacher_year";
	e.object_id = ty;
	e.after = after;
	e.client = c->req->remote_addr;
	return audit_write(c->db, &e);
}

static int
refuse(struct ctx *c, int status, const char *code)
{
	xmlNodePtr root = app_page(c, "roster");

	if (root == NULL)
		return 500;
	xml_attr(xml_node(root, "refused"), "code", code);
	roster_page_into(c, root);
	return status;
}

/* POST /school/roster/{id}/deactivate and /reactivate: the teacher leaves (or comes back); history stays. */
static int
set_active(struct ctx *c, int active)
{
	long long year = 0, teacher;
	int open = 0;
	sqlite3_stmt *st;
	enum db_result r;

	if ((teacher = own_teacher(c, c->id[0], &year, &open)) == 0)
		return 404;
	if (!open)
		return refuse(c, 409, "year_locked");
	if ((r = db_begin(c->db)) != DB_OK)
		return r == DB_BUSY ? 503 : 500;
	st = db_stmt(c->db, "UPDATE teacher SET active = ? WHERE id = ? AND active <> ?");
	if (st == NULL) {
		db_rollback(c->db);
		return 500;
	}
	sqlite3_bind_int(st, 1, active);
	sqlite3_bind_int64(st, 2, teacher);
	sqlite3_bind_int(st, 3, active);
	r = db_result_of(sqlite3_step(st));
	sqlite3_reset(st);
	if (r == DB_OK && sqlite3_changes(db_handle(c->db)) == 1) {
		r = change_row(c, year, c->user->school_id, teacher, active ? "rejoined" : "left", 0,
		    http_form(c->req, "note"));
		if (r == DB_OK && !active) {
			/* A teacher who left is signed out everywhere at once. */
			st = db_stmt(c->db, "DELETE FROM session WHERE account_id IN"
			    " (SELECT id FROM account WHERE teacher_id = ? AND role = 'teacher')");
			if (st == NULL)
				r = DB_ERROR;
			else {
				sqlite3_bind_int64(st, 1, teacher);
				r = db_result_of(sqlite3_step(st));
				sqlite3_reset(st);
			}
		}
		if (r == DB_OK)
			r = audit_roster(c, active ? "roster_reactivate" : "roster_deactivate", c->id[0],
			    active ? "{\"active\":1}" : "{\"active\":0}");
	}
	if (r != DB_OK || (r = db_commit(c->db)) != DB_OK) {
		db_rollback(c->db);
		return r == DB_BUSY ? 503 : 500;
	}
	return app_redirect(c, "/school/roster");
}

int
roster_deactivate(struct ctx *c)
{
	return set_active(c, 0);
}

int
roster_reactivate(struct ctx *c)
{
	return set_active(c, 1);
}

/*
 * POST /school/roster/{id}/transfer, field school: the teacher's current
 * year moves to another active school of the district with its records;
 * earlier years stay with the schools they were in. Both schools' years
 * must be open.
 */
int
roster_transfer(struct ctx *c)
{
	static const char sql_target[] =
	    "SELECT s.id, coalesce((SELECT st.state FROM school_year_state st WHERE st.school_id = s.id"
	    " AND st.school_year_id = ?), 'open') FROM school s WHERE s.id = ? AND s.district_id = ?"
	    " AND s.active = 1 AND s.id <> ?";
	long long year = 0, teacher, target = 0;
	const char *tv = http_form(c->req, "school");
	int open = 0, target_open = 0;
	sqlite3_stmt *st;
	enum db_result r;
	char after[64];

	if ((teacher = own_teacher(c, c->id[0], &year, &open)) == 0)
		return 404;
	if ((st = db_stmt(c->db, sql_target)) == NULL)
		return 500;
	sqlite3_bind_int64(st, 1, year);
	sqlite3_bind_int64(st, 2, tv ? atoll(tv) : 0);
	sqlite3_bind_int64(st, 3, c->user->district_id);
	sqlite3_bind_int64(st, 4, c->user->school_id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		target = sqlite3_column_int64(st, 0);
		target_open = strcmp(col(st, 1), "open") == 0;
	}
	sqlite3_reset(st);
	if (target == 0)
		return refuse(c, 422, "transfer_bad_school");
	if (!open || !target_open)
		return refuse(c, 409, "year_locked");
	if ((r = db_begin(c->db)) != DB_OK)
		return r == DB_BUSY ? 503 : 500;
	st = db_stmt(c->db, "UPDATE teacher_year SET school_id = ? WHERE id = ? AND school_id = ?");
	if (st == NULL) {
		db_rollback(c->db);
		return 500;
	}
	sqlite3_bind_int64(st, 1, target);
	sqlite3_bind_int64(st, 2, c->id[0]);
	sqlite3_bind_int64(st, 3, c->user->school_id);
	r = db_result_of(sqlite3_step(st));
	sqlite3_reset(st);
	if (r == DB_OK) {
		/* The teacher's account follows the teacher: the new school manages it. */
		st = db_stmt(c->db, "UPDATE account SET school_id = ? WHERE teacher_id = ? AND role = 'teacher'");
		if (st == NULL)
			r = DB_ERROR;
		else {
			sqlite3_bind_int64(st, 1, target);
			sqlite3_bind_int64(st, 2, teacher);
			r = db_result_of(sqlite3_step(st));
			sqlite3_reset(st);
		}
	}
	if (r == DB_OK)
		r = change_row(c, year, c->user->school_id, teacher, "transfer_out", target, http_form(c->req, "note"));
	if (r == DB_OK)
		r = change_row(c, year, target, teacher, "transfer_in", c->user->school_id, http_form(c->req, "note"));
	snprintf(after, sizeof(after), "{\"school_id\":%lld}", target);
	if (r == DB_OK)
		r = audit_roster(c, "roster_transfer", c->id[0], after);
	if (r != DB_OK || (r = db_commit(c->db)) != DB_OK) {
		db_rollback(c->db);
		return r == DB_BUSY ? 503 : 500;
	}
	return app_redirect(c, "/school/roster");
}
