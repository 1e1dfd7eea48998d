/* store/notice.c - see notice.h */
#include "store/notice.h"
#include "store/sql.h"

#include <string.h>

#define NOTICE_COLUMNS \
	"SELECT n.id, n.district_id, n.school_year_id, y.label, n.number, n.title, n.addressee," \
	" n.opening, n.closing, n.issuer, n.issued_on, n.copy_to, n.printer, n.nonstandard_over," \
	" n.state, n.created_at, n.updated_at, coalesce(n.published_at, '')," \
	" coalesce(pa.display_name, '')," \
	" (SELECT count(DISTINCT e.school_id) FROM notice_entry e WHERE e.notice_id = n.id)" \
	" FROM notice n JOIN school_year y ON y.id = n.school_year_id" \
	" LEFT JOIN account pa ON pa.id = n.published_by"

static int
fill(arena *a, sql_stmt *st, void *row)
{
	struct notice_row *v = row;

	v->id = sql_int(st, 0, 0);
	v->district_id = sql_int(st, 1, 0);
	v->year_id = sql_int(st, 2, 0);
	v->year = sql_dup(a, st, 3);
	v->number = sql_dup(a, st, 4);
	v->title = sql_dup(a, st, 5);
	v->addressee = sql_dup(a, st, 6);
	v->opening = sql_dup(a, st, 7);
	v->closing = sql_dup(a, st, 8);
	v->issuer = sql_dup(a, st, 9);
	v->issued_on = sql_dup(a, st, 10);
	v->copy_to = sql_dup(a, st, 11);
	v->printer = sql_dup(a, st, 12);
	v->nonstandard_over = sql_int(st, 13, 0);
	v->state = sql_dup(a, st, 14);
	v->created_at = sql_dup(a, st, 15);
	v->updated_at = sql_dup(a, st, 16);
	v->published_at = sql_dup(a, st, 17);
	v->published_by = sql_dup(a, st, 18);
	v->named = sql_int(st, 19, 0);
	return v->year && v->number && v->title && v->addressee && v->opening && v->closing &&
	    v->issuer && v->issued_on && v->copy_to && v->printer && v->state && v->created_at &&
	    v->updated_at && v->published_at && v->published_by ? 0 : -1;
}

enum db_result
store_notices(struct db *db, arena *a, long long district, long long school,
    struct notice_row **out, size_t *n)
{
	static const char sql[] = NOTICE_COLUMNS
	    " WHERE n.district_id = ?1 AND (?2 = 0 OR (n.state = 'published' AND EXISTS"
	    "  (SELECT 1 FROM notice_entry e WHERE e.notice_id = n.id AND e.school_id = ?2)))"
	    " ORDER BY n.id DESC";
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
store_notice_get(struct db *db, arena *a, long long id, struct notice_row *row)
{
	static const char sql[] = NOTICE_COLUMNS " WHERE n.id = ?";
	sql_stmt *st = db_stmt(db, sql);

	memset(row, 0, sizeof(*row));
	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, id);
	return sql_one(st, a, sizeof(*row), fill, row);
}

enum db_result
store_notice_last(struct db *db, arena *a, long long district, struct notice_row *row)
{
	static const char sql[] = NOTICE_COLUMNS
	    " WHERE n.district_id = ? AND n.number <> '' ORDER BY n.id DESC LIMIT 1";
	sql_stmt *st = db_stmt(db, sql);

	memset(row, 0, sizeof(*row));
	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, district);
	return sql_one(st, a, sizeof(*row), fill, row);
}

enum db_result
store_notice_number_taken(struct db *db, long long district, const char *number, long long except)
{
	static const char sql[] =
	    "SELECT id FROM notice WHERE district_id = ? AND number = ? AND id <> ? LIMIT 1";
	sql_stmt *st = db_stmt(db, sql);
	long long id = 0;

	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, district);
	sql_bind_text(st, 2, number);
	sql_bind_int(st, 3, except);
	return sql_one(st, NULL, sizeof(id), sql_fill_int, &id);
}

/* The text columns ?3..?12 and the threshold ?13 of a write. */
static void
bind_write(sql_stmt *st, const struct notice_write *w)
{
	sql_bind_text(st, 3, w->number);
	sql_bind_text(st, 4, w->title);
	sql_bind_text(st, 5, w->addressee);
	sql_bind_text(st, 6, w->opening);
	sql_bind_text(st, 7, w->closing);
	sql_bind_text(st, 8, w->issuer);
	sql_bind_text(st, 9, w->issued_on);
	sql_bind_text(st, 10, w->copy_to);
	sql_bind_text(st, 11, w->printer);
	sql_bind_int(st, 12, w->nonstandard_over);
}

