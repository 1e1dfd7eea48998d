/* store/record.c - see record.h */
#include "store/record.h"
#include "store/grow.h"
#include "store/review.h"
#include "store/sql.h"

#include <string.h>

/* DB_OK when st finds a row, DB_NOTFOUND when none; reset. */
static enum db_result
exists(sql_stmt *st)
{
	enum db_result r = DB_OK;
	enum sql_step s = sql_step(st, &r);

	sql_reset(st);
	if (s == SQL_ROW)
		return DB_OK;
	if (s == SQL_DONE)
		return DB_NOTFOUND;
	return r == DB_OK ? DB_ERROR : r;
}

/* A list's end: DB_OK when the loop ended at SQL_DONE, the failure otherwise. */
static enum db_result
list_end(sql_stmt *st, enum sql_step step, enum db_result r, size_t *n)
{
	sql_reset(st);
	if (step != SQL_DONE) {
		*n = 0;
		return r == DB_OK ? DB_ERROR : r;
	}
	return DB_OK;
}
enum db_result
store_record_of_year(struct db *db, long long id, long long ty)
{
	static const char sql[] = "SELECT 1 FROM record WHERE id = ? AND teacher_year_id = ?";
	sql_stmt *st = db_stmt(db, sql);

	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, id);
	sql_bind_int(st, 2, ty);
	return exists(st);
}

enum db_result
store_record_current_year(struct db *db, long long id, long long *ty)
{
	static const char sql[] =
	    "SELECT ty.id FROM record r JOIN teacher_year ty ON ty.id = r.teacher_year_id"
	    " JOIN school_year y ON y.id = ty.school_year_id AND y.is_current = 1"
	    " WHERE r.id = ?";
	sql_stmt *st = db_stmt(db, sql);
	enum db_result r = DB_OK;
	enum sql_step s;

	*ty = 0;
	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, id);
	if ((s = sql_step(st, &r)) == SQL_ROW)
		*ty = sql_int(st, 0, 0);
	sql_reset(st);
	if (s == SQL_FAILED)
		return r == DB_OK ? DB_ERROR : r;
	return *ty > 0 ? DB_OK : DB_NOTFOUND;
}

enum db_result
store_record_view(struct db *db, arena *a, long long id, struct record_view *v)
{
	static const char sql[] =
	    "SELECT r.id, r.state, r.started_on, r.ended_on, r.quantity, r.level, r.certified_tenths,"
	    " r.points, r.addons, r.role, r.certificate_no, r.certificate_on, r.cn_number, r.isbn,"
	    " r.first_author, r.organiser, r.description, r.claimed_tenths, r.created_at,"
	    " r.submitted_at, i.id, i.code, i.category, i.name, i.unit, i.hours_tenths,"
	    " i.rule_type, i.normative, i.conditions, p.name, p.approved, t.id, t.name, r.teacher_year_id,"
	    " r.district_returned, coalesce(sys.state, 'open')"
	    " FROM record r JOIN item i ON i.id = r.item_id"
	    " JOIN teacher_year ty ON ty.id = r.teacher_year_id JOIN teacher t ON t.id = ty.teacher_id"
	    " LEFT JOIN school_year_state sys ON sys.school_id = ty.school_id"
	    "  AND sys.school_year_id = ty.school_year_id"
	    " LEFT JOIN training_project p ON p.id = r.project_id WHERE r.id = ?";
	sql_stmt *st = db_stmt(db, sql);
	enum db_result r = DB_OK;
	enum sql_step s;

	memset(v, 0, sizeof(*v));
	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, id);
	if ((s = sql_step(st, &r)) == SQL_ROW) {
		const char **texts[] = {
			&v->state, &v->started_on, &v->ended_on, &v->level, &v->points, &v->addons,
			&v->role, &v->certificate_no, &v->certificate_on, &v->cn, &v->isbn,
			&v->organiser, &v->description, &v->created_at, &v->submitted_at,
			&v->item_code, &v->item_category, &v->item_name, &v->item_unit, &v->item_rule,
			&v->item_conditions, &v->project, &v->teacher, &v->year_state
		};
		static const int cols[] = { 1, 2, 3, 5, 7, 8, 9, 10, 11, 12, 13, 15, 16, 18, 19,
			21, 22, 23, 24, 26, 28, 29, 32, 35 };
		v->id = sql_int(st, 0, 0);
		v->has_quantity = !sql_null(st, 4);
		v->quantity = sql_int(st, 4, 0);
		v->has_certified = !sql_null(st, 6);
		v->certified_tenths = sql_int(st, 6, 0);
		v->first_author = sql_null(st, 14) ? -1 : sql_int(st, 14, 0) != 0;
		v->claimed_tenths = sql_int(st, 17, 0);
		v->item_id = sql_int(st, 20, 0);
		v->item_hours_tenths = sql_int(st, 25, 0);
		v->item_normative = sql_int(st, 27, 0) != 0;
		v->project_approved = sql_int(st, 30, 0) != 0;
		v->teacher_id = sql_int(st, 31, 0);
		v->teacher_year_id = sql_int(st, 33, 0);
		v->district_returned = sql_int(st, 34, 0) != 0;
		for (size_t i = 0; i < sizeof(cols) / sizeof(cols[0]); i++)
			if ((*texts[i] = sql_dup(a, st, cols[i])) == NULL)
				r = DB_ERROR;
	}
	sql_reset(st);
	if (s == SQL_FAILED)
		return r == DB_OK ? DB_ERROR : r;
	if (s == SQL_DONE)
		return DB_NOTFOUND;
	return r;
}

