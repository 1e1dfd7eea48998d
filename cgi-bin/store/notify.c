/* store/notify.c - see notify.h */
#include "store/notify.h"
#include "store/sql.h"

#include <string.h>

/* Run one of the inserts below: ?1 and ?2 its ids (a statement may use ?1 only), ?3 the kind, ?4 the detail. */
static enum db_result
notify(struct db *db, const char *sql, long long a1, long long a2, const char *kind,
    const char *detail)
{
	sql_stmt *st = db_stmt(db, sql);

	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, a1);
	sql_bind_int(st, 2, a2);
	sql_bind_text(st, 3, kind);
	sql_bind_text(st, 4, detail != NULL ? detail : "");
	return sql_exec(st);
}

enum db_result
store_notify_teacher(struct db *db, long long record, const char *kind, const char *detail)
{
	static const char sql[] =
	    "INSERT INTO notification (account_id, kind, record_id, school_id, school_year_id, detail)"
	    " SELECT a.id, ?3, r.id, ty.school_id, ty.school_year_id, ?4 FROM record r"
	    " JOIN teacher_year ty ON ty.id = r.teacher_year_id"
	    " JOIN account a ON a.teacher_id = ty.teacher_id AND a.role = 'teacher' AND a.active = 1"
	    " WHERE r.id = ?1";

	return notify(db, sql, record, 0, kind, detail);
}

enum db_result
store_notify_record_school(struct db *db, long long record, const char *kind, const char *detail)
{
	static const char sql[] =
	    "INSERT INTO notification (account_id, kind, record_id, school_id, school_year_id, detail)"
	    " SELECT a.id, ?3, r.id, ty.school_id, ty.school_year_id, ?4 FROM record r"
	    " JOIN teacher_year ty ON ty.id = r.teacher_year_id"
	    " JOIN account a ON a.school_id = ty.school_id AND a.role = 'school_admin' AND a.active = 1"
	    " WHERE r.id = ?1";

	return notify(db, sql, record, 0, kind, detail);
}

enum db_result
store_notify_school(struct db *db, long long school, long long year, const char *kind,
    const char *detail)
{
	static const char sql[] =
	    "INSERT INTO notification (account_id, kind, school_id, school_year_id, detail)"
	    " SELECT a.id, ?3, ?1, ?2, ?4 FROM account a"
	    " WHERE a.school_id = ?1 AND a.role = 'school_admin' AND a.active = 1";

	return notify(db, sql, school, year, kind, detail);
}

enum db_result
store_notify_district(struct db *db, long long school, long long year, const char *kind,
    const char *detail)
{
	static const char sql[] =
	    "INSERT INTO notification (account_id, kind, school_id, school_year_id, detail)"
	    " SELECT a.id, ?3, s.id, ?2, ?4 FROM school s JOIN account a ON a.district_id = s.district_id"
	    " AND a.role = 'district_admin' AND a.active = 1 WHERE s.id = ?1";

	return notify(db, sql, school, year, kind, detail);
}

enum db_result
store_notify_notice(struct db *db, long long notice, const char *title)
{
	static const char sql[] =
	    "INSERT INTO notification (account_id, kind, school_id, school_year_id, detail, notice_id)"
	    " SELECT a.id, 'notice_published', s.school_id, n.school_year_id, ?2, n.id"
	    " FROM notice n JOIN (SELECT DISTINCT school_id FROM notice_entry WHERE notice_id = ?1) s ON 1 = 1"
	    " JOIN account a ON a.school_id = s.school_id AND a.active = 1"
	    " AND a.role IN ('school_admin', 'school_leader') WHERE n.id = ?1";
	sql_stmt *st = db_stmt(db, sql);

	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, notice);
	sql_bind_text(st, 2, title);
	return sql_exec(st);
}

static int
fill_notification(arena *a, sql_stmt *st, void *row)
{
	struct notification *n = row;

	n->id = sql_int(st, 0, 0);
	n->kind = sql_dup(a, st, 1);
	n->detail = sql_dup(a, st, 2);
	n->created_at = sql_dup(a, st, 3);
	n->unread = sql_null(st, 4);
	n->days = sql_int(st, 5, -1);
	n->record_id = sql_int(st, 6, 0);
	n->item = sql_dup(a, st, 7);
	n->teacher = sql_dup(a, st, 8);
	n->school = sql_dup(a, st, 9);
	n->year = sql_dup(a, st, 10);
	n->notice_id = sql_int(st, 11, 0);
	return n->kind && n->detail && n->created_at && n->item && n->teacher && n->school &&
	    n->year ? 0 : -1;
}

