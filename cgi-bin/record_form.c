/*
 * record_form.c - registering an activity (登记): the catalogue to choose
 * from, the form that asks exactly what the item's rule needs, and the POST
 * that validates it, computes the claimed hours, checks and stores the
 * evidence, and saves the record (draft or submitted) in one transaction.
 * Shared by the teacher (own records) and the school admin (any teacher of
 * the school): the caller passes the teacher-year it has already scoped.
 */
#include "record_form.h"
#include "store/sql.h"
#include "core/assess.h"
#include "store/audit.h"
#include "core/files.h"
#include "core/form.h"
#include "core/render.h"
#include "domain/rules.h"
#include "domain/workflow.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *
col(sqlite3_stmt *st, int i)
{
	const char *v = (const char *)sqlite3_column_text(st, i);
	return v ? v : "";
}

static const char sql_catalogue[] =
    "SELECT i.id, i.code, i.category, i.name, i.hours_tenths, i.unit, i.rule_type,"
    " i.normative, i.conditions FROM item i"
    " JOIN teacher_year ty ON ty.school_year_id = i.school_year_id"
    " WHERE ty.id = ?1 AND i.active = 1"
    " AND (?2 IS NULL OR instr(i.name, ?2) > 0 OR instr(i.category, ?2) > 0)"
    " ORDER BY i.sort_order, i.id";

/* <catalogue> of the teacher-year's school year, filtered by ?q=. */
static int
catalogue_node(struct ctx *c, xmlNodePtr root, long long ty)
{
	sqlite3_stmt *st = db_stmt(c->db, sql_catalogue);
	xmlNodePtr cat = xml_node(root, "catalogue");
	const char *q = http_query(c->req, "q");

	if (st == NULL || cat == NULL)
		return 500;
	sqlite3_bind_int64(st, 1, ty);
	if (q != NULL && *q != '\0' && strlen(q) <= 64) {
		sqlite3_bind_text(st, 2, q, -1, SQLITE_TRANSIENT);
		xml_attr(cat, "q", q);
	}
	while (sqlite3_step(st) == SQLITE_ROW) {
		xmlNodePtr it = xml_text(cat, "item", col(st, 3));
		if (it == NULL)
			break;
		xml_attr_int(it, "id", sqlite3_column_int64(st, 0));
		xml_attr(it, "code", col(st, 1));
		xml_attr(it, "category", col(st, 2));
		xml_attr_int(it, "hours-tenths", sqlite3_column_int64(st, 4));
		xml_attr(it, "unit", col(st, 5));
		xml_attr(it, "rule", col(st, 6));
		xml_attr(it, "normative", sqlite3_column_int(st, 7) ? "yes" : "no");
	}
	sqlite3_reset(st);
	return 200;
}

/* The item, if it belongs to the teacher-year's catalogue. */
static int
item_for(struct ctx *c, long long ty, long long item_id, struct item_row *it)
{
	static const char sql[] =
	    "SELECT 1 FROM item i JOIN teacher_year ty ON ty.school_year_id = i.school_year_id"
	    " WHERE ty.id = ? AND i.id = ? AND i.active = 1";
	sqlite3_stmt *st = db_stmt(c->db, sql);
	int found;

	if (st == NULL)
		return 500;
	sqlite3_bind_int64(st, 1, ty);
	sqlite3_bind_int64(st, 2, item_id);
	found = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	if (!found)
		return 404;
	return assess_load_item(c->db, c->a, item_id, it) == DB_OK ? 200 : 500;
}

