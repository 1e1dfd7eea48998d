/* records.c - see teacher_pages.h */
#include "teacher_pages.h"
#include "store/sql.h"
#include "core/files.h"
#include "core/render.h"
#include "core/assess.h"
#include "review.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char *
col(sqlite3_stmt *st, int i)
{
	const char *v = (const char *)sqlite3_column_text(st, i);
	return v ? v : "";
}

static const char sql_record[] =
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

static const char sql_evidence[] =
    "SELECT e.id, e.filename, e.kind, f.content_type, f.size, e.sha256,"
    " (SELECT count(*) FROM evidence o JOIN record r2 ON r2.id = o.record_id"
    "   JOIN item i2 ON i2.id = r2.item_id JOIN school_year y2 ON y2.id = i2.school_year_id"
    "   WHERE o.sha256 = e.sha256 AND o.record_id <> e.record_id AND y2.district_id = ?2)"
    " FROM evidence e JOIN evidence_file f ON f.sha256 = e.sha256 WHERE e.record_id = ?1"
    " ORDER BY e.id";

/* Other teachers' claims of the same work as first author (review.h), for reviewers. */
static const char sql_first_author_claims[] =
    "SELECT o.id, t.name, s.name, o.state FROM record r"
    " JOIN teacher_year ty ON ty.id = r.teacher_year_id JOIN school_year y ON y.id = ty.school_year_id,"
    " record o JOIN teacher_year oty ON oty.id = o.teacher_year_id"
    " JOIN school_year oy ON oy.id = oty.school_year_id JOIN teacher t ON t.id = oty.teacher_id"
    " JOIN school s ON s.id = oty.school_id"
    " WHERE r.id = ?1 AND oy.district_id = y.district_id AND oty.teacher_id <> ty.teacher_id"
    " AND o.state <> 'draft' AND" REVIEW_SAME_FIRST_AUTHOR_WORK " ORDER BY o.id LIMIT 20";

static const char sql_reviews[] =
    "SELECT v.stage, v.decision, v.reason, v.at, coalesce(a.display_name, '') FROM review v"
    " LEFT JOIN account a ON a.id = v.reviewer_id WHERE v.record_id = ? ORDER BY v.id";