enum db_result
store_inbox(struct db *db, arena *a, long long account, struct notification **out, size_t *n)
{
	static const char sql[] =
	    "SELECT n.id, n.kind, n.detail, n.created_at, n.read_at, n.days, coalesce(n.record_id, 0),"
	    " coalesce(i.name, ''), coalesce(t.name, ''), coalesce(s.name, ''), coalesce(y.label, ''),"
	    " coalesce(n.notice_id, 0) FROM notification n LEFT JOIN record r ON r.id = n.record_id"
	    " LEFT JOIN item i ON i.id = r.item_id LEFT JOIN teacher_year ty ON ty.id = r.teacher_year_id"
	    " LEFT JOIN teacher t ON t.id = ty.teacher_id LEFT JOIN school s ON s.id = n.school_id"
	    " LEFT JOIN school_year y ON y.id = n.school_year_id"
	    " WHERE n.account_id = ? ORDER BY n.id DESC LIMIT 200";
	sql_stmt *st = db_stmt(db, sql);

	*out = NULL;
	*n = 0;
	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, account);
	return sql_list(st, a, sizeof(**out), fill_notification, (void **)out, n);
}

enum db_result
store_inbox_unread(struct db *db, long long account, long long *n)
{
	static const char sql[] =
	    "SELECT count(*) FROM notification WHERE account_id = ? AND read_at IS NULL";
	sql_stmt *st = db_stmt(db, sql);

	*n = 0;
	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, account);
	return sql_one(st, NULL, sizeof(*n), sql_fill_int, n);
}

enum db_result
store_inbox_read(struct db *db, long long account, long long id, long long *changed)
{
	static const char sql[] =
	    "UPDATE notification SET read_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
	    " WHERE account_id = ?1 AND read_at IS NULL AND (?2 = 0 OR id = ?2)";
	sql_stmt *st = db_stmt(db, sql);
	enum db_result r;

	*changed = 0;
	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, account);
	sql_bind_int(st, 2, id);
	if ((r = sql_exec(st)) != DB_OK)
		return r;
	*changed = sql_changes(db);
	return DB_OK;
}

struct district_offset {
	long long id;
	int offset;
};

static int
fill_offset(arena *a, sql_stmt *st, void *row)
{
	struct district_offset *d = row;

	(void)a;
	d->id = sql_int(st, 0, 0);
	d->offset = (int)sql_int(st, 1, 480);
	return 0;
}

enum db_result
store_remind(struct db *db, store_today_fn today, void *arg, const int *days_left, size_t ndays,
    long long *made)
{
	static const char sql_districts[] = "SELECT id, utc_offset_minutes FROM district ORDER BY id";
	/*
	 * The school's effective registration deadline: the year's, or a later
	 * extension's. Teachers of the current year with an active account and
	 * hours still missing (the kept result's gap).
	 */
	static const char sql_remind[] =
	    "INSERT OR IGNORE INTO notification (account_id, kind, school_id, school_year_id, detail, days)"
	    " SELECT a.id, 'deadline_near', ty.school_id, y.id, d.deadline, ?3 FROM ("
	    "  SELECT s.id AS school, y.id AS year, max(y.register_deadline,"
	    "   coalesce((SELECT max(e.until) FROM deadline_extension e WHERE e.school_id = s.id"
	    "    AND e.school_year_id = y.id AND e.kind = 'register'), '')) AS deadline"
	    "  FROM school_year y JOIN school s ON s.district_id = y.district_id AND s.active = 1"
	    "  WHERE y.district_id = ?1 AND y.is_current = 1 AND y.register_deadline IS NOT NULL"
	    "  AND NOT EXISTS (SELECT 1 FROM school_year_state st WHERE st.school_id = s.id"
	    "   AND st.school_year_id = y.id AND st.state IN ('submitted', 'confirmed'))) d"
	    " JOIN school_year y ON y.id = d.year"
	    " JOIN teacher_year ty ON ty.school_year_id = d.year AND ty.school_id = d.school"
	    " JOIN teacher t ON t.id = ty.teacher_id AND t.active = 1"
	    " JOIN teacher_year_result r ON r.teacher_year_id = ty.id AND r.gap_tenths > 0"
	    " JOIN account a ON a.teacher_id = t.id AND a.role = 'teacher' AND a.active = 1"
	    " WHERE julianday(d.deadline) - julianday(?2) = ?3";
	struct district_offset *v;
	size_t n;
	arena *a = arena_new();
	enum db_result r;

	*made = 0;
	if (a == NULL)
		return DB_ERROR;
	{
		sql_stmt *st = db_stmt(db, sql_districts);
		if (st == NULL) {
			arena_free(a);
			return DB_ERROR;
		}
		if ((r = sql_list(st, a, sizeof(*v), fill_offset, (void **)&v, &n)) != DB_OK) {
			arena_free(a);
			return r;
		}
	}
	for (size_t i = 0; i < n; i++) {
		char day[11];
		today(v[i].offset, day, arg);
		for (size_t k = 0; k < ndays; k++) {
			sql_stmt *st = db_stmt(db, sql_remind);
			if (st == NULL) {
				arena_free(a);
				return DB_ERROR;
			}
			sql_bind_int(st, 1, v[i].id);
			sql_bind_text(st, 2, day);
			sql_bind_int(st, 3, days_left[k]);
			if ((r = sql_exec(st)) != DB_OK) {
				arena_free(a);
				return r;
			}
			*made += sql_changes(db);
		}
	}
	arena_free(a);
	return DB_OK;
}
