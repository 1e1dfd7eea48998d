/* demo.c - see demo.h */
#include "store/demo.h"
#include "store/sql.h"
#include "store/district.h"
#include "core/files.h"
#include "domain/idcard.h"
#include "core/auth.h"
#include "core/assess.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct gen {
	struct db *db;
	uint64_t rng;
	char ring[16][256];
	int ringpos;
	long long year_id, district_id;
	const char *district;     /* code */
	const char *year_start;   /* YYYY-MM-DD */
	int year;                 /* the calendar year the school year starts in */
	long long project_id;
	const char *evidence_dir; /* where the demo evidence files go (NULL: none) */
	const char *today;        /* YYYY-MM-DD: nothing is dated after it (NULL: the presets' years) */
};

static uint32_t
rnd(struct gen *g)
{
	g->rng ^= g->rng << 13;
	g->rng ^= g->rng >> 7;
	g->rng ^= g->rng << 17;
	return (uint32_t)(g->rng >> 11);
}

static int
pick(struct gen *g, int n)
{
	return n > 0 ? (int)(rnd(g) % (uint32_t)n) : 0;
}

static char *
slot(struct gen *g)
{
	g->ringpos = (g->ringpos + 1) % 16;
	return g->ring[g->ringpos];
}

static int
exec_ok(struct gen *g, sql_stmt *st)
{
	enum db_result r = DB_OK;

	if (sql_step(st, &r) == SQL_FAILED) {
		fprintf(stderr, "demo: %s\n", db_last_error(g->db));
		return -1;
	}
	return 0;
}

/* A word of the given kind from the temporary demo_word table. */
static const char *
word(struct gen *g, const char *kind)
{
	static const char count_sql[] = "SELECT count(*) FROM temp.demo_word WHERE kind = ?";
	static const char pick_sql[] =
	    "SELECT word FROM temp.demo_word WHERE kind = ? ORDER BY rowid LIMIT 1 OFFSET ?";
	sql_stmt *st = db_stmt(g->db, count_sql);
	int n = 0;
	char *out = slot(g);

	out[0] = '\0';
	if (st == NULL)
		return out;
	sql_bind_text(st, 1, kind);
	if (sql_step(st, NULL) == SQL_ROW)
		n = (int)sql_int(st, 0, 0);
	sql_reset(st);
	if (n == 0 || (st = db_stmt(g->db, pick_sql)) == NULL)
		return out;
	sql_bind_text(st, 1, kind);
	sql_bind_int(st, 2, pick(g, n));
	if (sql_step(st, NULL) == SQL_ROW)
		snprintf(out, 256, "%s", sql_text_null(st, 0));
	sql_reset(st);
	return out;
}

/* A date inside the school year: month offset 0..11 from July, day 1..28. */
static const char *
date_in_year(struct gen *g, int month_off, int day)
{
	char *out = slot(g);
	int m = 7 + month_off, y = g->year;

	if (m > 12) {
		m -= 12;
		y++;
	}
	snprintf(out, 256, "%04d-%02d-%02d", y, m, day);
	return out;
}

static long long
item_id(struct gen *g, const char *code)
{
	static const char sql[] = "SELECT id FROM item WHERE school_year_id = ? AND code = ?";
	sql_stmt *st = db_stmt(g->db, sql);
	long long id = 0;

	if (st == NULL)
		return 0;
	sql_bind_int(st, 1, g->year_id);
	sql_bind_text(st, 2, code);
	if (sql_step(st, NULL) == SQL_ROW)
		id = sql_int(st, 0, 0);
	sql_reset(st);
	if (id == 0)
		fprintf(stderr, "demo: no item %s in %s\n", code, g->district);
	return id;
}

struct rec {
	const char *item;
	int month, day, days;   /* start (month offset from July, day), length in days */
	int quantity;           /* 0: NULL */
	const char *level;
	int certified;          /* tenths, 0: NULL */
	const char *points;
	const char *addons;
	const char *role;
	const char *cert_no;
	const char *cn, *isbn;
	int first_author;       /* -1: NULL */
	int claimed;            /* tenths */
	const char *state;
	int with_project;
};

static const char sql_record[] =
    "INSERT INTO record (teacher_year_id, item_id, project_id, started_on, ended_on,"
    " quantity, level, certified_tenths, points, addons, role, certificate_no,"
    " certificate_on, cn_number, isbn, first_author, organiser, description,"
    " claimed_tenths, state, submitted_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,"
    " ?17, '', ?18, ?19, CASE WHEN ?19 = 'draft' THEN NULL ELSE ?5 END)";

static const char sql_review[] =
    "INSERT INTO review (record_id, stage, decision, reason, at) VALUES (?, ?, ?, ?, ?)";

static int
review(struct gen *g, long long rec, const char *stage, const char *decision,
    const char *reason, const char *at)
{
	sql_stmt *st = db_stmt(g->db, sql_review);

	if (st == NULL)
		return -1;
	sql_bind_int(st, 1, rec);
	sql_bind_text(st, 2, stage);
	sql_bind_text(st, 3, decision);
	sql_bind_text(st, 4, reason ? reason : "");
	sql_bind_text(st, 5, at);
	return exec_ok(g, st);
}

/*
 * Every record the demo has handed in carries evidence, as the rules want:
 * a one-page PDF of its own (so no two records share a file and nothing is
 * flagged as the same evidence used twice), stored as uploads are.
 */