enum db_result
store_notice_insert(struct db *db, const struct notice_write *w, long long *id)
{
	static const char sql[] =
	    "INSERT INTO notice (district_id, school_year_id, number, title, addressee, opening, closing,"
	    " issuer, issued_on, copy_to, printer, nonstandard_over, created_by)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)";
	sql_stmt *st = db_stmt(db, sql);
	enum db_result r;

	*id = 0;
	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, w->district_id);
	sql_bind_int(st, 2, w->year_id);
	bind_write(st, w);
	sql_bind_int(st, 13, w->account_id);
	if ((r = sql_exec(st)) == DB_OK)
		*id = sql_last_id(db);
	return r;
}

enum db_result
store_notice_update(struct db *db, long long id, const struct notice_write *w)
{
	static const char sql[] =
	    "UPDATE notice SET number = ?3, title = ?4, addressee = ?5, opening = ?6, closing = ?7,"
	    " issuer = ?8, issued_on = ?9, copy_to = ?10, printer = ?11, nonstandard_over = ?12,"
	    " updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
	    " WHERE id = ?1 AND state = 'draft'";
	sql_stmt *st = db_stmt(db, sql);
	enum db_result r;

	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, id);
	bind_write(st, w);
	if ((r = sql_exec(st)) == DB_OK && sql_changes(db) != 1)
		r = DB_NOTFOUND;
	return r;
}

enum db_result
store_notice_delete(struct db *db, long long id)
{
	static const char sql[] = "DELETE FROM notice WHERE id = ? AND state = 'draft'";
	sql_stmt *st = db_stmt(db, sql);
	enum db_result r;

	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, id);
	if ((r = sql_exec(st)) == DB_OK && sql_changes(db) != 1)
		r = DB_NOTFOUND;
	return r;
}

static int
fill_entry(arena *a, sql_stmt *st, void *row)
{
	struct notice_entry *e = row;

	e->section = sql_dup(a, st, 0);
	e->school_id = sql_int(st, 1, 0);
	e->school_name = sql_dup(a, st, 2);
	e->deadline = sql_dup(a, st, 3);
	e->handed_in = sql_dup(a, st, 4);
	e->irregular = sql_int(st, 5, 0);
	e->returned = sql_int(st, 6, 0);
	e->rejected = sql_int(st, 7, 0);
	e->reviewed = sql_int(st, 8, 0);
	e->teacher_year_id = sql_int(st, 9, 0);
	e->staff_no = sql_dup(a, st, 10);
	e->teacher_name = sql_dup(a, st, 11);
	e->category = sql_dup(a, st, 12);
	e->confirmed_tenths = sql_int(st, 13, 0);
	e->threshold_tenths = sql_int(st, 14, 0);
	e->normative_tenths = sql_int(st, 15, 0);
	e->normative_min_tenths = sql_int(st, 16, 0);
	return e->section && e->school_name && e->deadline && e->handed_in && e->staff_no &&
	    e->teacher_name && e->category ? 0 : -1;
}

enum db_result
store_notice_entries(struct db *db, arena *a, long long notice, struct notice_entry **out, size_t *n)
{
	static const char sql[] =
	    "SELECT section, school_id, school_name, deadline, handed_in, irregular, returned, rejected,"
	    " reviewed, coalesce(teacher_year_id, 0), staff_no, teacher_name, category, confirmed_tenths,"
	    " threshold_tenths, normative_tenths, normative_min_tenths FROM notice_entry"
	    " WHERE notice_id = ? ORDER BY CASE section WHEN 'late' THEN 0 WHEN 'nonstandard' THEN 1"
	    " ELSE 2 END, position";
	sql_stmt *st = db_stmt(db, sql);

	*out = NULL;
	*n = 0;
	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, notice);
	return sql_list(st, a, sizeof(**out), fill_entry, (void **)out, n);
}

enum db_result
store_notice_publish(struct db *db, long long id, long long account, const char *at,
    const struct notice_entry *v, size_t n)
{
	static const char state_sql[] =
	    "UPDATE notice SET state = 'published', published_at = ?2, published_by = ?3"
	    " WHERE id = ?1 AND state = 'draft'";
	static const char entry_sql[] =
	    "INSERT INTO notice_entry (notice_id, section, position, school_id, school_name, deadline,"
	    " handed_in, irregular, returned, rejected, reviewed, teacher_year_id, staff_no, teacher_name,"
	    " category, confirmed_tenths, threshold_tenths, normative_tenths, normative_min_tenths)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)";
	sql_stmt *st = db_stmt(db, state_sql);
	enum db_result r;
	long long pos = 0;

	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, id);
	sql_bind_text(st, 2, at);
	sql_bind_int(st, 3, account);
	if ((r = sql_exec(st)) != DB_OK)
		return r;
	if (sql_changes(db) != 1)
		return DB_NOTFOUND;
	for (size_t i = 0; i < n; i++) {
		const struct notice_entry *e = &v[i];
		if (i > 0 && strcmp(e->section, v[i - 1].section) != 0)
			pos = 0;
		if ((st = db_stmt(db, entry_sql)) == NULL)
			return DB_ERROR;
		sql_bind_int(st, 1, id);
		sql_bind_text(st, 2, e->section);
		sql_bind_int(st, 3, ++pos);
		sql_bind_int(st, 4, e->school_id);
		sql_bind_text(st, 5, e->school_name);
		sql_bind_text(st, 6, e->deadline);
		sql_bind_text(st, 7, e->handed_in);
		sql_bind_int(st, 8, e->irregular);
		sql_bind_int(st, 9, e->returned);
		sql_bind_int(st, 10, e->rejected);
		sql_bind_int(st, 11, e->reviewed);
		if (e->teacher_year_id > 0)
			sql_bind_int(st, 12, e->teacher_year_id);
		sql_bind_text(st, 13, e->staff_no);
		sql_bind_text(st, 14, e->teacher_name);
		sql_bind_text(st, 15, e->category);
		sql_bind_int(st, 16, e->confirmed_tenths);
		sql_bind_int(st, 17, e->threshold_tenths);
		sql_bind_int(st, 18, e->normative_tenths);
		sql_bind_int(st, 19, e->normative_min_tenths);
		if ((r = sql_exec(st)) != DB_OK)
			return r;
	}
	return DB_OK;
}