int
record_page(struct ctx *c, long long id)
{
	xmlNodePtr root = app_page(c, "record"), r, it, ev, rv;
	sqlite3_stmt *st;

	if (root == NULL || (st = db_stmt(c->db, sql_record)) == NULL)
		return 500;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		return 404;
	}
	r = xml_node(root, "record");
	if (r == NULL) {
		sqlite3_reset(st);
		return 500;
	}
	xml_attr_int(r, "id", sqlite3_column_int64(st, 0));
	xml_attr(r, "state", col(st, 1));
	xml_attr(r, "started", col(st, 2));
	xml_attr(r, "ended", col(st, 3));
	if (sqlite3_column_type(st, 4) != SQLITE_NULL)
		xml_attr_int(r, "quantity", sqlite3_column_int64(st, 4));
	if (*col(st, 5))
		xml_attr(r, "level", col(st, 5));
	if (sqlite3_column_type(st, 6) != SQLITE_NULL)
		xml_attr_int(r, "certified-tenths", sqlite3_column_int64(st, 6));
	if (*col(st, 7))
		xml_attr(r, "points", col(st, 7));
	if (*col(st, 8))
		xml_attr(r, "addons", col(st, 8));
	if (*col(st, 9))
		xml_attr(r, "role", col(st, 9));
	if (*col(st, 10))
		xml_attr(r, "certificate-no", col(st, 10));
	if (*col(st, 11))
		xml_attr(r, "certificate-on", col(st, 11));
	if (*col(st, 12))
		xml_attr(r, "cn", col(st, 12));
	if (*col(st, 13))
		xml_attr(r, "isbn", col(st, 13));
	if (sqlite3_column_type(st, 14) != SQLITE_NULL)
		xml_attr(r, "first-author", sqlite3_column_int(st, 14) ? "yes" : "no");
	xml_attr_int(r, "claimed-tenths", sqlite3_column_int64(st, 17));
	xml_attr(r, "created", col(st, 18));
	if (*col(st, 19))
		xml_attr(r, "submitted", col(st, 19));
	xml_attr_int(r, "teacher-year", sqlite3_column_int64(st, 33));
	xml_attr(r, "year-state", col(st, 35));
	if (sqlite3_column_int(st, 34))
		xml_attr(r, "district-returned", "yes");
	if (*col(st, 15))
		xml_text(r, "organiser", col(st, 15));
	if (*col(st, 16))
		xml_text(r, "description", col(st, 16));
	{
		xmlNodePtr t = xml_text(r, "teacher", col(st, 32));
		if (t)
			xml_attr_int(t, "id", sqlite3_column_int64(st, 31));
	}
	it = xml_text(r, "item", col(st, 23));
	if (it != NULL) {
		xml_attr_int(it, "id", sqlite3_column_int64(st, 20));
		xml_attr(it, "code", col(st, 21));
		xml_attr(it, "category", col(st, 22));
		xml_attr(it, "unit", col(st, 24));
		xml_attr_int(it, "hours-tenths", sqlite3_column_int64(st, 25));
		xml_attr(it, "rule", col(st, 26));
		xml_attr(it, "normative", sqlite3_column_int(st, 27) ? "yes" : "no");
	}
	if (*col(st, 28))
		xml_text(r, "conditions", col(st, 28));
	if (*col(st, 29)) {
		xmlNodePtr p = xml_text(r, "project", col(st, 29));
		if (p)
			xml_attr(p, "approved", sqlite3_column_int(st, 30) ? "yes" : "no");
	}
	sqlite3_reset(st);

	if ((ev = xml_node(r, "evidence")) == NULL || (st = db_stmt(c->db, sql_evidence)) == NULL)
		return 500;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, c->user ? c->user->district_id : 0);
	while (sqlite3_step(st) == SQLITE_ROW) {
		xmlNodePtr f = xml_text(ev, "file", col(st, 1));
		if (f == NULL)
			break;
		xml_attr_int(f, "id", sqlite3_column_int64(st, 0));
		xml_attr(f, "kind", col(st, 2));
		xml_attr(f, "type", col(st, 3));
		xml_attr_int(f, "size", sqlite3_column_int64(st, 4));
		xml_attr(f, "sha256", col(st, 5));
		/* The same file used elsewhere in the district: reviewers are told. */
		if (sqlite3_column_int64(st, 6) > 0)
			xml_attr_int(f, "used-elsewhere", sqlite3_column_int64(st, 6));
	}
	sqlite3_reset(st);

	/* The same work claimed as first author by another teacher: reviewers see each claim. */
	if (c->user != NULL && c->user->role != ROLE_NAME_TEACHER) {
		xmlNodePtr claims = NULL;
		if ((st = db_stmt(c->db, sql_first_author_claims)) == NULL)
			return 500;
		sqlite3_bind_int64(st, 1, id);
		while (sqlite3_step(st) == SQLITE_ROW) {
			xmlNodePtr o;
			if (claims == NULL && (claims = xml_node(r, "first-author-claims")) == NULL)
				break;
			if ((o = xml_node(claims, "claim")) == NULL)
				break;
			xml_attr_int(o, "record", sqlite3_column_int64(st, 0));
			xml_attr(o, "teacher", col(st, 1));
			xml_attr(o, "school", col(st, 2));
			xml_attr(o, "state", col(st, 3));
		}
		sqlite3_reset(st);
	}

	/* What the rules count for it, with this year's caps. */
	{
		long long ty = 0;
		struct assessment a;
		const char *tyv = (const char *)xmlGetProp(r, BAD_CAST "teacher-year");
		if (tyv != NULL) {
			ty = atoll(tyv);
			xmlFree((void *)tyv);
		}
		if (ty > 0 && assess_teacher_year(c->db, c->a, ty, &a) == DB_OK)
			for (size_t i = 0; i < a.nlines; i++)
				if (a.lines[i].record_id == id) {
					xmlNodePtr ex = xml_node(root, "explanation");
					if (ex == NULL)
						break;
					xml_attr_int(ex, "claimed-tenths", a.lines[i].claimed_tenths);
					xml_attr_int(ex, "counted-tenths", a.lines[i].counted_tenths);
					xml_attr(ex, "cut", a.lines[i].cut);
					if (a.lines[i].cap_name)
						xml_attr(ex, "cap", a.lines[i].cap_name);
				}
	}
	if ((rv = xml_node(r, "reviews")) == NULL || (st = db_stmt(c->db, sql_reviews)) == NULL)
		return 500;
	sqlite3_bind_int64(st, 1, id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		xmlNodePtr v = xml_node(rv, "review");
		if (v == NULL)
			break;
		xml_attr(v, "stage", col(st, 0));
		xml_attr(v, "decision", col(st, 1));
		xml_attr(v, "at", col(st, 3));
		xml_attr(v, "by", col(st, 4));
		if (*col(st, 2))
			xml_text(v, "reason", col(st, 2));
	}
	sqlite3_reset(st);
	return 200;
}

struct open_file {
	int fd;
};

