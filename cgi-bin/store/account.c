/* store/account.c - see account.h */
#include "store/account.h"
#include "store/sql.h"

#include <string.h>

/* Grow an arena array of n elements of size sz by one. */
static void *
more(arena *a, void *v, size_t n, size_t *cap, size_t sz)
{
	void *m;

	if (n < *cap)
		return v;
	if ((m = arena_alloc(a, (*cap ? 2 * *cap : 32) * sz)) == NULL)
		return NULL;
	if (n)
		memcpy(m, v, n * sz);
	*cap = *cap ? 2 * *cap : 32;
	return m;
}

/* A column's copy, or NULL when the column is NULL. */
static const char *
dup_or_null(arena *a, sql_stmt *st, int i)
{
	return sql_null(st, i) ? NULL : sql_dup(a, st, i);
}

#define ACCOUNT_COLUMNS \
	"SELECT a.id, a.login, a.display_name, a.role, a.active, a.must_change_password," \
	" a.locked_until, coalesce(a.district_id, 0), coalesce(a.school_id, 0)," \
	" coalesce(a.teacher_id, 0), d.name, s.name, t.name, t.staff_no, a.created_at" \
	" FROM account a LEFT JOIN district d ON d.id = a.district_id" \
	" LEFT JOIN school s ON s.id = a.school_id LEFT JOIN teacher t ON t.id = a.teacher_id"

static int
account_from_row(arena *a, sql_stmt *st, struct account_row *r)
{
	r->id = sql_int(st, 0, 0);
	r->login = sql_dup(a, st, 1);
	r->name = sql_dup(a, st, 2);
	r->role = sql_dup(a, st, 3);
	r->active = (int)sql_int(st, 4, 0);
	r->must_change = (int)sql_int(st, 5, 0);
	r->locked_until = sql_int(st, 6, 0);
	r->district_id = sql_int(st, 7, 0);
	r->school_id = sql_int(st, 8, 0);
	r->teacher_id = sql_int(st, 9, 0);
	r->district = dup_or_null(a, st, 10);
	r->school = dup_or_null(a, st, 11);
	r->teacher = dup_or_null(a, st, 12);
	r->staff_no = dup_or_null(a, st, 13);
	r->created = sql_dup(a, st, 14);
	return r->login && r->name && r->role && r->created ? 0 : -1;
}

enum db_result
store_accounts_managed(struct db *db, arena *a, const char *role, long long district,
    long long school, struct account_row **out, size_t *n)
{
	static const char sql[] = ACCOUNT_COLUMNS " WHERE"
	    " ((?1 = 'system_admin' AND a.role = 'district_admin')"
	    " OR (?1 = 'district_admin' AND a.district_id = ?2 AND a.role IN ('school_admin', 'school_leader'))"
	    " OR (?1 = 'school_admin' AND a.school_id = ?3 AND a.role = 'teacher'))"
	    " ORDER BY a.role, a.login";
	sql_stmt *st = db_stmt(db, sql);
	size_t cap = 0;
	enum db_result r = DB_OK;
	enum sql_step s;

	*out = NULL;
	*n = 0;
	if (st == NULL)
		return DB_ERROR;
	sql_bind_text(st, 1, role);
	sql_bind_int(st, 2, district);
	sql_bind_int(st, 3, school);
	while ((s = sql_step(st, &r)) == SQL_ROW) {
		if ((*out = more(a, *out, *n, &cap, sizeof(**out))) == NULL ||
		    account_from_row(a, st, &(*out)[*n]) != 0) {
			r = DB_ERROR;
			break;
		}
		(*n)++;
	}
	sql_reset(st);
	if (s != SQL_DONE) {
		*n = 0;
		return r == DB_OK ? DB_ERROR : r;
	}
	return DB_OK;
}