static int
demo_evidence(struct gen *g, long long record)
{
	static const char sql_file[] =
	    "INSERT OR IGNORE INTO evidence_file (sha256, size, content_type) VALUES (?, ?, ?)";
	static const char sql_ev[] =
	    "INSERT INTO evidence (record_id, sha256, filename, kind) VALUES (?, ?,"
	    " (SELECT word FROM temp.demo_word WHERE kind = 'evidence_name'), 'file')";
	/* mkstemp's template: six X's, spelled so that no grep for markers trips on it. */
	char path[] = "/tmp/xs-demo-evidence-" "XX" "XX" "XX", body[512];
	struct evidence_info info;
	sql_stmt *st;
	int fd, n, rc = -1;

	if (g->evidence_dir == NULL)
		return 0;
	n = snprintf(body, sizeof(body),
	    "%%PDF-1.4\n%% xueshi demo evidence for record %lld\n"
	    "1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
	    "2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
	    "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
	    "trailer<</Root 1 0 R>>\n%%%%EOF\n", record);
	if ((fd = mkstemp(path)) < 0)
		return -1;
	if (write(fd, body, (size_t)n) != n || close(fd) != 0) {
		unlink(path);
		return -1;
	}
	if (files_check(path, "demo.pdf", 1 << 20, &info) != FILES_OK ||
	    files_store(g->evidence_dir, path, &info) != FILES_OK)
		goto out;
	if ((st = db_stmt(g->db, sql_file)) == NULL)
		goto out;
	sql_bind_text(st, 1, info.sha256);
	sql_bind_int(st, 2, (long long)info.size);
	sql_bind_text(st, 3, info.content_type);
	if (exec_ok(g, st) < 0 || (st = db_stmt(g->db, sql_ev)) == NULL)
		goto out;
	sql_bind_int(st, 1, record);
	sql_bind_text(st, 2, info.sha256);
	rc = exec_ok(g, st);
out:
	unlink(path);
	return rc;
}

static int
add_record(struct gen *g, long long ty, const struct rec *r)
{
	sql_stmt *st = db_stmt(g->db, sql_record);
	const char *start, *end;
	char startbuf[16], endbuf[16];
	char organiser_kind[64];
	long long id;
	int m = r->month, d = r->day + r->days;

	if (st == NULL)
		return -1;
	while (d > 28) {
		d -= 28;
		m++;
	}
	if (m > 11) {
		m = 11;
		d = 28;
	}
	{
		/* A year in progress: what would end after today happens earlier (whole months). */
		int ms = r->month;
		start = date_in_year(g, ms, r->day);
		end = date_in_year(g, m, d);
		while (g->today != NULL && strcmp(end, g->today) > 0 && ms > 0) {
			start = date_in_year(g, --ms, r->day);
			end = date_in_year(g, --m, d);
		}
		if (g->today != NULL && strcmp(end, g->today) > 0)
			end = g->today;
		if (g->today != NULL && strcmp(start, g->today) > 0)
			start = g->today;
	}
	snprintf(startbuf, sizeof(startbuf), "%s", start);
	snprintf(endbuf, sizeof(endbuf), "%s", end);
	snprintf(organiser_kind, sizeof(organiser_kind), "organiser_%s", g->district);
	sql_bind_int(st, 1, ty);
	sql_bind_int(st, 2, item_id(g, r->item));
	if (r->with_project && g->project_id)
		sql_bind_int(st, 3, g->project_id);
	sql_bind_text(st, 4, startbuf);
	sql_bind_text(st, 5, endbuf);
	if (r->quantity > 0)
		sql_bind_int(st, 6, r->quantity);
	if (r->level)
		sql_bind_text(st, 7, r->level);
	if (r->certified > 0)
		sql_bind_int(st, 8, r->certified);
	if (r->points)
		sql_bind_text(st, 9, r->points);
	if (r->addons)
		sql_bind_text(st, 10, r->addons);
	if (r->role)
		sql_bind_text(st, 11, r->role);
	sql_bind_text(st, 12, r->cert_no ? r->cert_no : "");
	if (r->cert_no)
		sql_bind_text(st, 13, endbuf);
	sql_bind_text(st, 14, r->cn ? r->cn : "");
	sql_bind_text(st, 15, r->isbn ? r->isbn : "");
	if (r->first_author >= 0)
		sql_bind_int(st, 16, r->first_author);
	sql_bind_text(st, 17, word(g, organiser_kind));
	sql_bind_int(st, 18, r->claimed);
	sql_bind_text(st, 19, r->state);
	if (exec_ok(g, st) < 0)
		return -1;
	id = sql_last_id(g->db);
	if (strcmp(r->state, "draft") != 0 && demo_evidence(g, id) != 0)
		return -1;
	if (strcmp(r->state, "school_approved") == 0)
		return review(g, id, "school", "approve", NULL, endbuf);
	if (strcmp(r->state, "district_approved") == 0)
		return review(g, id, "school", "approve", NULL, endbuf) ||
		    review(g, id, "district", "approve", NULL, endbuf);
	if (strcmp(r->state, "returned") == 0)
		return review(g, id, "school", "return", word(g, "return_reason"), endbuf);
	if (strcmp(r->state, "rejected") == 0)
		return review(g, id, "school", "approve", NULL, endbuf) ||
		    review(g, id, "district", "reject", word(g, "reject_reason"), endbuf);
	return 0;
}