static void
close_file(void *arg)
{
	struct open_file *f = arg;
	if (f->fd >= 0)
		close(f->fd);
}

/* RFC 5987 encoding of a UTF-8 file name for Content-Disposition. */
static char *
encode_filename(arena *a, const char *name)
{
	size_t n = strlen(name);
	char *out = arena_alloc(a, 3 * n + 1), *o = out;

	if (out == NULL)
		return NULL;
	for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("!#$&+-.^_`|~", *p))
			*o++ = (char)*p;
		else {
			snprintf(o, 4, "%%%02X", *p);
			o += 3;
		}
	}
	*o = '\0';
	return out;
}

int
evidence_send(struct ctx *c, sqlite3_stmt *st)
{
	char path[4200], *body, *disp, *fname;
	const char *sha, *name, *type;
	struct open_file *of;
	struct stat sb;
	ssize_t got;
	size_t size;

	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		return 404;
	}
	sha = arena_strdup(c->a, col(st, 0));
	name = arena_strdup(c->a, col(st, 1));
	type = arena_strdup(c->a, col(st, 2));
	size = (size_t)sqlite3_column_int64(st, 3);
	sqlite3_reset(st);
	if (sha == NULL || name == NULL || type == NULL)
		return 500;
	if (files_path(c->cfg->evidence_dir, sha, path, sizeof(path)) != 0)
		return 404;
	of = arena_alloc(c->a, sizeof(*of));
	if (of == NULL)
		return 500;
	of->fd = open(path, O_RDONLY | O_CLOEXEC);
	if (of->fd < 0)
		return 404;
	arena_defer(c->a, close_file, of);
	if (fstat(of->fd, &sb) != 0 || (size_t)sb.st_size != size || size > (64u << 20))
		return 500;
	body = arena_alloc(c->a, size + 1);
	if (body == NULL)
		return 500;
	got = read(of->fd, body, size);
	if (got < 0 || (size_t)got != size)
		return 500;
	/* Names stored before they were bounded are bounded here too. */
	{
		char safe[4 * FILES_NAME_MAX + 1];
		fname = encode_filename(c->a, files_safe_name(name, safe, sizeof(safe)));
	}
	disp = arena_printf(c->a, "%s; filename=\"evidence\"; filename*=UTF-8''%s",
	    strncmp(type, "image/", 6) == 0 || strcmp(type, "application/pdf") == 0 ?
	    "inline" : "attachment", fname ? fname : "evidence");
	if (disp == NULL)
		return 500;
	http_header_add(c->resp, "Content-Disposition", disp);
	http_header_add(c->resp, "X-Content-Type-Options", "nosniff");
	http_header_add(c->resp, "Content-Security-Policy", "default-src 'none'; sandbox");
	http_header_add(c->resp, "Cache-Control", "private, no-store");
	http_body(c->resp, type, body, size);
	c->raw_body = 1;
	return 200;
}

#include "core/assess.h"

int
assessment_node(struct ctx *c, xmlNodePtr root, long long ty)
{
	struct assessment a;
	enum db_result r = assess_teacher_year(c->db, c->a, ty, &a);

	if (r == DB_NOTFOUND)
		return 200; /* no policy for the year yet: nothing to assess */
	if (r != DB_OK)
		return r == DB_BUSY ? 503 : 500;
	return assess_xml(root, &a) != NULL ? 200 : 500;
}