enum db_result
store_record_evidence(struct db *db, arena *a, long long id, long long district,
    struct record_evidence **out, size_t *n)
{
	static const char sql[] =
	    "SELECT e.id, e.filename, e.kind, f.content_type, f.size, e.sha256,"
	    " (SELECT count(*) FROM evidence o JOIN record r2 ON r2.id = o.record_id"
	    "   JOIN item i2 ON i2.id = r2.item_id JOIN school_year y2 ON y2.id = i2.school_year_id"
	    "   WHERE o.sha256 = e.sha256 AND o.record_id <> e.record_id AND y2.district_id = ?2)"
	    " FROM evidence e JOIN evidence_file f ON f.sha256 = e.sha256 WHERE e.record_id = ?1"
	    " ORDER BY e.id";
	sql_stmt *st = db_stmt(db, sql);
	struct record_evidence *v = NULL;
	size_t cap = 0;
	enum db_result r = DB_OK;
	enum sql_step step;

	*out = NULL;
	*n = 0;
	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, id);
	sql_bind_int(st, 2, district);
	while ((step = sql_step(st, &r)) == SQL_ROW) {
		struct record_evidence *e = store_grow(a, (void **)&v, *n, &cap, sizeof(*v));
		if (e == NULL) {
			r = DB_ERROR;
			break;
		}
		(*n)++;
		e->id = sql_int(st, 0, 0);
		e->filename = sql_dup(a, st, 1);
		e->kind = sql_dup(a, st, 2);
		e->content_type = sql_dup(a, st, 3);
		e->size = sql_int(st, 4, 0);
		e->sha256 = sql_dup(a, st, 5);
		e->used_elsewhere = sql_int(st, 6, 0);
		if (!e->filename || !e->kind || !e->content_type || !e->sha256) {
			r = DB_ERROR;
			break;
		}
	}
	if ((r = list_end(st, step, r, n)) == DB_OK)
		*out = v;
	return r;
}

enum db_result
store_record_first_author_claims(struct db *db, arena *a, long long id,
    struct first_author_claim **out, size_t *n)
{
	static const char sql[] =
	    "SELECT o.id, t.name, s.name, o.state FROM record r"
	    " JOIN teacher_year ty ON ty.id = r.teacher_year_id JOIN school_year y ON y.id = ty.school_year_id,"
	    " record o JOIN teacher_year oty ON oty.id = o.teacher_year_id"
	    " JOIN school_year oy ON oy.id = oty.school_year_id JOIN teacher t ON t.id = oty.teacher_id"
	    " JOIN school s ON s.id = oty.school_id"
	    " WHERE r.id = ?1 AND oy.district_id = y.district_id AND oty.teacher_id <> ty.teacher_id"
	    " AND o.state <> 'draft' AND" REVIEW_SAME_FIRST_AUTHOR_WORK " ORDER BY o.id LIMIT 20";
	sql_stmt *st = db_stmt(db, sql);
	struct first_author_claim *v = NULL;
	size_t cap = 0;
	enum db_result r = DB_OK;
	enum sql_step step;