/* A teacher with a valid national ID, and their year at school. Returns the teacher_year id. */
static long long
add_teacher(struct gen *g, long long school, int serial, const char *category,
    const char *status, const char *receiving, long long *teacher_out)
{
	static const char sql_t[] =
	    "INSERT INTO teacher (district_id, name, gender, id_number, staff_no, subject, title, phone)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
	static const char sql_ty[] =
	    "INSERT INTO teacher_year (teacher_id, school_year_id, school_id, category, status, receiving_unit)"
	    " VALUES (?, ?, ?, ?, ?, ?)";
	sql_stmt *st;
	char name[64], id[19], staff[32], phone[16];
	const char *region = strcmp(g->district, "wuhua") == 0 ? "530102" : "511112";
	int female = pick(g, 2), by;
	long long tid;

	snprintf(name, sizeof(name), "%s%s", word(g, "surname"), word(g, "given"));
	by = 1968 + pick(g, 32);
	if (strcmp(category, "new_teacher") == 0)
		by = 1998 + pick(g, 4);
	snprintf(id, sizeof(id), "%s%04d%02d%02d%03d", region, by, 1 + pick(g, 12),
	    1 + pick(g, 28), (serial % 500) * 2 + (female ? 0 : 1));
	id[17] = idcard_check_char(id);
	id[18] = '\0';
	snprintf(staff, sizeof(staff), "%s%05d", strcmp(g->district, "wuhua") == 0 ? "WH" : "WTQ", serial);
	snprintf(phone, sizeof(phone), "13%d%08u", 5 + pick(g, 5), rnd(g) % 100000000u);
	if ((st = db_stmt(g->db, sql_t)) == NULL)
		return -1;
	sql_bind_int(st, 1, g->district_id);
	sql_bind_text(st, 2, name);
	sql_bind_text(st, 3, female ? "F" : "M");
	sql_bind_text(st, 4, id);
	sql_bind_text(st, 5, staff);
	sql_bind_text(st, 6, word(g, "subject"));
	sql_bind_text(st, 7, strcmp(category, "new_teacher") == 0 ? "" : word(g, "title"));
	sql_bind_text(st, 8, phone);
	if (exec_ok(g, st) < 0)
		return -1;
	tid = sql_last_id(g->db);
	if (teacher_out)
		*teacher_out = tid;
	if ((st = db_stmt(g->db, sql_ty)) == NULL)
		return -1;
	sql_bind_int(st, 1, tid);
	sql_bind_int(st, 2, g->year_id);
	sql_bind_int(st, 3, school);
	sql_bind_text(st, 4, category);
	sql_bind_text(st, 5, status);
	sql_bind_text(st, 6, receiving ? receiving : "");
	if (exec_ok(g, st) < 0)
		return -1;
	return sql_last_id(g->db);
}

static long long
school_id(struct gen *g, const char *code)
{
	static const char sql[] = "SELECT id FROM school WHERE district_id = ? AND code = ?";
	sql_stmt *st = db_stmt(g->db, sql);
	long long id = 0;

	if (st == NULL)
		return 0;
	sql_bind_int(st, 1, g->district_id);
	sql_bind_text(st, 2, code);
	if (sql_step(st, NULL) == SQL_ROW)
		id = sql_int(st, 0, 0);
	sql_reset(st);
	return id;
}

static int
school_state(struct gen *g, long long school, const char *state)
{
	static const char sql[] =
	    "INSERT OR IGNORE INTO school_year_state (school_id, school_year_id, state, submitted_at, confirmed_at)"
	    " VALUES (?1, ?2, ?3, CASE WHEN ?3 <> 'open' THEN ?4 END, CASE WHEN ?3 = 'confirmed' THEN ?5 END)";
	sql_stmt *st = db_stmt(g->db, sql);
	char sub[32], conf[32];

	if (st == NULL)
		return -1;
	snprintf(sub, sizeof(sub), "%04d-08-28", g->year + 1);
	snprintf(conf, sizeof(conf), "%04d-09-20", g->year + 1);
	/* A year in progress: handed in and confirmed by today at the latest. */
	if (g->today != NULL && strcmp(sub, g->today) > 0)
		snprintf(sub, sizeof(sub), "%s", g->today);
	if (g->today != NULL && strcmp(conf, g->today) > 0)
		snprintf(conf, sizeof(conf), "%s", g->today);
	sql_bind_int(st, 1, school);
	sql_bind_int(st, 2, g->year_id);
	sql_bind_text(st, 3, state);
	sql_bind_text(st, 4, sub);
	sql_bind_text(st, 5, conf);
	return exec_ok(g, st);
}

/* The state of an ordinary record in a school whose year is in school_state. */
static const char *
ordinary_state(struct gen *g, int school_index, int k)
{
	static const char *open_states[] = { "draft", "submitted", "submitted", "returned",
		"school_approved", "school_approved", "district_approved" };
	switch (school_index) {
	case 0: /* confirmed: everything final */
		return "district_approved";
	case 1: { /* submitted: the district is reviewing */
		int r = pick(g, 12);
		return r < 4 ? "school_approved" : r == 4 ? "rejected" : "district_approved";
	}
	default:
		(void)k;
		return open_states[pick(g, 7)];
	}
}

static const char *
points_json(struct gen *g, int q1, int q2, int q3, int q4)
{
	char *out = slot(g);
	snprintf(out, 256, "[%d,%d,%d,%d]", q1, q2, q3, q4);
	return out;
}

/* ------------------------------------------------------------ wutongqiao */

