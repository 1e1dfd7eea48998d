/*
 * roster.c - GET /school/roster: the school's teachers this year with their
 * details, category, status and receiving unit; ?q= searches name, staff
 * number, phone and the ID number's last digits. ID numbers are masked:
 * the first 4 and last 4 characters only.
 */
#include "roster.h"

#include "core/app.h"
#include "core/render.h"

#include <string.h>

static const char *
col(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);
	return s ? (const char *)s : "";
}

int
roster_page(struct ctx *c)
{
	static const char sql[] =
	    "SELECT ty.id, t.name, t.gender, t.id_number, t.staff_no, t.phone, t.subject, t.title,"
	    " ty.category, ty.status, ty.receiving_unit, t.active"
	    " FROM teacher_year ty JOIN teacher t ON t.id = ty.teacher_id"
	    " JOIN school_year y ON y.id = ty.school_year_id AND y.is_current = 1"
	    " WHERE ty.school_id = ?1 AND (?2 = '' OR instr(t.name, ?2) > 0 OR t.staff_no = ?2"
	    "  OR t.phone = ?2 OR (length(?2) BETWEEN 4 AND 6 AND substr(t.id_number, -length(?2)) = ?2))"
	    " ORDER BY t.staff_no, t.id LIMIT 5001";
	xmlNodePtr root = app_page(c, "roster"), list;
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
		xml_attr(t, "phone", col(st, 5));
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
	return 200;
}