static int
fill_school(arena *a, sql_stmt *st, void *row)
{
	struct notice_school *s = row;

	s->id = sql_int(st, 0, 0);
	s->code = sql_dup(a, st, 1);
	s->name = sql_dup(a, st, 2);
	s->teachers = sql_int(st, 3, 0);
	s->state = sql_dup(a, st, 4);
	s->deadline = sql_dup(a, st, 5);
	s->first_submitted = sql_dup(a, st, 6);
	s->irregular = sql_int(st, 7, 0);
	s->returned = sql_int(st, 8, 0);
	s->rejected = sql_int(st, 9, 0);
	s->reviewed = sql_int(st, 10, 0);
	return s->code && s->name && s->state && s->deadline && s->first_submitted ? 0 : -1;
}

enum db_result
store_notice_schools(struct db *db, arena *a, long long year, struct notice_school **out, size_t *n)
{
	/* The district's decisions per school, counted once per record. */
	static const char sql[] =
	    "WITH d AS (SELECT ty.school_id, rv.record_id, max(rv.decision = 'return') AS ret,"
	    "  max(rv.decision = 'reject') AS rej FROM review rv JOIN record r ON r.id = rv.record_id"
	    "  JOIN teacher_year ty ON ty.id = r.teacher_year_id"
	    "  WHERE ty.school_year_id = ?1 AND rv.stage = 'district' GROUP BY ty.school_id, rv.record_id)"
	    " SELECT s.id, s.code, s.name,"
	    " (SELECT count(*) FROM teacher_year ty WHERE ty.school_id = s.id AND ty.school_year_id = y.id),"
	    " coalesce(sys.state, 'open'),"
	    " max(coalesce(y.school_review_deadline, ''), coalesce((SELECT max(e.until) FROM deadline_extension e"
	    "  WHERE e.school_id = s.id AND e.school_year_id = y.id AND e.kind = 'school_review'), '')),"
	    " coalesce(sys.first_submitted_at, sys.submitted_at, ''),"
	    " (SELECT count(*) FROM d WHERE d.school_id = s.id AND (d.ret OR d.rej)),"
	    " (SELECT count(*) FROM d WHERE d.school_id = s.id AND d.ret),"
	    " (SELECT count(*) FROM d WHERE d.school_id = s.id AND d.rej),"
	    " (SELECT count(*) FROM d WHERE d.school_id = s.id)"
	    " FROM school_year y JOIN school s ON s.district_id = y.district_id AND s.active = 1"
	    " LEFT JOIN school_year_state sys ON sys.school_id = s.id AND sys.school_year_id = y.id"
	    " WHERE y.id = ?1 ORDER BY s.code";
	sql_stmt *st = db_stmt(db, sql);

	*out = NULL;
	*n = 0;
	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, year);
	return sql_list(st, a, sizeof(**out), fill_school, (void **)out, n);
}

static int
fill_teacher(arena *a, sql_stmt *st, void *row)
{
	struct notice_teacher *t = row;

	t->teacher_year_id = sql_int(st, 0, 0);
	t->school_id = sql_int(st, 1, 0);
	t->staff_no = sql_dup(a, st, 2);
	t->name = sql_dup(a, st, 3);
	t->category = sql_dup(a, st, 4);
	return t->staff_no && t->name && t->category ? 0 : -1;
}

enum db_result
store_notice_teachers(struct db *db, arena *a, long long year, struct notice_teacher **out, size_t *n)
{
	static const char sql[] =
	    "SELECT ty.id, ty.school_id, t.staff_no, t.name, ty.category FROM teacher_year ty"
	    " JOIN teacher t ON t.id = ty.teacher_id JOIN school s ON s.id = ty.school_id"
	    " WHERE ty.school_year_id = ? ORDER BY s.code, t.staff_no, t.id";
	sql_stmt *st = db_stmt(db, sql);

	*out = NULL;
	*n = 0;
	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, year);
	return sql_list(st, a, sizeof(**out), fill_teacher, (void **)out, n);
}