	*out = NULL;
	*n = 0;
	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, id);
	while ((step = sql_step(st, &r)) == SQL_ROW) {
		struct first_author_claim *o = store_grow(a, (void **)&v, *n, &cap, sizeof(*v));
		if (o == NULL) {
			r = DB_ERROR;
			break;
		}
		(*n)++;
		o->record_id = sql_int(st, 0, 0);
		o->teacher = sql_dup(a, st, 1);
		o->school = sql_dup(a, st, 2);
		o->state = sql_dup(a, st, 3);
		if (!o->teacher || !o->school || !o->state) {
			r = DB_ERROR;
			break;
		}
	}
	if ((r = list_end(st, step, r, n)) == DB_OK)
		*out = v;
	return r;
}

enum db_result
store_record_reviews(struct db *db, arena *a, long long id, struct record_review **out, size_t *n)
{
	static const char sql[] =
	    "SELECT v.stage, v.decision, v.reason, v.at, coalesce(a.display_name, '') FROM review v"
	    " LEFT JOIN account a ON a.id = v.reviewer_id WHERE v.record_id = ? ORDER BY v.id";
	sql_stmt *st = db_stmt(db, sql);
	struct record_review *v = NULL;
	size_t cap = 0;
	enum db_result r = DB_OK;
	enum sql_step step;

	*out = NULL;
	*n = 0;
	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, id);
	while ((step = sql_step(st, &r)) == SQL_ROW) {
		struct record_review *w = store_grow(a, (void **)&v, *n, &cap, sizeof(*v));
		if (w == NULL) {
			r = DB_ERROR;
			break;
		}
		(*n)++;
		w->stage = sql_dup(a, st, 0);
		w->decision = sql_dup(a, st, 1);
		w->reason = sql_dup(a, st, 2);
		w->at = sql_dup(a, st, 3);
		w->by = sql_dup(a, st, 4);
		if (!w->stage || !w->decision || !w->reason || !w->at || !w->by) {
			r = DB_ERROR;
			break;
		}
	}
	if ((r = list_end(st, step, r, n)) == DB_OK)
		*out = v;
	return r;
}

enum db_result
store_year_records(struct db *db, arena *a, long long ty, struct year_record **out, size_t *n)
{
	static const char sql[] =
	    "SELECT r.id, r.state, r.started_on, r.ended_on, r.claimed_tenths, r.organiser,"
	    " i.id, i.code, i.category, i.name, i.unit, i.normative,"
	    " (SELECT v.reason FROM review v WHERE v.record_id = r.id ORDER BY v.id DESC LIMIT 1),"
	    " (SELECT count(*) FROM evidence e WHERE e.record_id = r.id)"
	    " FROM record r JOIN item i ON i.id = r.item_id"
	    " WHERE r.teacher_year_id = ? ORDER BY r.started_on, r.id";
	sql_stmt *st = db_stmt(db, sql);
	struct year_record *v = NULL;
	size_t cap = 0;
	enum db_result r = DB_OK;
	enum sql_step step;

	*out = NULL;
	*n = 0;
	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, ty);
	while ((step = sql_step(st, &r)) == SQL_ROW) {
		struct year_record *y = store_grow(a, (void **)&v, *n, &cap, sizeof(*v));
		if (y == NULL) {
			r = DB_ERROR;
			break;
		}
		(*n)++;
		y->id = sql_int(st, 0, 0);
		y->state = sql_dup(a, st, 1);
		y->started_on = sql_dup(a, st, 2);
		y->ended_on = sql_dup(a, st, 3);
		y->claimed_tenths = sql_int(st, 4, 0);
		y->organiser = sql_dup(a, st, 5);
		y->item_id = sql_int(st, 6, 0);
		y->item_code = sql_dup(a, st, 7);
		y->item_category = sql_dup(a, st, 8);
		y->item_name = sql_dup(a, st, 9);
		y->item_unit = sql_dup(a, st, 10);
		y->item_normative = sql_int(st, 11, 0) != 0;
		y->last_reason = sql_dup(a, st, 12);
		y->evidence = sql_int(st, 13, 0);
		if (!y->state || !y->started_on || !y->ended_on || !y->organiser || !y->item_code ||
		    !y->item_category || !y->item_name || !y->item_unit || !y->last_reason) {
			r = DB_ERROR;
			break;
		}
	}
	if ((r = list_end(st, step, r, n)) == DB_OK)
		*out = v;
	return r;
}

