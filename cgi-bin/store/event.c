/* store/event.c - see event.h */
#include "store/event.h"
#include "store/sql.h"

#include <stdlib.h>
#include <string.h>

#define EVENT_COLUMNS \
	"SELECT e.id, e.district_id, e.school_year_id, coalesce(e.school_id, 0), y.label, e.title," \
	" e.held_on, e.sessions, e.place, e.organiser, e.audience, e.review_stage, e.state," \
	" e.morning_from, e.morning_to, e.afternoon_from, e.afternoon_to, e.item_id," \
	" coalesce(e.project_id, 0), i.code, i.name, i.unit, i.rule_type, coalesce(p.name, '')," \
	" coalesce(s.name, ''), i.hours_tenths, e.created_at, coalesce(e.closed_at, '')," \
	" (SELECT count(DISTINCT a.teacher_year_id) FROM attendance a WHERE a.event_id = e.id AND a.present = 1)," \
	" (SELECT count(*) FROM event_record r WHERE r.event_id = e.id AND r.record_id IS NOT NULL)" \
	" FROM event e JOIN school_year y ON y.id = e.school_year_id JOIN item i ON i.id = e.item_id" \
	" LEFT JOIN training_project p ON p.id = e.project_id LEFT JOIN school s ON s.id = e.school_id"

static int
fill(arena *a, sql_stmt *st, void *row)
{
	struct event_row *e = row;

	e->id = sql_int(st, 0, 0);
	e->district_id = sql_int(st, 1, 0);
	e->year_id = sql_int(st, 2, 0);
	e->school_id = sql_int(st, 3, 0);
	e->year = sql_dup(a, st, 4);
	e->title = sql_dup(a, st, 5);
	e->held_on = sql_dup(a, st, 6);
	e->sessions = sql_dup(a, st, 7);
	e->place = sql_dup(a, st, 8);
	e->organiser = sql_dup(a, st, 9);
	e->audience = sql_dup(a, st, 10);
	e->review_stage = sql_dup(a, st, 11);
	e->state = sql_dup(a, st, 12);
	e->morning_from = sql_dup(a, st, 13);
	e->morning_to = sql_dup(a, st, 14);
	e->afternoon_from = sql_dup(a, st, 15);
	e->afternoon_to = sql_dup(a, st, 16);
	e->item_id = sql_int(st, 17, 0);
	e->project_id = sql_int(st, 18, 0);
	e->item_code = sql_dup(a, st, 19);
	e->item_name = sql_dup(a, st, 20);
	e->item_unit = sql_dup(a, st, 21);
	e->item_rule = sql_dup(a, st, 22);
	e->project_name = sql_dup(a, st, 23);
	e->school_name = sql_dup(a, st, 24);
	e->item_hours_tenths = sql_int(st, 25, 0);
	e->created_at = sql_dup(a, st, 26);
	e->closed_at = sql_dup(a, st, 27);
	e->attended = sql_int(st, 28, 0);
	e->records = sql_int(st, 29, 0);
	return e->year && e->title && e->held_on && e->sessions && e->place && e->organiser &&
	    e->audience && e->review_stage && e->state && e->morning_from && e->morning_to &&
	    e->afternoon_from && e->afternoon_to && e->item_code && e->item_name && e->item_unit &&
	    e->item_rule && e->project_name && e->school_name && e->created_at && e->closed_at ? 0 : -1;
}

enum db_result
store_events(struct db *db, arena *a, long long district, long long school, struct event_row **out,
    size_t *n)
{
	static const char sql[] = EVENT_COLUMNS
	    " WHERE e.district_id = ?1 AND (?2 = 0 OR e.school_id = ?2) ORDER BY e.held_on DESC, e.id DESC";
	sql_stmt *st = db_stmt(db, sql);

	*out = NULL;
	*n = 0;
	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, district);
	sql_bind_int(st, 2, school);
	return sql_list(st, a, sizeof(**out), fill, (void **)out, n);
}

enum db_result
store_event_get(struct db *db, arena *a, long long id, struct event_row *row)
{
	static const char sql[] = EVENT_COLUMNS " WHERE e.id = ?";
	sql_stmt *st = db_stmt(db, sql);

	memset(row, 0, sizeof(*row));
	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, id);
	return sql_one(st, a, sizeof(*row), fill, row);
}