/* Days from today (the request's clock) to an ISO date; can be negative. */
static long
days_until(long long now, const char *date)
{
	struct tm tm;
	time_t t;

	memset(&tm, 0, sizeof(tm));
	if (sscanf(date, "%d-%d-%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday) != 3)
		return 0;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	tm.tm_hour = 23;
	tm.tm_min = 59;
	t = timegm(&tm);
	return (long)((t - (time_t)now) / 86400);
}

static const char sql_teacher_year[] =
    "SELECT t.id, t.name, t.gender, t.staff_no, t.subject, t.title,"
    " ty.id, ty.category, ty.status, ty.receiving_unit, s.id, s.name,"
    " y.id, y.label, y.starts_on, y.ends_on, y.register_deadline,"
    " y.school_review_deadline, y.district_review_deadline, d.self_registration,"
    " coalesce(sys.state, 'open')"
    " FROM teacher t JOIN district d ON d.id = t.district_id"
    " JOIN school_year y ON y.district_id = d.id AND y.is_current = 1"
    " JOIN teacher_year ty ON ty.teacher_id = t.id AND ty.school_year_id = y.id"
    " JOIN school s ON s.id = ty.school_id"
    " LEFT JOIN school_year_state sys ON sys.school_id = s.id AND sys.school_year_id = y.id"
    " WHERE t.id = ?";

/* <teacher-year> for the caller's current year; *ty gets its id (0: none). */
int
teacher_year_node(struct ctx *c, xmlNodePtr root, long long teacher, long long *ty)
{
	sqlite3_stmt *st = db_stmt(c->db, sql_teacher_year);
	xmlNodePtr n, y;

	*ty = 0;
	if (st == NULL)
		return 500;
	sqlite3_bind_int64(st, 1, teacher);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		return 200; /* not on a roster this year: the page says so */
	}
	n = xml_node(root, "teacher");
	if (n == NULL) {
		sqlite3_reset(st);
		return 500;
	}
	xml_attr_int(n, "id", sqlite3_column_int64(st, 0));
	xml_attr(n, "gender", col(st, 2));
	xml_attr(n, "staff-no", col(st, 3));
	xml_attr(n, "category", col(st, 7));
	xml_attr(n, "status", col(st, 8));
	xml_text(n, "name", col(st, 1));
	xml_text(n, "subject", col(st, 4));
	xml_text(n, "title", col(st, 5));
	if (*col(st, 9))
		xml_text(n, "receiving-unit", col(st, 9));
	{
		xmlNodePtr s = xml_text(n, "school", col(st, 11));
		if (s)
			xml_attr_int(s, "id", sqlite3_column_int64(st, 10));
	}
	*ty = sqlite3_column_int64(st, 6);
	y = xml_node(root, "school-year");
	if (y != NULL) {
		xml_attr_int(y, "id", sqlite3_column_int64(st, 12));
		xml_attr(y, "label", col(st, 13));
		xml_attr(y, "starts", col(st, 14));
		xml_attr(y, "ends", col(st, 15));
		xml_attr(y, "self-registration", sqlite3_column_int(st, 19) ? "yes" : "no");
		xml_attr(y, "school-state", col(st, 20));
		for (int i = 16; i <= 18; i++) {
			static const char *kinds[] = { "register", "school_review", "district_review" };
			if (sqlite3_column_type(st, i) != SQLITE_NULL) {
				xmlNodePtr dl = xml_node(y, "deadline");
				if (dl == NULL)
					continue;
				xml_attr(dl, "kind", kinds[i - 16]);
				xml_attr(dl, "date", col(st, i));
				xml_attr_int(dl, "days-left", days_until(c->now, col(st, i)));
			}
		}
	}
	sqlite3_reset(st);
	return 200;
}

static const char sql_records[] =
    "SELECT r.id, r.state, r.started_on, r.ended_on, r.claimed_tenths, r.organiser,"
    " i.id, i.code, i.category, i.name, i.unit, i.normative,"
    " (SELECT v.reason FROM review v WHERE v.record_id = r.id ORDER BY v.id DESC LIMIT 1),"
    " (SELECT count(*) FROM evidence e WHERE e.record_id = r.id)"
    " FROM record r JOIN item i ON i.id = r.item_id"
    " WHERE r.teacher_year_id = ? ORDER BY r.started_on, r.id";

/* <records> of one teacher-year. */
int
records_node(struct ctx *c, xmlNodePtr root, long long ty)
{
	sqlite3_stmt *st = db_stmt(c->db, sql_records);
	xmlNodePtr list = xml_node(root, "records");
	int rc;

	if (st == NULL || list == NULL)
		return 500;
	sqlite3_bind_int64(st, 1, ty);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		xmlNodePtr r = xml_node(list, "record"), it;
		if (r == NULL)
			break;
		xml_attr_int(r, "id", sqlite3_column_int64(st, 0));
		xml_attr(r, "state", col(st, 1));
		xml_attr(r, "started", col(st, 2));
		xml_attr(r, "ended", col(st, 3));
		xml_attr_int(r, "claimed-tenths", sqlite3_column_int64(st, 4));
		xml_attr_int(r, "evidence", sqlite3_column_int64(st, 13));
		it = xml_text(r, "item", col(st, 9));
		if (it != NULL) {
			xml_attr_int(it, "id", sqlite3_column_int64(st, 6));
			xml_attr(it, "code", col(st, 7));
			xml_attr(it, "category", col(st, 8));
			xml_attr(it, "unit", col(st, 10));
			xml_attr(it, "normative", sqlite3_column_int(st, 11) ? "yes" : "no");
		}
		if (*col(st, 5))
			xml_text(r, "organiser", col(st, 5));
		if ((strcmp(col(st, 1), "returned") == 0 || strcmp(col(st, 1), "rejected") == 0) &&
		    *col(st, 12))
			xml_text(r, "reason", col(st, 12));
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 200 : 500;
}