enum db_result
store_evidence_file(struct db *db, arena *a, long long id, struct evidence_file *f)
{
	static const char sql[] =
	    "SELECT e.sha256, e.filename, f.content_type, f.size FROM evidence e"
	    " JOIN evidence_file f ON f.sha256 = e.sha256 WHERE e.id = ?";
	sql_stmt *st = db_stmt(db, sql);
	enum db_result r = DB_OK;
	enum sql_step s;

	memset(f, 0, sizeof(*f));
	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, id);
	if ((s = sql_step(st, &r)) == SQL_ROW) {
		f->sha256 = sql_dup(a, st, 0);
		f->filename = sql_dup(a, st, 1);
		f->content_type = sql_dup(a, st, 2);
		f->size = sql_int(st, 3, 0);
		if (!f->sha256 || !f->filename || !f->content_type)
			r = DB_ERROR;
	}
	sql_reset(st);
	if (s == SQL_FAILED)
		return r == DB_OK ? DB_ERROR : r;
	return s == SQL_DONE ? DB_NOTFOUND : r;
}

enum db_result
store_teacher_year_state(struct db *db, arena *a, long long ty, const char **state)
{
	static const char sql[] =
	    "SELECT coalesce(sys.state, 'open') FROM teacher_year ty"
	    " LEFT JOIN school_year_state sys ON sys.school_id = ty.school_id"
	    " AND sys.school_year_id = ty.school_year_id WHERE ty.id = ?";
	sql_stmt *st = db_stmt(db, sql);
	enum db_result r = DB_OK;
	enum sql_step s;

	*state = "";
	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, ty);
	if ((s = sql_step(st, &r)) == SQL_ROW && (*state = sql_dup(a, st, 0)) == NULL) {
		*state = "";
		r = DB_ERROR;
	}
	sql_reset(st);
	return s == SQL_FAILED ? (r == DB_OK ? DB_ERROR : r) : r;
}

enum db_result
store_record_lock(struct db *db, arena *a, long long id, struct record_lock *l)
{
	static const char sql[] =
	    "SELECT r.state, r.district_returned, coalesce(sys.state, 'open') FROM record r"
	    " JOIN teacher_year ty ON ty.id = r.teacher_year_id"
	    " LEFT JOIN school_year_state sys ON sys.school_id = ty.school_id"
	    " AND sys.school_year_id = ty.school_year_id WHERE r.id = ?";
	sql_stmt *st = db_stmt(db, sql);
	enum db_result r = DB_OK;
	enum sql_step s;

	memset(l, 0, sizeof(*l));
	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, id);
	if ((s = sql_step(st, &r)) == SQL_ROW) {
		l->state = sql_dup(a, st, 0);
		l->district_returned = sql_int(st, 1, 0) != 0;
		l->year_state = sql_dup(a, st, 2);
		if (l->state == NULL || l->year_state == NULL)
			r = DB_ERROR;
	}
	sql_reset(st);
	if (s == SQL_FAILED)
		return r == DB_OK ? DB_ERROR : r;
	return s == SQL_DONE ? DB_NOTFOUND : r;
}

