/* store/scope.c - see scope.h */
#include "store/scope.h"
#include "store/sql.h"

#include <string.h>

/* One statement per kind: district, school, teacher, role. */
static const char *const owner_sql[OBJ__MAX] = {
	[OBJ_RECORD] =
	    "SELECT y.district_id, ty.school_id, ty.teacher_id, '' FROM record r"
	    " JOIN teacher_year ty ON ty.id = r.teacher_year_id"
	    " JOIN school_year y ON y.id = ty.school_year_id WHERE r.id = ?",
	[OBJ_TEACHER_YEAR] =
	    "SELECT y.district_id, ty.school_id, ty.teacher_id, '' FROM teacher_year ty"
	    " JOIN school_year y ON y.id = ty.school_year_id WHERE ty.id = ?",
	[OBJ_EVIDENCE] =
	    "SELECT y.district_id, ty.school_id, ty.teacher_id, '' FROM evidence e"
	    " JOIN record r ON r.id = e.record_id JOIN teacher_year ty ON ty.id = r.teacher_year_id"
	    " JOIN school_year y ON y.id = ty.school_year_id WHERE e.id = ?",
	[OBJ_SCHOOL] =
	    "SELECT district_id, id, 0, '' FROM school WHERE id = ?",
	[OBJ_ACCOUNT] =
	    "SELECT coalesce(district_id, 0), coalesce(school_id, 0), coalesce(teacher_id, 0), role"
	    " FROM account WHERE id = ?",
	[OBJ_IMPORT] =
	    "SELECT s.district_id, i.school_id, 0, '' FROM roster_import i"
	    " JOIN school s ON s.id = i.school_id WHERE i.id = ?",
	[OBJ_YEAR] =
	    "SELECT district_id, 0, 0, '' FROM school_year WHERE id = ?",
	[OBJ_DISTRICT] =
	    "SELECT id, 0, 0, '' FROM district WHERE id = ?",
	[OBJ_ITEM] =
	    "SELECT y.district_id, 0, 0, '' FROM item i"
	    " JOIN school_year y ON y.id = i.school_year_id WHERE i.id = ?",
	[OBJ_GROUP] =
	    "SELECT y.district_id, 0, 0, '' FROM cap_group g"
	    " JOIN school_year y ON y.id = g.school_year_id WHERE g.id = ?",
	[OBJ_CATALOGUE_IMPORT] =
	    "SELECT y.district_id, 0, 0, '' FROM catalogue_import ci"
	    " JOIN school_year y ON y.id = ci.school_year_id WHERE ci.id = ?",
	/* A project the district filed has no school: no school scope reaches it. */
	[OBJ_PROJECT] =
	    "SELECT y.district_id, coalesce(p.school_id, 0), 0, '' FROM training_project p"
	    " JOIN school_year y ON y.id = p.school_year_id WHERE p.id = ?",
	/* A published notice is its named schools' (?2: the asker's school). */
	[OBJ_NOTICE] =
	    "SELECT n.district_id, CASE WHEN n.state = 'published' AND ?2 <> 0 AND EXISTS"
	    " (SELECT 1 FROM notice_entry e WHERE e.notice_id = n.id AND e.school_id = ?2)"
	    " THEN ?2 ELSE 0 END, 0, '' FROM notice n WHERE n.id = ?1",
	/* The district's own events have no school: no school scope reaches them. */
	[OBJ_EVENT] =
	    "SELECT district_id, coalesce(school_id, 0), 0, '' FROM event WHERE id = ?",
};

enum db_result
store_owner(struct db *db, enum object_kind kind, long long id, long long school, struct owner *o)
{
	static char role[32];
	sql_stmt *st;
	enum db_result r = DB_NOTFOUND;

	memset(o, 0, sizeof(*o));
	o->role = "";
	if ((unsigned)kind >= OBJ__MAX || owner_sql[kind] == NULL)
		return DB_NOTFOUND;
	if ((st = db_stmt(db, owner_sql[kind])) == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, id);
	if (sql_params(st) >= 2)
		sql_bind_int(st, 2, school);
	switch (sql_step(st, &r)) {
	case SQL_ROW:
		o->district_id = sql_int(st, 0, 0);
		o->school_id = sql_int(st, 1, 0);
		o->teacher_id = sql_int(st, 2, 0);
		/* Copied: the statement is reset below. One request at a time. */
		strncpy(role, sql_text(st, 3), sizeof(role) - 1);
		role[sizeof(role) - 1] = '\0';
		o->role = role;
		r = DB_OK;
		break;
	case SQL_DONE:
		r = DB_NOTFOUND;
		break;
	case SQL_FAILED:
		break;
	}
	sql_reset(st);
	return r;
}