enum db_result
store_account_get(struct db *db, arena *a, long long id, struct account_row *out)
{
	static const char sql[] = ACCOUNT_COLUMNS " WHERE a.id = ?";
	sql_stmt *st = db_stmt(db, sql);
	enum db_result r = DB_OK;

	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, id);
	switch (sql_step(st, &r)) {
	case SQL_ROW:
		r = account_from_row(a, st, out) == 0 ? DB_OK : DB_ERROR;
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

enum db_result
store_account_choices(struct db *db, arena *a, const char *role, long long district,
    long long school, struct account_choice **out, size_t *n)
{
	static const char sql_districts[] = "SELECT id, name, '', '' FROM district ORDER BY code";
	static const char sql_schools[] =
	    "SELECT id, name, '', '' FROM school WHERE district_id = ? AND active = 1 ORDER BY code";
	static const char sql_teachers[] =
	    "SELECT t.id, t.name, t.staff_no, t.phone FROM teacher t"
	    " JOIN teacher_year ty ON ty.teacher_id = t.id"
	    " JOIN school_year y ON y.id = ty.school_year_id AND y.is_current = 1"
	    " WHERE ty.school_id = ? AND t.active = 1"
	    " AND NOT EXISTS (SELECT 1 FROM account a WHERE a.teacher_id = t.id AND a.active = 1)"
	    " ORDER BY t.staff_no, t.name";
	sql_stmt *st;
	size_t cap = 0;
	enum db_result r = DB_OK;
	enum sql_step s;

	*out = NULL;
	*n = 0;
	if (strcmp(role, "system_admin") == 0)
		st = db_stmt(db, sql_districts);
	else if (strcmp(role, "district_admin") == 0) {
		if ((st = db_stmt(db, sql_schools)) != NULL)
			sql_bind_int(st, 1, district);
	} else if ((st = db_stmt(db, sql_teachers)) != NULL)
		sql_bind_int(st, 1, school);
	if (st == NULL)
		return DB_ERROR;
	while ((s = sql_step(st, &r)) == SQL_ROW) {
		struct account_choice *c;
		if ((*out = more(a, *out, *n, &cap, sizeof(**out))) == NULL) {
			r = DB_ERROR;
			break;
		}
		c = &(*out)[(*n)++];
		c->id = sql_int(st, 0, 0);
		c->name = sql_dup(a, st, 1);
		c->staff_no = sql_dup(a, st, 2);
		c->phone = sql_dup(a, st, 3);
		c->has_phone = c->phone != NULL && *c->phone != '\0';
		if (c->name == NULL || c->staff_no == NULL || c->phone == NULL) {
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

static int
fill_name(arena *a, sql_stmt *st, void *row)
{
	const char **name = row;

	return (*name = sql_dup(a, st, 0)) != NULL ? 0 : -1;
}

enum db_result
store_school_name(struct db *db, arena *a, long long school, const char **name)
{
	static const char sql[] = "SELECT name FROM school WHERE id = ?";
	sql_stmt *st = db_stmt(db, sql);

	*name = "";
	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, school);
	return sql_one(st, a, sizeof(*name), fill_name, (void *)name);
}

int
store_login_taken(struct db *db, const char *login)
{
	static const char sql[] = "SELECT 1 FROM account WHERE login = ?";
	sql_stmt *st = db_stmt(db, sql);
	enum db_result r = DB_OK;
	enum sql_step s;

	if (st == NULL)
		return -1;
	sql_bind_text(st, 1, login);
	s = sql_step(st, &r);
	sql_reset(st);
	return s == SQL_ROW ? 1 : s == SQL_DONE ? 0 : -1;
}

static int
exists(struct db *db, const char *sql, long long a1, long long a2)
{
	sql_stmt *st = db_stmt(db, sql);
	enum sql_step s;

	if (st == NULL)
		return -1;
	sql_bind_int(st, 1, a1);
	sql_bind_int(st, 2, a2);
	s = sql_step(st, NULL);
	sql_reset(st);
	return s == SQL_ROW ? 1 : s == SQL_DONE ? 0 : -1;
}

int
store_district_exists(struct db *db, long long district)
{
	static const char sql[] = "SELECT 1 FROM district WHERE id = ?1 AND ?2 = 0";
	return exists(db, sql, district, 0);
}

int
store_school_in_district(struct db *db, long long school, long long district)
{
	static const char sql[] = "SELECT 1 FROM school WHERE id = ? AND district_id = ?";
	return exists(db, sql, school, district);
}

enum db_result
store_roster_teacher(struct db *db, arena *a, long long teacher, long long school,
    const char **name, const char **staff_no, const char **phone)
{
	static const char sql[] =
	    "SELECT t.name, t.staff_no, t.phone FROM teacher t JOIN teacher_year ty ON ty.teacher_id = t.id"
	    " JOIN school_year y ON y.id = ty.school_year_id AND y.is_current = 1"
	    " WHERE t.id = ? AND ty.school_id = ?";
	sql_stmt *st = db_stmt(db, sql);
	enum db_result r = DB_OK;

	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, teacher);
	sql_bind_int(st, 2, school);
	switch (sql_step(st, &r)) {
	case SQL_ROW:
		*name = sql_dup(a, st, 0);
		*staff_no = sql_dup(a, st, 1);
		*phone = sql_dup(a, st, 2);
		r = *name && *staff_no && *phone ? DB_OK : DB_ERROR;
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

enum db_result
store_account_insert(struct db *db, const char *login, const char *name, const char *role,
    long long district, long long school, long long teacher, long long *id)
{
	static const char sql[] =
	    "INSERT INTO account (login, display_name, role, district_id, school_id, teacher_id,"
	    " must_change_password) VALUES (?, ?, ?, nullif(?, 0), nullif(?, 0), nullif(?, 0), 1)";
	sql_stmt *st = db_stmt(db, sql);
	enum db_result r;

	if (st == NULL)
		return DB_ERROR;
	sql_bind_text(st, 1, login);
	sql_bind_text(st, 2, name);
	sql_bind_text(st, 3, role);
	sql_bind_int(st, 4, district);
	sql_bind_int(st, 5, school);
	sql_bind_int(st, 6, teacher);
	if ((r = sql_exec(st)) == DB_OK)
		*id = sql_last_id(db);
	return r;
}

enum db_result
store_account_set_active(struct db *db, long long id, int active)
{
	static const char sql[] = "UPDATE account SET active = ? WHERE id = ?";
	sql_stmt *st = db_stmt(db, sql);

	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, active);
	sql_bind_int(st, 2, id);
	return sql_exec(st);
}

enum db_result
store_account_history(struct db *db, arena *a, long long id, struct account_event **out,
    size_t *n)
{
	static const char sql[] =
	    "SELECT au.at, au.action, coalesce(actor.login, '') FROM audit au"
	    " LEFT JOIN account actor ON actor.id = au.account_id"
	    " WHERE au.object_type = 'account' AND au.object_id = ? ORDER BY au.id DESC LIMIT 50";
	sql_stmt *st = db_stmt(db, sql);
	size_t cap = 0;
	enum db_result r = DB_OK;
	enum sql_step s;

	*out = NULL;
	*n = 0;
	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, id);
	while ((s = sql_step(st, &r)) == SQL_ROW) {
		struct account_event *e;
		if ((*out = more(a, *out, *n, &cap, sizeof(**out))) == NULL) {
			r = DB_ERROR;
			break;
		}
		e = &(*out)[(*n)++];
		e->at = sql_dup(a, st, 0);
		e->action = sql_dup(a, st, 1);
		e->by = sql_dup(a, st, 2);
		if (!e->at || !e->action || !e->by) {
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

/* The fields of an event's before and after, side by side. */
static enum db_result
audit_changes(struct db *db, arena *a, const char *before, const char *after, struct audit_event *e)
{
	static const char sql[] =
	    "SELECT k, max(b), max(a) FROM ("
	    " SELECT key AS k, CASE WHEN type IN ('object', 'array') THEN json(value) ELSE value END"
	    "  AS b, NULL AS a FROM json_each(CASE WHEN json_valid(?1) THEN ?1 ELSE '{}' END)"
	    " UNION ALL SELECT key, NULL, CASE WHEN type IN ('object', 'array') THEN json(value)"
	    "  ELSE value END FROM json_each(CASE WHEN json_valid(?2) THEN ?2 ELSE '{}' END)) AS c"
	    " GROUP BY k ORDER BY k";
	sql_stmt *st = db_stmt(db, sql);
	size_t cap = 0;
	enum db_result r = DB_OK;
	enum sql_step s;

	if (st == NULL)
		return DB_ERROR;
	sql_bind_text(st, 1, before);
	sql_bind_text(st, 2, after);
	while ((s = sql_step(st, &r)) == SQL_ROW) {
		struct audit_change *ch;
		if ((e->changes = more(a, e->changes, e->nchanges, &cap, sizeof(*e->changes))) == NULL) {
			r = DB_ERROR;
			break;
		}
		ch = &e->changes[e->nchanges++];
		ch->field = sql_dup(a, st, 0);
		ch->before = dup_or_null(a, st, 1);
		ch->after = dup_or_null(a, st, 2);
		if (ch->field == NULL) {
			r = DB_ERROR;
			break;
		}
	}
	sql_reset(st);
	return s == SQL_DONE ? DB_OK : (r == DB_OK ? DB_ERROR : r);
}

enum db_result
store_audit_events(struct db *db, arena *a, int all, long long district, const char *action,
    struct audit_event **out, size_t *n)
{
	/*
	 * Local time (the district's offset, UTC+8 by default), the actor and the
	 * object by name: a teacher's year by the teacher, a record by its
	 * teacher and item, an account by its name and login, a school by name.
	 */
	static const char sql[] =
	    "SELECT au.id, strftime('%Y-%m-%d %H:%M:%S', au.at, printf('%+d minutes',"
	    "  coalesce(d.utc_offset_minutes, 480))), au.action, au.object_type,"
	    " coalesce(au.object_id, 0), coalesce(actor.display_name, ''), coalesce(au.after, ''),"
	    " au.client, coalesce(actor.login, ''), coalesce(au.before, ''),"
	    " CASE au.object_type"
	    "  WHEN 'record' THEN (SELECT t.name || ' · ' || i.name FROM record r"
	    "   JOIN teacher_year ty ON ty.id = r.teacher_year_id JOIN teacher t ON t.id = ty.teacher_id"
	    "   JOIN item i ON i.id = r.item_id WHERE r.id = au.object_id)"
	    "  WHEN 'teacher_year' THEN (SELECT t.name || coalesce(' · ' || nullif(t.staff_no, ''), '')"
	    "   FROM teacher_year ty JOIN teacher t ON t.id = ty.teacher_id WHERE ty.id = au.object_id)"
	    "  WHEN 'account' THEN (SELECT a.display_name || ' (' || a.login || ')' FROM account a"
	    "   WHERE a.id = au.object_id)"
	    "  WHEN 'school' THEN (SELECT s.name FROM school s WHERE s.id = au.object_id)"
	    "  WHEN 'district' THEN (SELECT x.name FROM district x WHERE x.id = au.object_id)"
	    "  WHEN 'school_year' THEN (SELECT y.label FROM school_year y WHERE y.id = au.object_id)"
	    " END, coalesce(d.time_zone, 'Asia/Shanghai')"
	    " FROM audit au LEFT JOIN account actor ON actor.id = au.account_id"
	    " LEFT JOIN district d ON d.id = au.district_id"
	    " WHERE (?1 = 1 OR au.district_id = ?2) AND (?3 IS NULL OR au.action = ?3)"
	    " ORDER BY au.id DESC LIMIT 200";
	sql_stmt *st = db_stmt(db, sql);
	size_t cap = 0;
	enum db_result r = DB_OK;
	enum sql_step s;

	*out = NULL;
	*n = 0;
	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, all);
	sql_bind_int(st, 2, district);
	sql_bind_text(st, 3, action);
	while ((s = sql_step(st, &r)) == SQL_ROW) {
		struct audit_event *e;
		const char *before, *after;
		if ((*out = more(a, *out, *n, &cap, sizeof(**out))) == NULL) {
			r = DB_ERROR;
			break;
		}
		e = &(*out)[(*n)++];
		memset(e, 0, sizeof(*e));
		e->id = sql_int(st, 0, 0);
		e->at = sql_dup(a, st, 1);
		e->action = sql_dup(a, st, 2);
		e->object_type = sql_dup(a, st, 3);
		e->object_id = sql_int(st, 4, 0);
		e->by_name = sql_dup(a, st, 5);
		e->details = sql_dup(a, st, 6);
		e->client = sql_dup(a, st, 7);
		e->by = sql_dup(a, st, 8);
		before = sql_dup(a, st, 9);
		e->object = dup_or_null(a, st, 10);
		e->time_zone = sql_dup(a, st, 11);
		after = e->details;
		if (!e->at || !e->action || !e->object_type || !e->by_name || !e->details || !e->client ||
		    !e->by || !before || !e->time_zone) {
			r = DB_ERROR;
			break;
		}
		if ((*before || *after) && (r = audit_changes(db, a, before, after, e)) != DB_OK)
			break;
	}
	sql_reset(st);
	if (s != SQL_DONE || r != DB_OK) {
		*n = 0;
		return r == DB_OK ? DB_ERROR : r;
	}
	return DB_OK;
}