/* One integer from st's one row (0 without a row). */
static enum db_result
one_int(sql_stmt *st, long long *v)
{
	enum db_result r = DB_OK;
	enum sql_step s = sql_step(st, &r);

	*v = 0;
	if (s == SQL_ROW)
		*v = sql_int(st, 0, 0);
	sql_reset(st);
	return s == SQL_FAILED ? (r == DB_OK ? DB_ERROR : r) : DB_OK;
}

enum db_result
store_record_evidence_count(struct db *db, long long id, long long *n)
{
	static const char sql[] = "SELECT count(*) FROM evidence WHERE record_id = ?";
	sql_stmt *st = db_stmt(db, sql);

	*n = 0;
	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, id);
	return one_int(st, n);
}

enum db_result
store_next_bulk_id(struct db *db, long long *id)
{
	static const char sql[] = "SELECT coalesce(max(bulk_id), 0) + 1 FROM record";
	sql_stmt *st = db_stmt(db, sql);

	*id = 0;
	if (st == NULL)
		return DB_ERROR;
	return one_int(st, id);
}

enum db_result
store_record_save(struct db *db, const struct record_write *w, long long record_id, long long *id)
{
	static const char sql_update[] =
	    "UPDATE record SET project_id = ?3, started_on = ?4, ended_on = ?5, quantity = ?6,"
	    " level = ?7, certified_tenths = ?8, points = ?9, addons = ?10, role = ?11,"
	    " certificate_no = ?12, certificate_on = ?13, cn_number = ?14, isbn = ?15,"
	    " first_author = ?16, organiser = ?17, description = ?18, claimed_tenths = ?19,"
	    " state = CASE WHEN ?20 = 'submitted' THEN 'submitted' ELSE state END,"
	    " submitted_at = CASE WHEN ?20 = 'submitted' THEN strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
	    " ELSE submitted_at END, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
	    " WHERE id = ?22 AND teacher_year_id = ?1 AND item_id = ?2 AND ?21 > 0"
	    " AND state IN ('draft', 'returned')";
	static const char sql_insert[] =
	    "INSERT INTO record (teacher_year_id, item_id, project_id, started_on, ended_on, quantity,"
	    " level, certified_tenths, points, addons, role, certificate_no, certificate_on, cn_number,"
	    " isbn, first_author, organiser, description, claimed_tenths, state, created_by, submitted_at,"
	    " bulk_id)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,"
	    " ?19, ?20, ?21, CASE WHEN ?20 = 'submitted' THEN strftime('%Y-%m-%dT%H:%M:%SZ', 'now') END,"
	    " ?23)";
	sql_stmt *st = db_stmt(db, record_id > 0 ? sql_update : sql_insert);
	enum db_result r;

	*id = 0;
	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, w->teacher_year_id);
	if (w->bulk_id > 0 && record_id <= 0)
		sql_bind_int(st, 23, w->bulk_id);
	sql_bind_int(st, 2, w->item_id);
	if (w->project_id > 0)
		sql_bind_int(st, 3, w->project_id);
	sql_bind_text(st, 4, w->started_on);
	sql_bind_text(st, 5, w->ended_on);
	if (w->quantity > 0)
		sql_bind_int(st, 6, w->quantity);
	if (*w->level)
		sql_bind_text(st, 7, w->level);
	if (w->certified_tenths > 0)
		sql_bind_int(st, 8, w->certified_tenths);
	if (*w->points)
		sql_bind_text(st, 9, w->points);
	if (w->addons != NULL)
		sql_bind_text(st, 10, w->addons);
	if (*w->role)
		sql_bind_text(st, 11, w->role);
	sql_bind_text(st, 12, w->certificate_no);
	if (*w->certificate_on)
		sql_bind_text(st, 13, w->certificate_on);
	sql_bind_text(st, 14, w->cn);
	sql_bind_text(st, 15, w->isbn);
	if (w->first_author >= 0)
		sql_bind_int(st, 16, w->first_author);
	sql_bind_text(st, 17, w->organiser ? w->organiser : "");
	sql_bind_text(st, 18, w->description ? w->description : "");
	sql_bind_int(st, 19, w->claimed_tenths);
	sql_bind_text(st, 20, w->state);
	sql_bind_int(st, 21, w->created_by);
	if (record_id > 0)
		sql_bind_int(st, 22, record_id);
	if ((r = sql_exec(st)) != DB_OK)
		return r;
	if (record_id > 0) {
		if (sql_changes(db) != 1)
			return DB_NOTFOUND;
		*id = record_id;
	} else
		*id = sql_last_id(db);
	return DB_OK;
}