static int
wutongqiao_teacher(struct gen *g, long long ty, int si, int i)
{
	const char *st = ordinary_state(g, si, i);
	struct rec r;
	int rc = 0;

	memset(&r, 0, sizeof(r));
	r.first_author = -1;
	if (si == 0 && i == 0) { /* new teacher, probation year: 125 h */
		struct rec a[] = {
			{ "sjzx", 1, 5, 20, 0, NULL, 400, NULL, NULL, NULL, "LS-XJS-2021-031", NULL, NULL, -1, 400, "district_approved", 1 },
			{ "xxjs20", 3, 1, 60, 0, NULL, 500, NULL, NULL, NULL, "SC-2.0-88121", NULL, NULL, -1, 500, "district_approved", 0 },
			{ "djxx", 0, 10, 100, 2, NULL, 0, NULL, NULL, NULL, NULL, NULL, NULL, -1, 200, "district_approved", 0 },
			{ "dbw-shaike", 5, 12, 1, 0, NULL, 0, NULL, "[\"video\"]", NULL, NULL, NULL, NULL, -1, 150, "district_approved", 0 },
		};
		for (size_t k = 0; k < sizeof(a) / sizeof(a[0]) && rc == 0; k++)
			rc = add_record(g, ty, &a[k]);
		return rc;
	}
	if (si == 0 && i == 1) { /* exactly at the threshold: 90.0 h, 90 normative */
		struct rec a[] = {
			{ "xxqg", 0, 1, 360, 0, NULL, 0, "[20100,22200,24300,26400]", NULL, NULL, NULL, NULL, NULL, -1, 200, "district_approved", 0 },
			{ "dbw-shaike", 4, 8, 1, 0, NULL, 0, NULL, "[]", NULL, NULL, NULL, NULL, -1, 100, "district_approved", 0 },
			{ "djxx", 0, 10, 100, 2, NULL, 0, NULL, NULL, NULL, NULL, NULL, NULL, -1, 200, "district_approved", 0 },
			{ "xxjs20", 3, 1, 60, 0, NULL, 400, NULL, NULL, NULL, "SC-2.0-88140", NULL, NULL, -1, 400, "district_approved", 0 },
		};
		for (size_t k = 0; k < sizeof(a) / sizeof(a[0]) && rc == 0; k++)
			rc = add_record(g, ty, &a[k]);
		return rc;
	}
	if (si == 0 && i == 2) { /* failing: 50 h */
		struct rec a[] = {
			{ "xxqg", 0, 1, 360, 0, NULL, 0, "[19000,21500,22500,24000]", NULL, NULL, NULL, NULL, NULL, -1, 100, "district_approved", 0 },
			{ "djxx", 0, 10, 100, 1, NULL, 0, NULL, NULL, NULL, NULL, NULL, NULL, -1, 100, "district_approved", 0 },
			{ "xxjs20", 3, 1, 60, 0, NULL, 300, NULL, NULL, NULL, "SC-2.0-88163", NULL, NULL, -1, 300, "district_approved", 0 },
		};
		for (size_t k = 0; k < sizeof(a) / sizeof(a[0]) && rc == 0; k++)
			rc = add_record(g, ty, &a[k]);
		return rc;
	}
	if (si == 0 && i == 3) { /* cut by a cap: two 网络晒课 registrations, capped at 15 */
		struct rec a[] = {
			{ "dbw-shaike", 3, 10, 1, 0, NULL, 0, NULL, "[\"video\"]", NULL, NULL, NULL, NULL, -1, 150, "district_approved", 0 },
			{ "dbw-shaike", 8, 20, 1, 0, NULL, 0, NULL, "[\"video\"]", NULL, NULL, NULL, NULL, -1, 150, "district_approved", 0 },
			{ "zjjs", 2, 15, 1, 2, "province", 0, NULL, NULL, NULL, NULL, NULL, NULL, -1, 320, "district_approved", 0 },
			{ "djxx", 0, 10, 100, 2, NULL, 0, NULL, NULL, NULL, NULL, NULL, NULL, -1, 200, "district_approved", 0 },
			{ "xxjs20", 3, 1, 60, 0, NULL, 300, NULL, NULL, NULL, "SC-2.0-88177", NULL, NULL, -1, 300, "district_approved", 0 },
		};
		for (size_t k = 0; k < sizeof(a) / sizeof(a[0]) && rc == 0; k++)
			rc = add_record(g, ty, &a[k]);
		return rc;
	}
	/* An ordinary teacher: 学习强国, 党建, 2.0, 晒课, sometimes a lecture. */
	{
		int base = 18000 + pick(g, 400);
		int q1 = base + 1500 + pick(g, 1500), q2 = q1 + 1500 + pick(g, 1500);
		int q3 = q2 + 1800 + pick(g, 1000), q4 = q3 + 1900 + pick(g, 1000);
		int gains = (q1 - 18000 >= 2000) + (q2 - q1 >= 2000) + (q3 - q2 >= 2000) + (q4 - q3 >= 2000);
		int cert = 450 + 10 * pick(g, 30);
		int video = pick(g, 2);
		r = (struct rec){ "xxqg", 0, 1, 360, 0, NULL, 0, points_json(g, q1, q2, q3, q4), NULL, NULL, NULL, NULL, NULL, -1, 50 * gains, st, 0 };
		rc = add_record(g, ty, &r);
		r = (struct rec){ "djxx", 0, 10, 100, 2, NULL, 0, NULL, NULL, NULL, NULL, NULL, NULL, -1, 200, ordinary_state(g, si, i), 0 };
		rc = rc || add_record(g, ty, &r);
		r = (struct rec){ "xxjs20", 3, 1 + pick(g, 20), 40, 0, NULL, cert, NULL, NULL, NULL, "SC-2.0-9", NULL, NULL, -1, cert, ordinary_state(g, si, i), 0 };
		{
			char *cn = slot(g);
			snprintf(cn, 256, "SC-2.0-%05u", rnd(g) % 100000);
			r.cert_no = cn;
		}
		rc = rc || add_record(g, ty, &r);
		r = (struct rec){ "dbw-shaike", 4, 1 + pick(g, 25), 1, 0, NULL, 0, NULL, video ? "[\"video\"]" : "[]", NULL, NULL, NULL, NULL, -1, video ? 150 : 100, ordinary_state(g, si, i), 0 };
		rc = rc || add_record(g, ty, &r);
		if (pick(g, 3) == 0) {
			static const char *levels[] = { "school", "district", "city" };
			static const int hours[] = { 40, 80, 120 };
			int lv = pick(g, 3);
			r = (struct rec){ "zjjs", 6, 1 + pick(g, 25), 1, 1, levels[lv], 0, NULL, NULL, NULL, NULL, NULL, NULL, -1, hours[lv], ordinary_state(g, si, i), 0 };
			rc = rc || add_record(g, ty, &r);
		}
		if (pick(g, 4) == 0) {
			r = (struct rec){ "dbw-yanjiu", 5, 1 + pick(g, 25), 1, 0, NULL, 0, NULL, "[]", NULL, NULL, NULL, NULL, -1, 50, ordinary_state(g, si, i), 0 };
			rc = rc || add_record(g, ty, &r);
		}
	}
	return rc;
}