enum db_result
store_events_on(struct db *db, arena *a, long long district, const char *day, struct event_row **out,
    size_t *n)
{
	static const char sql[] = EVENT_COLUMNS
	    " WHERE e.district_id = ? AND e.held_on = ? AND e.state = 'open' ORDER BY e.id";
	sql_stmt *st = db_stmt(db, sql);

	*out = NULL;
	*n = 0;
	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, district);
	sql_bind_text(st, 2, day);
	return sql_list(st, a, sizeof(**out), fill, (void **)out, n);
}

enum db_result
store_event_insert(struct db *db, const struct event_write *w, long long *id)
{
	static const char sql[] =
	    "INSERT INTO event (district_id, school_year_id, school_id, title, item_id, project_id, held_on,"
	    " sessions, morning_from, morning_to, afternoon_from, afternoon_to, place, organiser, audience,"
	    " review_stage, created_by) VALUES (?1, ?2, nullif(?3, 0), ?4, ?5, nullif(?6, 0), ?7, ?8, ?9,"
	    " ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)";
	static const char sql_school[] = "INSERT OR IGNORE INTO event_school (event_id, school_id) VALUES (?, ?)";
	static const char sql_teacher[] = "INSERT OR IGNORE INTO event_teacher (event_id, teacher_id) VALUES (?, ?)";
	sql_stmt *st = db_stmt(db, sql);
	enum db_result r;

	*id = 0;
	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, w->district_id);
	sql_bind_int(st, 2, w->year_id);
	sql_bind_int(st, 3, w->school_id);
	sql_bind_text(st, 4, w->title);
	sql_bind_int(st, 5, w->item_id);
	sql_bind_int(st, 6, w->project_id);
	sql_bind_text(st, 7, w->held_on);
	sql_bind_text(st, 8, w->sessions);
	sql_bind_text(st, 9, w->morning_from);
	sql_bind_text(st, 10, w->morning_to);
	sql_bind_text(st, 11, w->afternoon_from);
	sql_bind_text(st, 12, w->afternoon_to);
	sql_bind_text(st, 13, w->place);
	sql_bind_text(st, 14, w->organiser);
	sql_bind_text(st, 15, w->audience);
	sql_bind_text(st, 16, w->review_stage);
	sql_bind_int(st, 17, w->account_id);
	if ((r = sql_exec(st)) != DB_OK)
		return r;
	*id = sql_last_id(db);
	for (size_t i = 0; i < w->nschools; i++) {
		if ((st = db_stmt(db, sql_school)) == NULL)
			return DB_ERROR;
		sql_bind_int(st, 1, *id);
		sql_bind_int(st, 2, w->schools[i]);
		if ((r = sql_exec(st)) != DB_OK)
			return r;
	}
	for (size_t i = 0; i < w->nteachers; i++) {
		if ((st = db_stmt(db, sql_teacher)) == NULL)
			return DB_ERROR;
		sql_bind_int(st, 1, *id);
		sql_bind_int(st, 2, w->teachers[i]);
		if ((r = sql_exec(st)) != DB_OK)
			return r;
	}
	return DB_OK;
}

static int
fill_name(arena *a, sql_stmt *st, void *row)
{
	struct event_name *v = row;

	v->id = sql_int(st, 0, 0);
	v->code = sql_dup(a, st, 1);
	v->name = sql_dup(a, st, 2);
	return v->code && v->name ? 0 : -1;
}

static enum db_result
names(struct db *db, arena *a, const char *sql, long long id, struct event_name **out, size_t *n)
{
	sql_stmt *st = db_stmt(db, sql);

	*out = NULL;
	*n = 0;
	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, id);
	return sql_list(st, a, sizeof(**out), fill_name, (void **)out, n);
}

enum db_result
store_event_schools(struct db *db, arena *a, long long event, struct event_name **out, size_t *n)
{
	static const char sql[] = "SELECT s.id, s.code, s.name FROM event_school es"
	    " JOIN school s ON s.id = es.school_id WHERE es.event_id = ? ORDER BY s.code";

	return names(db, a, sql, event, out, n);
}

enum db_result
store_event_teachers(struct db *db, arena *a, long long event, struct event_name **out, size_t *n)
{
	static const char sql[] = "SELECT t.id, t.staff_no, t.name FROM event_teacher et"
	    " JOIN teacher t ON t.id = et.teacher_id WHERE et.event_id = ? ORDER BY t.staff_no, t.id";

	return names(db, a, sql, event, out, n);
}