enum db_result
store_evidence_add(struct db *db, long long id, const char *sha256, long long size,
    const char *content_type, const char *filename, long long account)
{
	return store_evidence_add_kind(db, id, sha256, size, content_type, filename, account, "file");
}

enum db_result
store_evidence_add_kind(struct db *db, long long id, const char *sha256, long long size,
    const char *content_type, const char *filename, long long account, const char *kind)
{
	static const char sql_file[] =
	    "INSERT OR IGNORE INTO evidence_file (sha256, size, content_type) VALUES (?, ?, ?)";
	static const char sql_ev[] =
	    "INSERT OR IGNORE INTO evidence (record_id, sha256, filename, uploaded_by, kind) VALUES (?, ?, ?, ?, ?)";
	sql_stmt *st = db_stmt(db, sql_file);
	enum db_result r;

	if (st == NULL)
		return DB_ERROR;
	sql_bind_text(st, 1, sha256);
	sql_bind_int(st, 2, size);
	sql_bind_text(st, 3, content_type);
	if ((r = sql_exec(st)) != DB_OK)
		return r;
	if ((st = db_stmt(db, sql_ev)) == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, id);
	sql_bind_text(st, 2, sha256);
	sql_bind_text(st, 3, filename);
	sql_bind_int(st, 4, account);
	sql_bind_text(st, 5, kind);
	return sql_exec(st);
}

enum db_result
store_record_edit(struct db *db, arena *a, long long id, long long ty, struct record_edit *e)
{
	static const char sql[] =
	    "SELECT item_id, state, started_on, ended_on, quantity, level, certified_tenths,"
	    " json_extract(points, '$[0]'), json_extract(points, '$[1]'), json_extract(points, '$[2]'),"
	    " json_extract(points, '$[3]'), CASE WHEN instr(addons, '\"video\"') > 0 THEN 1 ELSE 0 END, role,"
	    " certificate_no, certificate_on, cn_number, isbn, first_author, project_id, organiser,"
	    " description FROM record WHERE id = ? AND teacher_year_id = ?";
	sql_stmt *st = db_stmt(db, sql);
	enum db_result r = DB_OK;
	enum sql_step s;

	memset(e, 0, sizeof(*e));
	if (st == NULL)
		return DB_ERROR;
	sql_bind_int(st, 1, id);
	sql_bind_int(st, 2, ty);
	if ((s = sql_step(st, &r)) == SQL_ROW) {
		const char **texts[] = { &e->state, &e->started_on, &e->ended_on, &e->quantity,
			&e->level, &e->role, &e->certificate_no, &e->certificate_on, &e->cn, &e->isbn,
			&e->project, &e->organiser, &e->description };
		static const int cols[] = { 1, 2, 3, 4, 5, 12, 13, 14, 15, 16, 18, 19, 20 };
		e->item_id = sql_int(st, 0, 0);
		e->has_certified = !sql_null(st, 6);
		e->certified_tenths = sql_int(st, 6, 0);
		for (int i = 0; i < 4; i++)
			if (!sql_null(st, 7 + i) && sql_int(st, 7 + i, 0) >= 0 &&
			    (e->points[i] = sql_dup(a, st, 7 + i)) == NULL)
				r = DB_ERROR;
		e->video = sql_int(st, 11, 0) != 0;
		e->first_author = sql_int(st, 17, 0) != 0;
		for (size_t i = 0; i < sizeof(cols) / sizeof(cols[0]); i++)
			if ((*texts[i] = sql_dup(a, st, cols[i])) == NULL)
				r = DB_ERROR;
	}
	sql_reset(st);
	if (s == SQL_FAILED)
		return r == DB_OK ? DB_ERROR : r;
	return s == SQL_DONE ? DB_NOTFOUND : r;
}