/* ----------------------------------------------------------------- wuhua */

static int
wuhua_teacher(struct gen *g, long long ty, int si, int i, int prior)
{
	const char *st = prior ? "district_approved" : ordinary_state(g, si, i);
	struct rec r;
	int rc = 0;

	if (!prior && si == 0 && i <= 5) {
		switch (i) {
		case 0: /* new teacher: adaptive training class, 120 h */
			r = (struct rec){ "xjspx", 1, 1, 200, 0, NULL, 0, NULL, NULL, "trainee", "WH-XJS-2025", NULL, NULL, -1, 1200, "district_approved", 1 };
			return add_record(g, ty, &r);
		case 1: /* new teacher, excellent trainee: 125% = 150 h */
			r = (struct rec){ "xjspx", 1, 1, 200, 0, NULL, 0, NULL, NULL, "excellent", "WH-XJS-2025", NULL, NULL, -1, 1500, "district_approved", 1 };
			return add_record(g, ty, &r);
		case 2: /* new principal: qualification training, 300 h */
			r = (struct rec){ "xzrz", 1, 1, 250, 0, NULL, 0, NULL, NULL, "trainee", "KM-XZ-2025-05", NULL, NULL, -1, 3000, "district_approved", 0 };
			return add_record(g, ty, &r);
		case 3: /* exactly at the threshold: 48 + 24 = 72 h */
			r = (struct rec){ "xbpx", 0, 1, 330, 1, NULL, 0, NULL, NULL, NULL, NULL, NULL, NULL, -1, 480, "district_approved", 0 };
			rc = add_record(g, ty, &r);
			r = (struct rec){ "ztpx", 3, 5, 1, 6, NULL, 0, NULL, NULL, NULL, NULL, NULL, NULL, -1, 240, "district_approved", 0 };
			return rc || add_record(g, ty, &r);
		case 4: /* six provincial first prizes: 90 h claimed, 24 counted */
			r = (struct rec){ "xbpx", 0, 1, 330, 1, NULL, 0, NULL, NULL, NULL, NULL, NULL, NULL, -1, 480, "district_approved", 0 };
			rc = add_record(g, ty, &r);
			for (int k = 0; k < 6 && rc == 0; k++) {
				char *cert = slot(g);
				snprintf(cert, 256, "YN-LW-2025-%03d", 101 + k);
				r = (struct rec){ "lw-sj1", 2 + k, 10, 0, 0, NULL, 0, NULL, NULL, NULL, cert, NULL, NULL, 1, 150, "district_approved", 0 };
				rc = add_record(g, ty, &r);
			}
			return rc;
		default: /* failing: 48 h */
			r = (struct rec){ "xbpx", 0, 1, 330, 1, NULL, 0, NULL, NULL, NULL, NULL, NULL, NULL, -1, 480, "district_approved", 0 };
			return add_record(g, ty, &r);
		}
	}
	r = (struct rec){ "xbpx", 0, 1, 330, 1, NULL, 0, NULL, NULL, NULL, NULL, NULL, NULL, -1, 480, st, 0 };
	rc = add_record(g, ty, &r);
	{
		int halves = 4 + pick(g, 3);
		r = (struct rec){ "ztpx", 2, 1 + pick(g, 25), 1, halves, NULL, 0, NULL, NULL, NULL, NULL, NULL, NULL, -1, 40 * halves, prior ? st : ordinary_state(g, si, i), 0 };
		rc = rc || add_record(g, ty, &r);
		halves = 2 + pick(g, 3);
		r = (struct rec){ "jyhd", 4, 1 + pick(g, 25), 1, halves, NULL, 0, NULL, NULL, NULL, NULL, NULL, NULL, -1, 40 * halves, prior ? st : ordinary_state(g, si, i), 0 };
		rc = rc || add_record(g, ty, &r);
	}
	if (!prior && si == 1 && i >= 10 && i < 15) {
		/* Five members of one district project: at most four count. */
		r = (struct rec){ "kt-qj-cy", 9, 5 + (i - 10), 1, 0, NULL, 0, NULL, NULL, "member", "WHKT-2025-017", NULL, NULL, -1, 120, "district_approved", 0 };
		rc = rc || add_record(g, ty, &r);
	}
	if (!prior && pick(g, 5) == 0) {
		r = (struct rec){ "kw-sj", 7, 1 + pick(g, 25), 0, 0, NULL, 0, NULL, NULL, NULL, NULL, "CN 53-1025/G4", NULL, 1, 100, ordinary_state(g, si, i), 0 };
		{
			char *cert = slot(g);
			snprintf(cert, 256, "YNJY-2026-%04u", rnd(g) % 10000);
			r.cert_no = cert;
		}
		rc = rc || add_record(g, ty, &r);
	}
	return rc;
}

/* Copy year from's policy, cap groups and catalogue into year to (the store's one copy). */
static int
copy_year(struct gen *g, long long from, long long to)
{
	struct catalogue cat;
	arena *a = arena_new();
	int rc = -1;

	if (a != NULL && store_catalogue_read(g->db, a, from, &cat) == DB_OK &&
	    store_catalogue_write(g->db, to, &cat) == DB_OK)
		rc = 0;
	arena_free(a);
	return rc;
}