enum db_result
store_event_items(struct db *db, arena *a, long long year, struct event_name **out, size_t *n)
{
	static const char sql[] = "SELECT id, code, name FROM item WHERE school_year_id = ?"
	    " AND active = 1 AND rule_type = 'per_unit' ORDER BY sort_order, id";

	return names(db, a, sql, year, out, n);
}

enum db_result
store_event_item_ok(struct db *db, long long year, long long item)
{
	static const char sql[] = "SELECT id FROM item WHERE school_year_id = ? AND id = ?"
	    " AND active = 1 AND rule_type = 'per_unit'";
	sql_stmt *st = db_stmt(db, sql);
	long long id = 0;

	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, year);
	sql_bind_int(st, 2, item);
	return sql_one(st, NULL, sizeof(id), sql_fill_int, &id);
}

static int
cmp_code(const void *key, const void *elem)
{
	return strcmp((const char *)key, ((const struct event_name *)elem)->code);
}

enum db_result
store_event_staff(struct db *db, arena *a, long long district, const char *const *staff, size_t n,
    long long *ids, const char **missing, size_t *nmissing)
{
	/* The district's staff numbers once, in the order bsearch needs (BINARY is strcmp's). */
	static const char sql[] = "SELECT id, staff_no, name FROM teacher WHERE district_id = ? AND active = 1"
	    " ORDER BY staff_no";
	struct event_name *v;
	size_t nv;
	enum db_result r = names(db, a, sql, district, &v, &nv);

	*nmissing = 0;
	if (r != DB_OK)
		return r;
	for (size_t i = 0; i < n; i++) {
		const struct event_name *t = nv > 0 ? bsearch(staff[i], v, nv, sizeof(*v), cmp_code) : NULL;
		ids[i] = t != NULL ? t->id : 0;
		if (t == NULL)
			missing[(*nmissing)++] = staff[i];
	}
	return DB_OK;
}

enum db_result
store_event_invited(struct db *db, long long event, long long teacher, long long *ty)
{
	static const char sql[] =
	    "SELECT ty.id FROM event e JOIN teacher_year ty ON ty.school_year_id = e.school_year_id"
	    " AND ty.teacher_id = ?2 JOIN school s ON s.id = ty.school_id AND s.district_id = e.district_id"
	    " WHERE e.id = ?1 AND ((e.audience = 'district' AND (e.school_id IS NULL OR ty.school_id = e.school_id))"
	    " OR (e.audience = 'schools' AND EXISTS (SELECT 1 FROM event_school es WHERE es.event_id = e.id"
	    "  AND es.school_id = ty.school_id))"
	    " OR (e.audience = 'list' AND EXISTS (SELECT 1 FROM event_teacher et WHERE et.event_id = e.id"
	    "  AND et.teacher_id = ?2)))";
	sql_stmt *st = db_stmt(db, sql);

	*ty = 0;
	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, event);
	sql_bind_int(st, 2, teacher);
	return sql_one(st, NULL, sizeof(*ty), sql_fill_int, ty);
}

enum db_result
store_attendance_sign(struct db *db, long long event, long long ty, const char *session, const char *mode,
    const char *at, const char *via, int *fresh)
{
	static const char sql_in[] =
	    "INSERT INTO attendance (event_id, teacher_year_id, session, signed_in_at, via)"
	    " VALUES (?, ?, ?, ?, ?) ON CONFLICT (event_id, teacher_year_id, session) DO NOTHING";
	static const char sql_out[] =
	    "UPDATE attendance SET signed_out_at = ?4 WHERE event_id = ?1 AND teacher_year_id = ?2 AND session = ?3";
	int in = strcmp(mode, "in") == 0;
	sql_stmt *st = db_stmt(db, in ? sql_in : sql_out);
	enum db_result r;

	*fresh = 0;
	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, event);
	sql_bind_int(st, 2, ty);
	sql_bind_text(st, 3, session);
	sql_bind_text(st, 4, at);
	if (in)
		sql_bind_text(st, 5, via);
	if ((r = sql_exec(st)) != DB_OK)
		return r;
	*fresh = sql_changes(db) == 1;
	return in || *fresh ? DB_OK : DB_NOTFOUND;
}

static int
fill_attendance(arena *a, sql_stmt *st, void *row)
{
	struct attendance_row *v = row;

	v->teacher_year_id = sql_int(st, 0, 0);
	v->staff_no = sql_dup(a, st, 1);
	v->name = sql_dup(a, st, 2);
	v->school = sql_dup(a, st, 3);
	v->session = sql_dup(a, st, 4);
	v->signed_in = sql_dup(a, st, 5);
	v->signed_out = sql_dup(a, st, 6);
	v->via = sql_dup(a, st, 7);
	v->reason = sql_dup(a, st, 8);
	v->present = (int)sql_int(st, 9, 0);
	return v->staff_no && v->name && v->school && v->session && v->signed_in && v->signed_out &&
	    v->via && v->reason ? 0 : -1;
}