static void
item_node(struct ctx *c, xmlNodePtr root, const struct item_row *it, long long ty)
{
	static const char *levels[] = { "school", "district", "city", "province", "national" };
	static const char sql_projects[] =
	    "SELECT p.id, p.name, p.approved, coalesce(p.max_participants, 0), p.organiser"
	    " FROM training_project p"
	    " JOIN teacher_year ty ON ty.school_year_id = p.school_year_id"
	    " WHERE ty.id = ? ORDER BY p.approved DESC, p.name";
	xmlNodePtr n = xml_text(root, "item", it->name);
	sqlite3_stmt *st;

	if (n == NULL)
		return;
	xml_attr_int(n, "id", it->id);
	xml_attr(n, "code", it->code);
	xml_attr(n, "category", it->category);
	xml_attr(n, "unit", it->unit);
	xml_attr(n, "rule", it->rule_type);
	xml_attr(n, "asks", it->asks);
	xml_attr_int(n, "hours-tenths", it->hours_tenths);
	xml_attr(n, "normative", it->normative ? "yes" : "no");
	if (it->needs_project)
		xml_attr(n, "needs-project", "yes");
	if (strcmp(it->rule_type, "tiered_level") == 0)
		for (int i = 0; i < 5; i++)
			if (it->tiers[i] > 0) {
				xmlNodePtr t = xml_node(n, "tier");
				if (t) {
					xml_attr(t, "level", levels[i]);
					xml_attr_int(t, "hours-tenths", it->tiers[i]);
				}
			}
	if (strcmp(it->rule_type, "roster") == 0 && it->addon_video > 0) {
		xmlNodePtr t = xml_node(n, "addon");
		if (t) {
			xml_attr(t, "name", "video");
			xml_attr_int(t, "hours-tenths", it->addon_video);
		}
	}
	if (strcmp(it->rule_type, "participant_limit") == 0)
		xml_attr(n, "participant-role", it->participant_role);
	/* Training classes: the excellent-trainee quota needs the class and its size. */
	if (strcmp(it->rule_type, "trainee_multiplier") == 0) {
		xml_attr(n, "asks-class", "yes");
		xml_attr_int(n, "quota-percent", it->quota_percent);
	}
	if ((it->needs_project || strcmp(it->rule_type, "trainee_multiplier") == 0) &&
	    (st = db_stmt(c->db, sql_projects)) != NULL) {
		sqlite3_bind_int64(st, 1, ty);
		while (sqlite3_step(st) == SQLITE_ROW) {
			xmlNodePtr p = xml_text(n, "project", col(st, 1));
			if (p) {
				xml_attr_int(p, "id", sqlite3_column_int64(st, 0));
				xml_attr(p, "approved", sqlite3_column_int(st, 2) ? "yes" : "no");
				if (sqlite3_column_int64(st, 3) > 0)
					xml_attr_int(p, "class-size", sqlite3_column_int64(st, 3));
				if (*col(st, 4))
					xml_attr(p, "organiser", col(st, 4));
			}
		}
		sqlite3_reset(st);
	}
}

int
record_form_get(struct ctx *c, long long ty, const char *base)
{
	xmlNodePtr root = app_page(c, "record-new");
	const char *item = http_query(c->req, "item");
	struct item_row it;
	long long item_id = 0;
	struct form f;
	int status;

	if (root == NULL)
		return 500;
	xml_attr(root, "base", base);
	xml_attr_int(root, "teacher-year", ty);
	if (item == NULL)
		return catalogue_node(c, root, ty);
	item_id = atoll(item);
	if ((status = item_for(c, ty, item_id, &it)) != 200)
		return status;
	item_node(c, root, &it, ty);
	form_begin(&f, c, "record");
	return 200;
}

/* Hours as typed ("12", "12.5"): tenths, or -1 after an error. */
static long long
form_hours(struct form *f, const char *name)
{
	const char *v = form_text(f, name, 1, 8, 0, 0);
	long long whole = 0, tenth = 0;
	const char *p;

	if (v == NULL)
		return -1;
	for (p = v; *p >= '0' && *p <= '9'; p++)
		whole = whole * 10 + (*p - '0');
	if (p == v || whole > 10000)
		goto bad;
	if (*p == '.') {
		p++;
		if (*p < '0' || *p > '9')
			goto bad;
		tenth = *p++ - '0';
	}
	if (*p != '\0')
		goto bad;
	return whole * 10 + tenth;
bad:
	form_error(f, name, "bad_hours");
	return -1;
}