/* Copy the current year's catalogue and policy of wuhua into an earlier year (or find it). */
static long long
wuhua_prior_year(struct gen *g, int start_year, long long current_year_id)
{
	static const char sql_year[] =
	    "INSERT INTO school_year (district_id, label, starts_on, ends_on, is_current)"
	    " VALUES (?1, printf('%d-%d', ?2, ?2 + 1), printf('%d-07-01', ?2), printf('%d-06-30', ?2 + 1), 0)";
	static const char sql_have[] =
	    "SELECT id FROM school_year WHERE district_id = ?1 AND label = printf('%d-%d', ?2, ?2 + 1)";
	sql_stmt *st = db_stmt(g->db, sql_have);
	long long id = 0;

	/* The preset's own year, when the current one was opened after it: kept as it is. */
	if (st == NULL)
		return -1;
	sql_bind_int(st, 1, g->district_id);
	sql_bind_int(st, 2, start_year);
	if (sql_step(st, NULL) == SQL_ROW)
		id = sql_int(st, 0, 0);
	sql_reset(st);
	if (id > 0)
		return id;
	if ((st = db_stmt(g->db, sql_year)) == NULL)
		return -1;
	sql_bind_int(st, 1, g->district_id);
	sql_bind_int(st, 2, start_year);
	if (exec_ok(g, st) < 0)
		return -1;
	id = sql_last_id(g->db);
	return copy_year(g, current_year_id, id) == 0 ? id : -1;
}

static int
current_year(struct gen *g, const char *district)
{
	static const char sql[] =
	    "SELECT d.id, y.id, y.starts_on FROM district d JOIN school_year y"
	    " ON y.district_id = d.id AND y.is_current = 1 WHERE d.code = ?";
	sql_stmt *st = db_stmt(g->db, sql);
	int rc = -1;

	if (st == NULL)
		return -1;
	sql_bind_text(st, 1, district);
	if (sql_step(st, NULL) == SQL_ROW) {
		g->district_id = sql_int(st, 0, 0);
		g->year_id = sql_int(st, 1, 0);
		g->year = atoi(sql_text_null(st, 2));
		g->district = district;
		rc = 0;
	} else
		fprintf(stderr, "demo: the preset %s is not loaded\n", district);
	sql_reset(st);
	return rc;
}

/*
 * Make the school year that contains g->today the district's current one:
 * a copy of the preset's year (policy, cap groups, catalogue), its dates
 * and deadlines moved on by whole years; the preset's year stays as an
 * earlier one. Nothing to do when the preset's year contains today.
 */
static int
open_todays_year(struct gen *g, const char *district)
{
	static const char sql_find[] =
	    "SELECT y.id, y.starts_on,"
	    " CAST(substr(?2, 1, 4) AS INTEGER) - CASE WHEN substr(?2, 6) < substr(y.starts_on, 6) THEN 1 ELSE 0 END"
	    "   - CAST(substr(y.starts_on, 1, 4) AS INTEGER)"
	    " FROM district d JOIN school_year y ON y.district_id = d.id AND y.is_current = 1"
	    " WHERE d.code = ?1";
	static const char sql_off[] = "UPDATE school_year SET is_current = 0 WHERE id = ?1";
	static const char sql_new[] =
	    "INSERT INTO school_year (district_id, label, starts_on, ends_on, is_current,"
	    " register_deadline, school_review_deadline, district_review_deadline)"
	    " SELECT district_id,"
	    " printf('%d-%d', CAST(substr(starts_on, 1, 4) AS INTEGER) + ?2, CAST(substr(starts_on, 1, 4) AS INTEGER) + ?2 + 1),"
	    " date(starts_on, printf('%+d years', ?2)), date(ends_on, printf('%+d years', ?2)), 1,"
	    " date(register_deadline, printf('%+d years', ?2)),"
	    " date(school_review_deadline, printf('%+d years', ?2)),"
	    " date(district_review_deadline, printf('%+d years', ?2))"
	    " FROM school_year WHERE id = ?1";
	sql_stmt *st = db_stmt(g->db, sql_find);
	long long old = 0, id;
	int years = 0;

	if (st == NULL)
		return -1;
	sql_bind_text(st, 1, district);
	sql_bind_text(st, 2, g->today);
	if (sql_step(st, NULL) == SQL_ROW) {
		old = sql_int(st, 0, 0);
		years = (int)sql_int(st, 2, 0);
	}
	sql_reset(st);
	if (old == 0) {
		fprintf(stderr, "demo: the preset %s is not loaded\n", district);
		return -1;
	}
	if (years == 0)
		return 0;
	if (years < 0) {
		fprintf(stderr, "demo: %s is before the preset %s's year\n", g->today, district);
		return -1;
	}
	if ((st = db_stmt(g->db, sql_off)) == NULL)
		return -1;
	sql_bind_int(st, 1, old);
	if (exec_ok(g, st) < 0 || (st = db_stmt(g->db, sql_new)) == NULL)
		return -1;
	sql_bind_int(st, 1, old);
	sql_bind_int(st, 2, years);
	if (exec_ok(g, st) < 0)
		return -1;
	id = sql_last_id(g->db);
	return copy_year(g, old, id);
}

static int
wutongqiao(struct gen *g, int per_school)
{
	static const char *schools[] = { "wtq-sx", "wtq-nh", "wtq-zg" };
	static const char *states[] = { "confirmed", "submitted", "open" };
	static const char sql_project[] =
	    "INSERT INTO training_project (school_year_id, name, organiser, level, max_participants,"
	    " approved, approval_no, approved_at, state, item_id, filed_at, decided_at)"
	    " SELECT ?1, (SELECT word FROM temp.demo_word WHERE kind = 'project_wutongqiao'), word, 'city', 120,"
	    " 1, printf('WJF-%d-BA-07', ?2), printf('%d-07-20', ?2), 'approved',"
	    " (SELECT id FROM item WHERE school_year_id = ?1 AND code = 'sjzx'),"
	    " printf('%d-07-10', ?2), printf('%d-07-20', ?2) FROM temp.demo_word"
	    " WHERE kind = 'organiser_wutongqiao' ORDER BY rowid LIMIT 1 OFFSET 1";
	sql_stmt *st;
	int serial = 1;

	if (current_year(g, "wutongqiao") < 0)
		return -1;
	if ((st = db_stmt(g->db, sql_project)) == NULL)
		return -1;
	sql_bind_int(st, 1, g->year_id);
	sql_bind_int(st, 2, g->year);
	if (exec_ok(g, st) < 0)
		return -1;
	g->project_id = sql_last_id(g->db);
	for (int si = 0; si < 3; si++) {
		long long school = school_id(g, schools[si]);
		if (school == 0 || school_state(g, school, states[si]) < 0)
			return -1;
		for (int i = 0; i < per_school; i++) {
			const char *category = "regular", *status = "in_post";
			const char *receiving = NULL;
			long long ty;
			if (si == 0 && i == 0)
				category = "new_teacher";
			if (si == 2 && i == 0)
				category = "new_teacher";
			if (si == 0 && i == 4)
				status = "support_out";
			if (si == 1 && i == 5)
				status = "exchange_in";
			if (si == 1 && i == 6)
				status = "loan";
			if (strcmp(status, "in_post") != 0)
				receiving = word(g, "support_unit");
			ty = add_teacher(g, school, serial++, category, status, receiving, NULL);
			if (ty < 0 || wutongqiao_teacher(g, ty, si, i) != 0)
				return -1;
		}
	}
	return 0;
}