enum db_result
store_attendance(struct db *db, arena *a, long long event, struct attendance_row **out, size_t *n)
{
	static const char sql[] =
	    "SELECT a.teacher_year_id, t.staff_no, t.name, s.name, a.session, a.signed_in_at,"
	    " coalesce(a.signed_out_at, ''), a.via, a.corrected_reason, a.present FROM attendance a"
	    " JOIN teacher_year ty ON ty.id = a.teacher_year_id JOIN teacher t ON t.id = ty.teacher_id"
	    " JOIN school s ON s.id = ty.school_id WHERE a.event_id = ?"
	    " ORDER BY s.code, t.staff_no, t.id, a.session DESC";
	sql_stmt *st = db_stmt(db, sql);

	*out = NULL;
	*n = 0;
	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, event);
	return sql_list(st, a, sizeof(**out), fill_attendance, (void **)out, n);
}

enum db_result
store_attendance_correct(struct db *db, long long event, long long ty, const char *session, int present,
    const char *reason, const char *at)
{
	static const char sql[] =
	    "INSERT INTO attendance (event_id, teacher_year_id, session, signed_in_at, via, present,"
	    " corrected_reason) VALUES (?1, ?2, ?3, ?6, 'organiser', ?4, ?5)"
	    " ON CONFLICT (event_id, teacher_year_id, session) DO UPDATE SET present = excluded.present,"
	    " corrected_reason = excluded.corrected_reason";
	sql_stmt *st = db_stmt(db, sql);

	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, event);
	sql_bind_int(st, 2, ty);
	sql_bind_text(st, 3, session);
	sql_bind_int(st, 4, present != 0);
	sql_bind_text(st, 5, reason);
	sql_bind_text(st, 6, at);
	return sql_exec(st);
}

enum db_result
store_event_teacher_year(struct db *db, long long event, const char *staff_no, long long *ty)
{
	static const char sql[] =
	    "SELECT ty.id FROM event e JOIN teacher t ON t.district_id = e.district_id AND t.staff_no = ?2"
	    " JOIN teacher_year ty ON ty.teacher_id = t.id AND ty.school_year_id = e.school_year_id"
	    " WHERE e.id = ?1";
	sql_stmt *st = db_stmt(db, sql);

	*ty = 0;
	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, event);
	sql_bind_text(st, 2, staff_no);
	return sql_one(st, NULL, sizeof(*ty), sql_fill_int, ty);
}

enum db_result
store_event_close(struct db *db, long long id, long long account, const char *at)
{
	static const char sql[] =
	    "UPDATE event SET state = 'closed', closed_at = ?2, closed_by = ?3 WHERE id = ?1 AND state = 'open'";
	sql_stmt *st = db_stmt(db, sql);
	enum db_result r;

	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, id);
	sql_bind_text(st, 2, at);
	sql_bind_int(st, 3, account);
	if ((r = sql_exec(st)) == DB_OK && sql_changes(db) != 1)
		r = DB_NOTFOUND;
	return r;
}

enum db_result
store_event_record(struct db *db, long long event, long long ty, long long record)
{
	static const char sql[] =
	    "INSERT INTO event_record (event_id, teacher_year_id, record_id) VALUES (?, ?, ?)";
	sql_stmt *st = db_stmt(db, sql);

	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, event);
	sql_bind_int(st, 2, ty);
	sql_bind_int(st, 3, record);
	return sql_exec(st);
}

enum db_result
store_event_locked_schools(struct db *db, arena *a, long long event, struct event_name **out, size_t *n)
{
	static const char sql[] =
	    "SELECT DISTINCT s.id, s.code, s.name FROM attendance at JOIN event e ON e.id = at.event_id"
	    " JOIN teacher_year ty ON ty.id = at.teacher_year_id JOIN school s ON s.id = ty.school_id"
	    " JOIN school_year_state sys ON sys.school_id = s.id AND sys.school_year_id = e.school_year_id"
	    " WHERE at.event_id = ? AND at.present = 1 AND sys.state = 'confirmed' ORDER BY s.code";

	return names(db, a, sql, event, out, n);
}