/* "CN 11-1234/G4": the journal's national serial number. */
static int
cn_valid(const char *s)
{
	const char *p = s;

	if (strncmp(p, "CN", 2) != 0)
		return 0;
	p += 2;
	if (*p == ' ')
		p++;
	for (int i = 0; i < 2; i++, p++)
		if (*p < '0' || *p > '9')
			return 0;
	if (*p++ != '-')
		return 0;
	for (int i = 0; i < 4; i++, p++)
		if (*p < '0' || *p > '9')
			return 0;
	if (*p == '/') {
		p++;
		if (!((*p >= 'A' && *p <= 'Z')))
			return 0;
		while ((*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9'))
			p++;
	}
	return *p == '\0';
}

/* ISBN-13 with its check digit (hyphens and spaces allowed). */
static int
isbn_valid(const char *s)
{
	int digits[13], n = 0, sum = 0;

	if (strncmp(s, "ISBN", 4) == 0)
		s += 4;
	for (; *s; s++) {
		if (*s >= '0' && *s <= '9') {
			if (n == 13)
				return 0;
			digits[n++] = *s - '0';
		} else if (*s != '-' && *s != ' ')
			return 0;
	}
	if (n != 13 || !(digits[0] == 9 && digits[1] == 7 && (digits[2] == 8 || digits[2] == 9)))
		return 0;
	for (int i = 0; i < 12; i++)
		sum += digits[i] * (i % 2 ? 3 : 1);
	return (10 - sum % 10) % 10 == digits[12];
}

int
record_cn_valid(const char *s)
{
	return cn_valid(s);
}

int
record_isbn_valid(const char *s)
{
	return isbn_valid(s);
}

static int
asks(const struct item_row *it, const char *what)
{
	const char *p = it->asks;
	size_t n = strlen(what);

	while ((p = strstr(p, what)) != NULL) {
		if ((p == it->asks || p[-1] == ' ') && (p[n] == '\0' || p[n] == ' '))
			return 1;
		p += n;
	}
	return 0;
}

static enum db_result
store_evidence(struct ctx *c, long long record, const struct http_file *f,
    const struct evidence_info *info)
{
	static const char sql_file[] =
	    "INSERT OR IGNORE INTO evidence_file (sha256, size, content_type) VALUES (?, ?, ?)";
	static const char sql_ev[] =
	    "INSERT OR IGNORE INTO evidence (record_id, sha256, filename, uploaded_by) VALUES (?, ?, ?, ?)";
	sqlite3_stmt *st;
	int rc;

	if (files_store(c->cfg->evidence_dir, f->path, info) != FILES_OK)
		return DB_ERROR;
	if ((st = db_stmt(c->db, sql_file)) == NULL)
		return DB_ERROR;
	sqlite3_bind_text(st, 1, info->sha256, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)info->size);
	sqlite3_bind_text(st, 3, info->content_type, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_result_of(rc);
	if ((st = db_stmt(c->db, sql_ev)) == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, record);
	sqlite3_bind_text(st, 2, info->sha256, -1, SQLITE_TRANSIENT);
	{
		char name[4 * FILES_NAME_MAX + 1];
		sqlite3_bind_text(st, 3, files_safe_name(f->filename, name, sizeof(name)), -1,
		    SQLITE_TRANSIENT);
	}
	sqlite3_bind_int64(st, 4, c->user->id);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return db_result_of(rc);
}

/*
 * The hours the rules would count, cap effects included: called inside the
 * transaction that has just saved the record exactly as saving would (the
 * same statement, as submitted), it assesses the year, rolls everything
 * back and puts <preview/> in the form. Nothing is kept.
 */
static int
preview(struct ctx *c, long long ty, long long id, long long claimed, xmlNodePtr formnode)
{
	struct assessment a;
	enum db_result dr;
	xmlNodePtr p;

	dr = assess_teacher_year(c->db, c->a, ty, &a);
	db_rollback(c->db);
	if (dr != DB_OK)
		return 500;
	if ((p = xml_node(formnode, "preview")) == NULL)
		return 500;
	xml_attr_int(p, "claimed-tenths", claimed);
	for (size_t i = 0; i < a.nlines; i++)
		if (a.lines[i].record_id == id) {
			xml_attr_int(p, "claimed-tenths", a.lines[i].claimed_tenths);
			xml_attr_int(p, "counted-tenths", a.lines[i].counted_tenths);
			xml_attr(p, "cut", a.lines[i].cut);
			if (a.lines[i].cap_name)
				xml_attr(p, "cap", a.lines[i].cap_name);
		}
	xml_attr_int(p, "year-total-tenths", a.confirmed_tenths + a.pending_tenths);
	return 200;
}

/* The form came from the bulk registration page. */
static int
bulk_requested(struct ctx *c)
{
	const char *b = http_form(c->req, "bulk");
	return b != NULL && strcmp(b, "1") == 0;
}

/*
 * Validate the form once and save one record for each of the nty
 * teacher-years (one, or many for a bulk registration: then the records
 * share a new bulk_id and the evidence files are stored once and linked to
 * every record), all in one transaction with one audit entry per record.
 */
static int
save(struct ctx *c, const long long *tys, size_t nty, const char *base, long long district,
    long long record_id, const char *refuse)
{
	long long ty = tys[0], bulk_id = 0;
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
	static const char *const levels[] = { "school", "district", "city", "province", "national" };
	static const char *const trainee_roles[] = { "trainee", "excellent" };
	static const char *const actions[] = { "draft", "submit", "preview" };
	xmlNodePtr root = app_page(c, "record-new");
	struct record_row r;
	struct item_row it;
	struct form f;
	struct evidence_info *infos = NULL;
	const char *organiser, *description, *cn = "", *isbn = "", *field = NULL, *error = NULL;
	long long item_id = 0, claimed = 0, project = 0, id = 0;
	int status, action, first_author = -1;
	char points_json[128] = "", after[200], path[96];
	size_t nfiles = 0;
	sqlite3_stmt *st;
	enum db_result dr;
	int rc;

	if (root == NULL)
		return 500;
	xml_attr(root, "base", base);
	xml_attr_int(root, "teacher-year", ty);
	if (record_id > 0)
		xml_attr(root, "form-action", arena_printf(c->a, "%s/records/%lld/edit", base, record_id));
	form_begin(&f, c, "record");
	if (form_int(&f, "item", 1, 1, 1LL << 53, &item_id) != 0)
		return 422;
	/* Once the school handed its year in (or the district confirmed it), nothing is added. */
	{
		static const char sql_lock[] =
		    "SELECT coalesce(sys.state, 'open') FROM teacher_year ty"
		    " LEFT JOIN school_year_state sys ON sys.school_id = ty.school_id"
		    " AND sys.school_year_id = ty.school_year_id WHERE ty.id = ?";
		int locked = 0;
		if ((st = db_stmt(c->db, sql_lock)) == NULL)
			return 500;
		for (size_t k = 0; k < nty && !locked; k++) {
			sqlite3_bind_int64(st, 1, tys[k]);
			if (sqlite3_step(st) == SQLITE_ROW)
				locked = strcmp((const char *)sqlite3_column_text(st, 0), "open") != 0;
			sqlite3_reset(st);
		}
		if (locked && record_id > 0) {
			/* A record the district returned goes back up while the year is handed in. */
			static const char sql_returned[] =
			    "SELECT r.state, r.district_returned, coalesce(sys.state, 'open') FROM record r"
			    " JOIN teacher_year ty ON ty.id = r.teacher_year_id"
			    " LEFT JOIN school_year_state sys ON sys.school_id = ty.school_id"
			    " AND sys.school_year_id = ty.school_year_id WHERE r.id = ?";
			if ((st = db_stmt(c->db, sql_returned)) == NULL)
				return 500;
			sqlite3_bind_int64(st, 1, record_id);
			if (sqlite3_step(st) == SQLITE_ROW && strcmp(col(st, 2), "submitted") == 0 &&
			    workflow_allowed_handed_in((enum record_state)workflow_state_parse(col(st, 0)),
			    RA_EDIT, c->user->role == ROLE_NAME_TEACHER ? ACTOR_TEACHER : ACTOR_SCHOOL,
			    sqlite3_column_int(st, 1)))
				locked = 0;
			sqlite3_reset(st);
		}
		if (locked) {
			form_error(&f, "item", "year_locked");
			return 409;
		}
	}
	if ((status = item_for(c, ty, item_id, &it)) != 200)
		return status;
	item_node(c, root, &it, ty);

	memset(&r, 0, sizeof(r));
	r.item_id = item_id;
	r.quantity = r.certified_tenths = -1;
	for (int i = 0; i < 4; i++)
		r.points[i] = -1;
	r.level = r.role = r.certificate_no = r.certificate_on = "";
	r.started_on = form_date(&f, "started_on", 1);
	r.ended_on = form_date(&f, "ended_on", 1);
	if (r.started_on && r.ended_on && *r.started_on && *r.ended_on &&
	    strcmp(r.ended_on, r.started_on) < 0)
		form_error(&f, "ended_on", "ends_before_start");
	organiser = form_text(&f, "organiser", 0, 100, 0, 0);
	description = form_text(&f, "description", 0, 1000, 1, 0);
	action = form_choice(&f, "action", 1, actions, 3);

	if (strcmp(it.rule_type, "per_unit") == 0 || strcmp(it.rule_type, "per_term") == 0 ||
	    strcmp(it.rule_type, "tiered_level") == 0)
		form_int(&f, "quantity", 1, 1, 1000, &r.quantity);
	if (strcmp(it.rule_type, "tiered_level") == 0) {
		int k = form_choice(&f, "level", 1, levels, 5);
		r.level = k >= 0 ? levels[k] : "";
	}
	if (strcmp(it.rule_type, "as_certified") == 0)
		r.certified_tenths = form_hours(&f, "certified");
	if (strcmp(it.rule_type, "points_quarters") == 0) {
		static const char *q[] = { "q1", "q2", "q3", "q4" };
		for (int i = 0; i < 4; i++) {
			long long v = -1;
			if (form_int(&f, q[i], 0, 0, 10000000, &v) == 0)
				r.points[i] = v;
		}
		snprintf(points_json, sizeof(points_json), "[%lld,%lld,%lld,%lld]",
		    r.points[0], r.points[1], r.points[2], r.points[3]);
	}
	if (strcmp(it.rule_type, "roster") == 0)
		r.video = http_form(c->req, "video") != NULL;
	if (strcmp(it.rule_type, "trainee_multiplier") == 0) {
		int k = form_choice(&f, "role", 1, trainee_roles, 2);
		r.role = k >= 0 ? trainee_roles[k] : "";
	}
	if (strcmp(it.rule_type, "participant_limit") == 0)
		r.role = it.participant_role;
	if (asks(&it, "certificate") || strcmp(it.rule_type, "once_per_certificate") == 0 ||
	    strcmp(it.rule_type, "participant_limit") == 0) {
		r.certificate_no = form_text(&f, "certificate_no", 1, 64, 0, 0);
		r.certificate_on = form_date(&f, "certificate_on",
		    strcmp(it.rule_type, "once_per_certificate") == 0 ||
		    strcmp(it.rule_type, "participant_limit") == 0);
		if (r.certificate_no == NULL)
			r.certificate_no = "";
		if (r.certificate_on == NULL)
			r.certificate_on = "";
	}
	if (asks(&it, "cn")) {
		cn = form_text(&f, "cn", 1, 32, 0, 0);
		if (cn != NULL && *cn && !cn_valid(cn))
			form_error(&f, "cn", "bad_cn");
		if (cn == NULL)
			cn = "";
	}
	if (asks(&it, "isbn")) {
		isbn = form_text(&f, "isbn", 1, 32, 0, 0);
		if (isbn != NULL && *isbn && !isbn_valid(isbn))
			form_error(&f, "isbn", "bad_isbn");
		if (isbn == NULL)
			isbn = "";
	}
	if (asks(&it, "first_author")) {
		first_author = http_form(c->req, "first_author") != NULL;
		if (!first_author)
			form_error(&f, "first_author", "first_author_only");
	}
	if (it.needs_project || strcmp(it.rule_type, "trainee_multiplier") == 0) {
		static const char sql_project[] =
		    "SELECT 1 FROM training_project p JOIN teacher_year ty ON ty.school_year_id = p.school_year_id"
		    " WHERE ty.id = ? AND p.id = ?";
		/* An excellent trainee needs the class (project) so the quota can be kept. */
		int need = it.needs_project || strcmp(r.role, "excellent") == 0;
		if (form_int(&f, "project", need, 1, 1LL << 53, &project) == 0) {
			int ok;
			if ((st = db_stmt(c->db, sql_project)) == NULL)
				return 500;
			sqlite3_bind_int64(st, 1, ty);
			sqlite3_bind_int64(st, 2, project);
			ok = sqlite3_step(st) == SQLITE_ROW;
			sqlite3_reset(st);
			if (!ok)
				form_error(&f, "project", "invalid");
		}
	}
	/* Activities belong to their school year (a certificate item: its certificate's date). */
	{
		static const char sql_bounds[] =
		    "SELECT y.starts_on, y.ends_on FROM teacher_year ty"
		    " JOIN school_year y ON y.id = ty.school_year_id WHERE ty.id = ?";
		char ys[16] = "", ye[16] = "";
		int by_certificate = strcmp(it.rule_type, "once_per_certificate") == 0 ||
		    strcmp(it.rule_type, "participant_limit") == 0;
		if ((st = db_stmt(c->db, sql_bounds)) == NULL)
			return 500;
		sqlite3_bind_int64(st, 1, ty);
		if (sqlite3_step(st) == SQLITE_ROW) {
			snprintf(ys, sizeof(ys), "%s", col(st, 0));
			snprintf(ye, sizeof(ye), "%s", col(st, 1));
		}
		sqlite3_reset(st);
		if (by_certificate && *r.certificate_on &&
		    rules_in_year(r.certificate_on, r.certificate_on, ys, ye) == RULES_OUTSIDE_YEAR)
			form_error_range(&f, "certificate_on", "outside_year", ys, ye);
		else if (!by_certificate && r.started_on && r.ended_on && *r.started_on &&
		    *r.ended_on && rules_in_year(r.started_on, r.ended_on, ys, ye) == RULES_OUTSIDE_YEAR)
			form_error_range(&f, "started_on", "outside_year", ys, ye);
	}
	/*
	 * Excellent trainees: at most quota_percent of the class (its size is the
	 * project's max_participants). Counted in people, this registration's
	 * teachers included, drafts and rejected records not.
	 */
	if (strcmp(it.rule_type, "trainee_multiplier") == 0 && strcmp(r.role, "excellent") == 0 &&
	    project > 0 && f.errors == 0) {
		static const char sql_quota[] =
		    "SELECT coalesce(p.max_participants, 0), (SELECT count(DISTINCT ty.teacher_id)"
		    "  FROM record r JOIN teacher_year ty ON ty.id = r.teacher_year_id"
		    "  JOIN item i ON i.id = r.item_id WHERE r.project_id = p.id AND r.role = 'excellent'"
		    "  AND i.rule_type = 'trainee_multiplier' AND r.id <> ?2"
		    "  AND r.state IN ('submitted', 'school_approved', 'district_approved'))"
		    " FROM training_project p WHERE p.id = ?1";
		long long size = 0, taken = 0, allowed;
		int quota = it.quota_percent > 0 && it.quota_percent <= 100 ? it.quota_percent : 100;
		if ((st = db_stmt(c->db, sql_quota)) == NULL)
			return 500;
		sqlite3_bind_int64(st, 1, project);
		sqlite3_bind_int64(st, 2, record_id);
		if (sqlite3_step(st) == SQLITE_ROW) {
			size = sqlite3_column_int64(st, 0);
			taken = sqlite3_column_int64(st, 1);
		}
		sqlite3_reset(st);
		allowed = size * quota / 100;
		if (size <= 0)
			form_error(&f, "project", "class_size_unknown");
		else if (action != 0 && taken + (long long)nty > allowed)
			form_error_detail(&f, "role", "excellent_quota",
			    arena_printf(c->a, "%lld / %lld", allowed, size));
	}
	/* Per-term items: at most the terms of the year (policy.terms_per_year). */
	if (strcmp(it.rule_type, "per_term") == 0 && r.quantity > 0) {
		static const char sql_terms[] =
		    "SELECT p.terms_per_year FROM teacher_year ty JOIN policy p"
		    " ON p.school_year_id = ty.school_year_id WHERE ty.id = ?";
		int terms = 0;
		if ((st = db_stmt(c->db, sql_terms)) == NULL)
			return 500;
		sqlite3_bind_int64(st, 1, ty);
		if (sqlite3_step(st) == SQLITE_ROW)
			terms = sqlite3_column_int(st, 0);
		sqlite3_reset(st);
		if (terms > 0 && r.quantity > terms)
			form_error_detail(&f, "quantity", "terms_over", arena_printf(c->a, "%d", terms));
	}
	if (f.errors == 0 && assess_claim(&it, &r, &claimed, &field, &error) != 0)
		form_error(&f, field, error);

	/* Evidence: every file checked before anything is saved. */
	infos = arena_alloc(c->a, (c->req->nfiles + 1) * sizeof(*infos));
	if (infos == NULL)
		return 500;
	for (size_t i = 0; i < c->req->nfiles; i++) {
		const struct http_file *hf = &c->req->files[i];
		enum files_result fr;
		if (strcmp(hf->field, "evidence") != 0)
			continue;
		fr = hf->over_limit ? FILES_TOO_BIG :
		    files_check(hf->path, hf->filename, c->cfg->limits.max_upload, &infos[i]);
		if (fr != FILES_OK) {
			xmlNodePtr e = xml_node(f.node, "form-error");
			f.errors++;
			if (e) {
				xml_attr(e, "field", "evidence");
				xml_attr(e, "code", files_code(fr));
				xml_attr(e, "file", hf->filename);
			}
		} else
			nfiles++;
	}
	if (action == 1 && nfiles == 0 && f.errors == 0 && record_id > 0) {
		static const char sql_ev[] = "SELECT count(*) FROM evidence WHERE record_id = ?";
		if ((st = db_stmt(c->db, sql_ev)) == NULL)
			return 500;
		sqlite3_bind_int64(st, 1, record_id);
		if (sqlite3_step(st) == SQLITE_ROW)
			nfiles = (size_t)sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
	}
	if (action == 1 && nfiles == 0 && f.errors == 0)
		form_error(&f, "evidence", "evidence_required");
	if (refuse != NULL) /* the caller found a problem of its own: show the form, save nothing */
		form_error(&f, "teachers", refuse);
	if (f.errors)
		return 422;
	if (action == 2 && nty > 1)
		action = 1; /* no preview of a bulk registration: it is saved as submitted */
	if ((dr = db_begin(c->db)) != DB_OK)
		return dr == DB_BUSY ? 503 : 500;
	if (nty > 1 || bulk_requested(c)) {
		if ((st = db_stmt(c->db, "SELECT coalesce(max(bulk_id), 0) + 1 FROM record")) == NULL) {
			db_rollback(c->db);
			return 500;
		}
		if (sqlite3_step(st) == SQLITE_ROW)
			bulk_id = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
	}
	for (size_t k = 0; k < nty; k++) {
		ty = tys[k];
		if ((st = db_stmt(c->db, record_id > 0 ? sql_update : sql_insert)) == NULL) {
			db_rollback(c->db);
			return 500;
		}
		sqlite3_bind_int64(st, 1, ty);
		if (bulk_id > 0)
			sqlite3_bind_int64(st, 23, bulk_id);
		sqlite3_bind_int64(st, 2, item_id);
		if (project > 0)
			sqlite3_bind_int64(st, 3, project);
		sqlite3_bind_text(st, 4, r.started_on, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 5, r.ended_on, -1, SQLITE_TRANSIENT);
		if (r.quantity > 0)
			sqlite3_bind_int64(st, 6, r.quantity);
		if (*r.level)
			sqlite3_bind_text(st, 7, r.level, -1, SQLITE_STATIC);
		if (r.certified_tenths > 0)
			sqlite3_bind_int64(st, 8, r.certified_tenths);
		if (points_json[0])
			sqlite3_bind_text(st, 9, points_json, -1, SQLITE_TRANSIENT);
		if (strcmp(it.rule_type, "roster") == 0)
			sqlite3_bind_text(st, 10, r.video ? "[\"video\"]" : "[]", -1, SQLITE_STATIC);
		if (*r.role)
			sqlite3_bind_text(st, 11, r.role, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 12, r.certificate_no, -1, SQLITE_TRANSIENT);
		if (*r.certificate_on)
			sqlite3_bind_text(st, 13, r.certificate_on, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 14, cn, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 15, isbn, -1, SQLITE_TRANSIENT);
		if (first_author >= 0)
			sqlite3_bind_int(st, 16, first_author);
		sqlite3_bind_text(st, 17, organiser ? organiser : "", -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 18, description ? description : "", -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 19, claimed);
		/* A preview saves as a submission would, then rolls back. */
		sqlite3_bind_text(st, 20, action != 0 ? "submitted" : "draft", -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 21, c->user->id);
		if (record_id > 0)
			sqlite3_bind_int64(st, 22, record_id);
		rc = sqlite3_step(st);
		sqlite3_reset(st);
		if ((dr = db_result_of(rc)) != DB_OK) {
			db_rollback(c->db);
			if (bulk_id > 0 && dr != DB_BUSY) {
				/* A bulk registration failed part-way: nothing of it is kept. */
				form_error(&f, "teachers", "bulk_failed");
				return 409;
			}
			return dr == DB_BUSY ? 503 : 500;
		}
		if (record_id > 0 && sqlite3_changes(db_handle(c->db)) != 1) {
			/* Not (or no longer) a draft or a returned record of this year: nothing changes. */
			db_rollback(c->db);
			form_error(&f, "item", "not_allowed");
			return 409;
		}
		id = record_id > 0 ? record_id : sqlite3_last_insert_rowid(db_handle(c->db));
		if (action == 2)
			return preview(c, ty, id, claimed, f.node);
		for (size_t i = 0; i < c->req->nfiles && dr == DB_OK; i++)
			if (strcmp(c->req->files[i].field, "evidence") == 0)
				dr = store_evidence(c, id, &c->req->files[i], &infos[i]);
		snprintf(after, sizeof(after), "{\"state\":\"%s\",\"item\":%lld,\"claimed_tenths\":%lld,\"files\":%zu}",
		    action == 1 ? "submitted" : "draft", item_id, claimed, nfiles);
		if (dr == DB_OK) {
			struct audit_entry e = { 0 };
			e.account_id = c->user->id;
			e.district_id = district;
			e.action = action == 1 ? "record_submit" : record_id > 0 ? "record_edit" : "record_create";
			e.object_type = "record";
			e.object_id = id;
			e.after = after;
			e.client = c->req->remote_addr;
			dr = audit_write(c->db, &e);
		}
		if (dr != DB_OK) {
			db_rollback(c->db);
			if (bulk_id > 0) {
				/* A bulk registration failed part-way: nothing of it is kept. */
				form_error(&f, "teachers", "bulk_failed");
				return dr == DB_BUSY ? 503 : 409;
			}
			return dr == DB_BUSY ? 503 : 500;
		}
	}
	if ((dr = db_commit(c->db)) != DB_OK)
		return dr == DB_BUSY ? 503 : 500;
	if (bulk_id > 0)
		snprintf(path, sizeof(path), "/school/bulk?done=%lld", bulk_id);
	else
		snprintf(path, sizeof(path), "%s/records/%lld", base, id);
	return app_redirect(c, path);
}

int
record_form_post(struct ctx *c, long long ty, const char *base, long long district)
{
	return save(c, &ty, 1, base, district, 0, NULL);
}

int
record_form_edit_post(struct ctx *c, long long ty, const char *base, long long district,
    long long record_id)
{
	return save(c, &ty, 1, base, district, record_id, NULL);
}

/* Echo a stored value into the form as if the user had typed it. */
static void
echo_value(struct form *f, const char *name, const char *value)
{
	xmlNodePtr v;

	if (value != NULL && *value && f->node != NULL && (v = xml_text(f->node, "value", value)) != NULL)
		xml_attr(v, "name", name);
}

int
record_form_edit_get(struct ctx *c, long long ty, const char *base, long long record_id)
{
	static const char sql[] =
	    "SELECT item_id, state, started_on, ended_on, quantity, level, certified_tenths,"
	    " json_extract(points, '$[0]'), json_extract(points, '$[1]'), json_extract(points, '$[2]'),"
	    " json_extract(points, '$[3]'), coalesce(instr(addons, '\"video\"') > 0, 0), role,"
	    " certificate_no, certificate_on, cn_number, isbn, first_author, project_id, organiser,"
	    " description FROM record WHERE id = ? AND teacher_year_id = ?";
	static const char *const names[] = { "q1", "q2", "q3", "q4" };
	xmlNodePtr root = app_page(c, "record-new");
	sqlite3_stmt *st = db_stmt(c->db, sql);
	struct item_row it;
	struct form f;
	char buf[32];
	long long item_id;
	int status;

	if (root == NULL || st == NULL)
		return 500;
	sqlite3_bind_int64(st, 1, record_id);
	sqlite3_bind_int64(st, 2, ty);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		return 404;
	}
	item_id = sqlite3_column_int64(st, 0);
	if (strcmp(col(st, 1), "draft") != 0 && strcmp(col(st, 1), "returned") != 0) {
		sqlite3_reset(st);
		return 409;
	}
	xml_attr(root, "base", base);
	xml_attr_int(root, "teacher-year", ty);
	xml_attr(root, "form-action", arena_printf(c->a, "%s/records/%lld/edit", base, record_id));
	form_begin(&f, c, "record");
	echo_value(&f, "started_on", col(st, 2));
	echo_value(&f, "ended_on", col(st, 3));
	echo_value(&f, "quantity", col(st, 4));
	echo_value(&f, "level", col(st, 5));
	if (sqlite3_column_type(st, 6) != SQLITE_NULL) {
		long long t = sqlite3_column_int64(st, 6);
		snprintf(buf, sizeof(buf), t % 10 ? "%lld.%lld" : "%lld", t / 10, t % 10);
		echo_value(&f, "certified", buf);
	}
	for (int i = 0; i < 4; i++)
		if (sqlite3_column_type(st, 7 + i) != SQLITE_NULL && sqlite3_column_int64(st, 7 + i) >= 0)
			echo_value(&f, names[i], col(st, 7 + i));
	if (sqlite3_column_int(st, 11))
		echo_value(&f, "video", "1");
	echo_value(&f, "role", col(st, 12));
	echo_value(&f, "certificate_no", col(st, 13));
	echo_value(&f, "certificate_on", col(st, 14));
	echo_value(&f, "cn", col(st, 15));
	echo_value(&f, "isbn", col(st, 16));
	if (sqlite3_column_int(st, 17))
		echo_value(&f, "first_author", "1");
	echo_value(&f, "project", col(st, 18));
	echo_value(&f, "organiser", col(st, 19));
	echo_value(&f, "description", col(st, 20));
	sqlite3_reset(st);
	if ((status = item_for(c, ty, item_id, &it)) != 200)
		return status;
	item_node(c, root, &it, ty);
	return 200;
}

int
record_form_post_many(struct ctx *c, const long long *tys, size_t nty, const char *base,
    long long district, const char *refuse)
{
	return save(c, tys, nty, base, district, 0, refuse);
}