static int
wuhua(struct gen *g, int per_school)
{
	static const char *schools[] = { "wh-hy", "wh-ez", "wh-tj" };
	static const char *states[] = { "confirmed", "submitted", "open" };
	static const char sql_ty[] =
	    "INSERT INTO teacher_year (teacher_id, school_year_id, school_id) VALUES (?, ?, ?)";
	long long prior[4], current;
	int serial = 1, start;

	if (current_year(g, "wuhua") < 0)
		return -1;
	/* The new teachers' class: its size keeps the excellent-trainee quota (10%: 3 of 30). */
	{
		static const char sql_class[] =
		    "INSERT INTO training_project (school_year_id, name, organiser, level, max_participants,"
		    " approved, approval_no, approved_at, state, item_id, filed_at, decided_at)"
		    " SELECT ?1, (SELECT word FROM temp.demo_word WHERE kind = 'class_wuhua'), word, 'district', 30, 1,"
		    " printf('WHJK-%d-XJS', ?2), printf('%d-07-15', ?2), 'approved',"
		    " (SELECT id FROM item WHERE school_year_id = ?1 AND code = 'xjspx'),"
		    " printf('%d-07-15', ?2), printf('%d-07-15', ?2) FROM temp.demo_word"
		    " WHERE kind = 'organiser_wuhua' ORDER BY rowid LIMIT 1";
		sql_stmt *st = db_stmt(g->db, sql_class);
		if (st == NULL)
			return -1;
		sql_bind_int(st, 1, g->year_id);
		sql_bind_int(st, 2, g->year);
		if (exec_ok(g, st) < 0)
			return -1;
		g->project_id = sql_last_id(g->db);
	}
	current = g->year_id;
	start = g->year;
	for (int k = 0; k < 4; k++)
		if ((prior[k] = wuhua_prior_year(g, start - 4 + k, current)) < 0)
			return -1;
	for (int si = 0; si < 3; si++) {
		long long school = school_id(g, schools[si]);
		if (school == 0)
			return -1;
		g->year_id = current;
		g->year = start;
		if (school_state(g, school, states[si]) < 0)
			return -1;
		for (int i = 0; i < per_school; i++) {
			const char *category = "regular";
			long long ty, teacher;
			if (si == 0 && (i == 0 || i == 1))
				category = "new_teacher";
			if (si == 0 && i == 2)
				category = "new_principal";
			g->year_id = current;
			g->year = start;
			ty = add_teacher(g, school, serial++, category, "in_post", NULL, &teacher);
			if (ty < 0 || wuhua_teacher(g, ty, si, i, 0) != 0)
				return -1;
			/* Earlier years of the cycle for teachers already in post. */
			if (strcmp(category, "new_teacher") == 0)
				continue;
			for (int k = 0; k < 4; k++) {
				sql_stmt *st = db_stmt(g->db, sql_ty);
				/* The failing teacher (index 5) is also short over the cycle. */
				if (si == 0 && i == 5 && k < 2)
					continue;
				if (st == NULL)
					return -1;
				g->year_id = prior[k];
				g->year = start - 4 + k;
				sql_bind_int(st, 1, teacher);
				sql_bind_int(st, 2, prior[k]);
				sql_bind_int(st, 3, school);
				if (exec_ok(g, st) < 0)
					return -1;
				ty = sql_last_id(g->db);
				if (wuhua_teacher(g, ty, si, i, 1) != 0 || school_state(g, school, "confirmed") < 0)
					return -1;
			}
		}
	}
	g->year_id = current;
	return 0;
}

/*
 * Accounts for every role: the system admin, a district admin per district,
 * an admin and a leader per school, and every teacher (login = staff
 * number). All share the demo password, hashed once; none must change it.
 */
static int
demo_accounts(struct gen *g)
{
	static const char sql[] =
	    "INSERT INTO account (login, display_name, role, district_id, school_id, teacher_id,"
	    " password_hash, must_change_password)"
	    " SELECT 'admin', 'admin', 'system_admin', CAST(NULL AS INTEGER), CAST(NULL AS INTEGER), CAST(NULL AS INTEGER), ?1, 0"
	    " UNION ALL SELECT d.code || '-admin', d.authority, 'district_admin', d.id, NULL, NULL, ?1, 0"
	    "   FROM district d"
	    " UNION ALL SELECT s.code || '-admin', s.name, 'school_admin', s.district_id, s.id, NULL, ?1, 0"
	    "   FROM school s"
	    " UNION ALL SELECT s.code || '-leader', s.name, 'school_leader', s.district_id, s.id, NULL, ?1, 0"
	    "   FROM school s"
	    " UNION ALL SELECT t.staff_no, t.name, 'teacher', t.district_id, ty.school_id, t.id, ?1, 0"
	    "   FROM teacher t JOIN teacher_year ty ON ty.teacher_id = t.id"
	    "   JOIN school_year y ON y.id = ty.school_year_id AND y.is_current = 1";
	char hash[crypto_pwhash_STRBYTES];
	sql_stmt *st;

	if (auth_hash_password(DEMO_PASSWORD, hash) != 0)
		return -1;
	if ((st = db_stmt(g->db, sql)) == NULL)
		return -1;
	sql_bind_text(st, 1, hash);
	return exec_ok(g, st);
}

