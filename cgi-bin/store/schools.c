/* store/schools.c - see schools.h */
#include "store/schools.h"
#include "store/sql.h"

#include <string.h>

#define SCHOOL_COLUMNS \
	"SELECT s.id, s.district_id, s.code, s.name, s.kind, s.active," \
	" coalesce((SELECT group_concat(login, ' ') FROM (SELECT a.login FROM account a" \
	"   WHERE a.school_id = s.id AND a.role IN ('school_admin', 'school_leader') AND a.active = 1" \
	"   ORDER BY a.role, a.login) AS l), '')," \
	" (SELECT count(*) FROM teacher_year ty JOIN school_year y ON y.id = ty.school_year_id" \
	"   AND y.is_current = 1 JOIN teacher t ON t.id = ty.teacher_id" \
	"   WHERE ty.school_id = s.id AND t.active = 1)" \
	" FROM school s"

static int
fill(arena *a, sql_stmt *st, void *row)
{
	struct school_row *s = row;

	s->id = sql_int(st, 0, 0);
	s->district_id = sql_int(st, 1, 0);
	s->code = sql_dup(a, st, 2);
	s->name = sql_dup(a, st, 3);
	s->kind = sql_dup(a, st, 4);
	s->active = (int)sql_int(st, 5, 0);
	s->admins = sql_dup(a, st, 6);
	s->teachers = sql_int(st, 7, 0);
	return s->code && s->name && s->kind && s->admins ? 0 : -1;
}

enum db_result
store_schools_all(struct db *db, arena *a, long long district, struct school_row **out, size_t *n)
{
	static const char sql[] = SCHOOL_COLUMNS
	    " WHERE s.district_id = ? ORDER BY s.active DESC, s.code";
	sql_stmt *st = db_stmt(db, sql);

	*out = NULL;
	*n = 0;
	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, district);
	return sql_list(st, a, sizeof(**out), fill, (void **)out, n);
}

enum db_result
store_school_row(struct db *db, arena *a, long long id, struct school_row *s)
{
	static const char sql[] = SCHOOL_COLUMNS " WHERE s.id = ?";
	sql_stmt *st = db_stmt(db, sql);

	memset(s, 0, sizeof(*s));
	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, id);
	return sql_one(st, a, sizeof(*s), fill, s);
}

enum db_result
store_school_insert(struct db *db, long long district, const char *code, const char *name,
    const char *kind, long long *id)
{
	static const char sql[] =
	    "INSERT INTO school (district_id, code, name, kind) VALUES (?, ?, ?, ?) RETURNING id";
	sql_stmt *st = db_stmt(db, sql);
	enum db_result r = DB_OK;

	*id = 0;
	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, district);
	sql_bind_text(st, 2, code);
	sql_bind_text(st, 3, name);
	sql_bind_text(st, 4, kind);
	if (sql_step(st, &r) == SQL_ROW)
		*id = sql_int(st, 0, 0);
	sql_reset(st);
	return *id > 0 ? DB_OK : (r == DB_OK ? DB_ERROR : r);
}

enum db_result
store_school_update(struct db *db, long long id, const char *code, const char *name,
    const char *kind)
{
	static const char sql[] = "UPDATE school SET code = ?2, name = ?3, kind = ?4 WHERE id = ?1";
	sql_stmt *st = db_stmt(db, sql);

	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, id);
	sql_bind_text(st, 2, code);
	sql_bind_text(st, 3, name);
	sql_bind_text(st, 4, kind);
	return sql_exec(st);
}

enum db_result
store_school_set_active(struct db *db, long long id, int active)
{
	static const char sql_school[] = "UPDATE school SET active = ?2 WHERE id = ?1";
	static const char sql_sessions[] =
	    "DELETE FROM session WHERE account_id IN (SELECT id FROM account WHERE school_id = ?1"
	    " AND role IN ('school_admin', 'school_leader'))";
	static const char sql_accounts[] =
	    "UPDATE account SET active = 0 WHERE school_id = ?1 AND role IN ('school_admin', 'school_leader')";
	const char *sqls[] = { sql_school, sql_sessions, sql_accounts };
	enum db_result r;

	for (int i = 0; i < (active ? 1 : 3); i++) {
		sql_stmt *st = db_stmt(db, sqls[i]);
		if (st == NULL)
			return DB_ERROR;
		sql_bind_int(st, 1, id);
		if (i == 0)
			sql_bind_int(st, 2, active);
		if ((r = sql_exec(st)) != DB_OK)
			return r;
	}
	return DB_OK;
}