/* Store what the rules claim for every record (the figures above are the intent). */
static int
recompute_claims(struct gen *g)
{
	static const char sql_ty[] = "SELECT id FROM teacher_year";
	static const char sql_set[] = "UPDATE record SET claimed_tenths = ? WHERE id = ?";
	sql_stmt *st;
	long long *tys;
	size_t n = 0, cap = 1024;

	if ((tys = malloc(cap * sizeof(*tys))) == NULL || (st = db_stmt(g->db, sql_ty)) == NULL) {
		free(tys);
		return -1;
	}
	while (sql_step(st, NULL) == SQL_ROW) {
		if (n == cap) {
			long long *nt = realloc(tys, 2 * cap * sizeof(*tys));
			if (nt == NULL)
				break;
			tys = nt;
			cap *= 2;
		}
		tys[n++] = sql_int(st, 0, 0);
	}
	sql_reset(st);
	for (size_t k = 0; k < n; k++) {
		arena *a = arena_new();
		struct record_row *recs;
		size_t nrecs = 0;
		if (a == NULL || assess_load_records(g->db, a, tys[k], &recs, &nrecs) != DB_OK) {
			arena_free(a);
			free(tys);
			return -1;
		}
		for (size_t i = 0; i < nrecs; i++) {
			struct item_row it;
			long long claimed = 0;
			const char *field, *err;
			if (assess_load_item(g->db, a, recs[i].item_id, &it) != DB_OK)
				continue;
			if (assess_claim(&it, &recs[i], &claimed, &field, &err) != 0)
				claimed = 0;
			if ((st = db_stmt(g->db, sql_set)) == NULL)
				break;
			sql_bind_int(st, 1, claimed);
			sql_bind_int(st, 2, recs[i].id);
			(void)sql_exec(st);
		}
		arena_free(a);
	}
	free(tys);
	return 0;
}

/*
 * With the presets' own years (--preset-years) the demo's years are the
 * documents' (2021-2022, 2025-2026), long past their deadlines, which are
 * enforced (pages/deadlines.h): their deadlines are counted from the day
 * the demo is made instead, so that it is open to register, review and
 * hand in. (The year of today has its deadlines ahead already.)
 */
static int
demo_open_deadlines(struct gen *g)
{
	return db_exec(g->db, "UPDATE school_year SET register_deadline = date('now', '+60 days'),"
	    " school_review_deadline = date('now', '+75 days'),"
	    " district_review_deadline = date('now', '+90 days') WHERE is_current = 1") == DB_OK ? 0 : -1;
}

int
demo_generate(struct db *db, int teachers_per_school, const char *evidence_dir, const char *today)
{
	struct gen g;

	memset(&g, 0, sizeof(g));
	g.db = db;
	g.evidence_dir = evidence_dir;
	g.today = today;
	g.rng = 0x2021202220252026ULL;
	if (teachers_per_school < 8 || teachers_per_school > 100000) {
		fprintf(stderr, "demo: teachers per school must be 8 or more\n");
		return -1;
	}
	if (db_begin(db) != DB_OK)
		return -1;
	if ((today != NULL && (open_todays_year(&g, "wutongqiao") != 0 ||
	    open_todays_year(&g, "wuhua") != 0)) ||
	    wutongqiao(&g, teachers_per_school) != 0 || wuhua(&g, teachers_per_school) != 0 ||
	    demo_accounts(&g) != 0 || recompute_claims(&g) != 0 ||
	    (today == NULL && demo_open_deadlines(&g) != 0)) {
		db_rollback(db);
		return -1;
	}
	return db_commit(db) == DB_OK ? 0 : -1;
}

int
store_count_districts(struct db *db)
{
	static const char sql[] = "SELECT count(*) FROM district";
	sql_stmt *st = db_stmt(db, sql);
	int n = -1;

	if (st == NULL)
		return -1;
	if (sql_step(st, NULL) == SQL_ROW)
		n = (int)sql_int(st, 0, 0);
	sql_reset(st);
	return n;
}

enum db_result
store_demo_logins(struct db *db, arena *a, struct demo_login **out, size_t *n)
{
	static const char sql[] =
	    "SELECT login, role, coalesce((SELECT code FROM district WHERE id = a.district_id), '-')"
	    " FROM account a WHERE role <> 'teacher'"
	    " OR id IN (SELECT min(id) FROM account WHERE role = 'teacher' GROUP BY school_id)"
	    " ORDER BY district_id IS NOT NULL, district_id, role, login";
	sql_stmt *st = db_stmt(db, sql);
	struct demo_login *v = NULL;
	size_t cap = 0;
	enum db_result r = DB_OK;
	enum sql_step s;

	*n = 0;
	if (st == NULL)
		return DB_ERROR;
	while ((s = sql_step(st, &r)) == SQL_ROW) {
		if (*n == cap) {
			struct demo_login *more = arena_alloc(a, (cap ? 2 * cap : 32) * sizeof(*more));
			if (more == NULL) {
				r = DB_ERROR;
				break;
			}
			if (*n)
				memcpy(more, v, *n * sizeof(*v));
			v = more;
			cap = cap ? 2 * cap : 32;
		}
		v[*n].login = sql_dup(a, st, 0);
		v[*n].role = sql_dup(a, st, 1);
		v[*n].district = sql_dup(a, st, 2);
		(*n)++;
	}
	sql_reset(st);
	*out = v;
	return s == SQL_DONE ? DB_OK : (r == DB_OK ? DB_ERROR : r);
}
