/* common.c - see common.h */
#include "common.h"

#include <check.h>
#include <curl/curl.h>
#include <libxml/parser.h>
#include <sqlite3.h>
#include <libpq-fe.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

xmlDocPtr
get_xml(struct client *cl, const struct server *s, const char *path, long *status)
{
	struct reply r;
	char full[2048];
	xmlDocPtr d = NULL;

	snprintf(full, sizeof(full), "%s%sformat=xml", path, strchr(path, '?') ? "&" : "?");
	if (client_do(cl, s, "GET", full, NULL, NULL, 0, NULL, &r) == 0)
		d = reply_xml(&r);
	if (status)
		*status = r.status;
	reply_free(&r);
	return d;
}

char *
csrf_token(struct client *cl, const struct server *s)
{
	xmlDocPtr d = get_xml(cl, s, "/", NULL);
	char *t = xpath_string(d, "/page/csrf/@token");

	xmlFreeDoc(d);
	if (*t == '\0') {
		/* A user who must change the password first is sent there from "/". */
		free(t);
		d = get_xml(cl, s, "/account/password", NULL);
		t = xpath_string(d, "/page/csrf/@token");
		xmlFreeDoc(d);
	}
	return t;
}

char *
form_escape(const char *s)
{
	size_t n = strlen(s);
	char *out = malloc(3 * n + 1), *o = out;

	if (out == NULL)
		return NULL;
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '_' || c == '.')
			*o++ = (char)c;
		else {
			sprintf(o, "%%%02X", c);
			o += 3;
		}
	}
	*o = '\0';
	return out;
}

long
post_form(struct client *cl, const struct server *s, const char *path,
    const char *fields, struct reply *r)
{
	char *token = csrf_token(cl, s);
	size_t n = strlen(fields) + strlen(token) + 16;
	char *body = malloc(n);
	struct reply local;
	long status = 0;

	if (body == NULL) {
		free(token);
		return 0;
	}
	snprintf(body, n, "%s%scsrf=%s", fields, *fields ? "&" : "", token);
	if (client_do(cl, s, "POST", path, "application/x-www-form-urlencoded", body,
	    strlen(body), NULL, r ? r : &local) == 0)
		status = (r ? r : &local)->status;
	if (r == NULL)
		reply_free(&local);
	free(body);
	free(token);
	return status;
}

long
login_as(struct client *cl, const struct server *s, const char *login,
    const char *password)
{
	char *l = form_escape(login), *p = form_escape(password);
	char fields[512];
	long status;

	snprintf(fields, sizeof(fields), "login=%s&password=%s", l, p);
	free(l);
	free(p);
	status = post_form(cl, s, "/login", fields, NULL);
	return status;
}

/* A real 1x1 PNG: the evidence the tests upload. */
const unsigned char test_png[] = {
	0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d,
	0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01,
	0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00, 0x00, 0x00,
	0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8, 0xcf, 0xc0, 0xf0,
	0x1f, 0x00, 0x05, 0x00, 0x01, 0xff, 0x89, 0x99, 0x3d, 0x1d, 0x00, 0x00,
	0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82
};
const size_t test_png_len = sizeof(test_png);

/* The server's database, opened for one statement. */
static sqlite3 *
open_db(const struct server *s)
{
	sqlite3 *db = NULL;

	if (sqlite3_open(s->db, &db) != SQLITE_OK) {
		sqlite3_close(db);
		return NULL;
	}
	sqlite3_busy_timeout(db, 30000);
	return db;
}

/*
 * On PostgreSQL (harness.h, test_pg): the same helpers through libpq. The
 * tests' SQL is written for both engines (the functions SQLite has exist
 * on PostgreSQL too, db/migrations-pg/0001).
 */
static PGresult *
pg_run(const struct server *s, const char *sql, int *ok)
{
	PGconn *c = PQconnectdb(s->db);
	PGresult *res = NULL;

	*ok = 0;
	if (PQstatus(c) != CONNECTION_OK) {
		fprintf(stderr, "srv: PostgreSQL: %s", PQerrorMessage(c));
		PQfinish(c);
		return NULL;
	}
	res = PQexec(c, sql);
	*ok = PQresultStatus(res) == PGRES_TUPLES_OK || PQresultStatus(res) == PGRES_COMMAND_OK;
	if (!*ok)
		fprintf(stderr, "srv: %s: %s", sql, PQerrorMessage(c));
	PQfinish(c);
	return res;
}

static char *
pg_first(const struct server *s, const char *sql)
{
	int ok;
	PGresult *res = pg_run(s, sql, &ok);
	char *v = NULL;

	if (ok && PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) > 0 && PQnfields(res) > 0 &&
	    !PQgetisnull(res, 0, 0))
		v = strdup(PQgetvalue(res, 0, 0));
	PQclear(res);
	return v;
}

long long
srv_int(const struct server *s, const char *sql)
{
	sqlite3 *db;

	if (server_is_pg(s)) {
		char *v = pg_first(s, sql);
		long long n = v == NULL ? -1 : strcmp(v, "t") == 0 ? 1 : strcmp(v, "f") == 0 ? 0 :
		    strtoll(v, NULL, 10);
		free(v);
		return n;
	}
	db = open_db(s);
	sqlite3_stmt *st = NULL;
	long long v = -1;

	if (db == NULL)
		return -1;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	else
		fprintf(stderr, "srv_int: %s: %s\n", sql, sqlite3_errmsg(db));
	sqlite3_finalize(st);
	sqlite3_close(db);
	return v;
}

char *
srv_text(const struct server *s, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *st = NULL;
	char *v = NULL;

	if (server_is_pg(s)) {
		v = pg_first(s, sql);
		return v != NULL ? v : strdup("");
	}
	db = open_db(s);
	if (db != NULL && sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0) != NULL)
		v = strdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(db);
	return v != NULL ? v : strdup("");
}

long long
srv_broken_references(const struct server *s)
{
	if (!server_is_pg(s))
		return srv_int(s, "SELECT count(*) FROM pragma_foreign_key_check");
	return srv_int(s, "SELECT (SELECT count(*) FROM evidence e WHERE NOT EXISTS"
	    " (SELECT 1 FROM record r WHERE r.id = e.record_id)) + (SELECT count(*) FROM evidence e"
	    " WHERE NOT EXISTS (SELECT 1 FROM evidence_file f WHERE f.sha256 = e.sha256))"
	    " + (SELECT count(*) FROM review v WHERE NOT EXISTS (SELECT 1 FROM record r WHERE r.id = v.record_id))"
	    " + (SELECT count(*) FROM record r WHERE NOT EXISTS"
	    " (SELECT 1 FROM teacher_year ty WHERE ty.id = r.teacher_year_id))");
}

int
srv_sql(const struct server *s, const char *sql)
{
	sqlite3 *db;
	char *err = NULL;
	int rc;

	if (server_is_pg(s)) {
		int ok;
		PQclear(pg_run(s, sql, &ok));
		return ok ? 0 : -1;
	}
	db = open_db(s);
	if (db == NULL)
		return -1;
	rc = sqlite3_exec(db, sql, NULL, NULL, &err);
	if (rc != SQLITE_OK)
		fprintf(stderr, "srv_sql: %s: %s\n", sql, err ? err : "?");
	sqlite3_free(err);
	sqlite3_close(db);
	return rc == SQLITE_OK ? 0 : -1;
}

void
demo_setup(struct server *s)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
	if (server_start(s) != 0) {
		server_stop(s);
		exit(1);
	}
}

void
demo_teardown(struct server *s, int *reports)
{
	server_halt(s);
	*reports += server_log_reports(s);
	server_stop(s);
	curl_global_cleanup();
}

int
suite_main(Suite *suite, const char *name, const int *reports)
{
	SRunner *sr = srunner_create(suite);
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	if (*reports > 0)
		fprintf(stderr, "%s: %d sanitizer or leak reports in the programs' logs\n", name, *reports);
	return failed == 0 && *reports == 0 ? 0 : 1;
}

struct client *
client_as(const struct server *s, const char *login)
{
	struct client *cl = client_new();

	ck_assert_int_eq(login_as(cl, s, login, DEMO_PW), 303);
	return cl;
}

long long
srv_intf(const struct server *s, const char *fmt, ...)
{
	char sql[4096];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(sql, sizeof(sql), fmt, ap);
	va_end(ap);
	return srv_int(s, sql);
}

void
html_save(const struct reply *r, const char *file)
{
	FILE *f = fopen(file, "w");
	const char *p = r->body, *hit;
	char prefix[1024];

	ck_assert_ptr_nonnull(f);
	snprintf(prefix, sizeof(prefix), "file://%s/htdocs/", env_srcdir());
	while ((hit = strstr(p, "\"/static/")) != NULL) {
		fwrite(p, 1, (size_t)(hit - p) + 1, f);
		fputs(prefix, f);
		p = hit + strlen("\"/static/");
	}
	fputs(p, f);
	fclose(f);
}

char *
shell_output(const char *fmt, ...)
{
	char cmd[4096];
	va_list ap;
	FILE *p;
	char *out = NULL;
	size_t n = 0, cap = 0, k;
	char buf[8192];

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	ck_assert_ptr_nonnull(p = popen(cmd, "r"));
	while ((k = fread(buf, 1, sizeof(buf), p)) > 0) {
		if (n + k + 1 > cap) {
			cap = (n + k + 1) * 2;
			ck_assert_ptr_nonnull(out = realloc(out, cap));
		}
		memcpy(out + n, buf, k);
		n += k;
	}
	pclose(p);
	if (out == NULL)
		out = calloc(1, 1);
	else
		out[n] = '\0';
	return out;
}

int
chromium_pdf(const struct server *s, const char *html, const char *pdf)
{
	char *pages;
	int n;

	free(shell_output("chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run"
	    " --disable-background-networking --disable-component-update --disable-sync"
	    " --user-data-dir=%s/chromium --allow-file-access-from-files --no-pdf-header-footer"
	    " --print-to-pdf=%s file://%s >/dev/null 2>&1", s->dir, pdf, html));
	pages = shell_output("pdfinfo %s | sed -n 's/^Pages: *//p'", pdf);
	n = atoi(pages);
	free(pages);
	return n;
}

char *
open_school_teacher(const struct server *s, int n)
{
	char sql[512];

	snprintf(sql, sizeof(sql), "SELECT t.staff_no FROM teacher t JOIN teacher_year ty ON ty.teacher_id = t.id"
	    " JOIN school_year y ON y.id = ty.school_year_id AND y.is_current = 1"
	    " JOIN school sc ON sc.id = ty.school_id AND sc.code = 'wtq-zg' ORDER BY t.staff_no LIMIT 1 OFFSET %d", n);
	return srv_text(s, sql);
}

/* fmt and its arguments into sql (a test failure when it does not fit). */
static void
format_sql(char *sql, size_t len, const char *fmt, va_list ap)
{
	int n = vsnprintf(sql, len, fmt, ap);

	ck_assert_msg(n >= 0 && (size_t)n < len, "SQL too long: %.80s", fmt);
}

char *
srv_textf(const struct server *s, const char *fmt, ...)
{
	char sql[8192];
	va_list ap;

	va_start(ap, fmt);
	format_sql(sql, sizeof(sql), fmt, ap);
	va_end(ap);
	return srv_text(s, sql);
}

int
srv_sqlf(const struct server *s, const char *fmt, ...)
{
	char sql[8192];
	va_list ap;

	va_start(ap, fmt);
	format_sql(sql, sizeof(sql), fmt, ap);
	va_end(ap);
	return srv_sql(s, sql);
}

/* A growing string for srv_rows. */
struct rows_buf {
	char *p;
	size_t n, cap;
};

static int
rows_add(struct rows_buf *b, const char *v, size_t k)
{
	if (b->n + k + 1 > b->cap) {
		size_t cap = (b->n + k + 1) * 2 + 64;
		char *p = realloc(b->p, cap);
		if (p == NULL)
			return -1;
		b->p = p;
		b->cap = cap;
	}
	memcpy(b->p + b->n, v, k);
	b->n += k;
	b->p[b->n] = '\0';
	return 0;
}

char *
srv_rows(const struct server *s, const char *sql)
{
	struct rows_buf b = { NULL, 0, 0 };
	int failed = 0;

	if (rows_add(&b, "", 0) != 0)
		return NULL;
	if (server_is_pg(s)) {
		int ok;
		PGresult *res = pg_run(s, sql, &ok);

		if (!ok || PQresultStatus(res) != PGRES_TUPLES_OK)
			failed = 1;
		for (int r = 0; !failed && r < PQntuples(res); r++) {
			for (int c = 0; !failed && c < PQnfields(res); c++) {
				const char *v = PQgetisnull(res, r, c) ? "" : PQgetvalue(res, r, c);
				if (PQftype(res, c) == 16 /* BOOLOID */ && !PQgetisnull(res, r, c))
					v = strcmp(v, "t") == 0 ? "1" : "0";
				if ((c > 0 && rows_add(&b, "|", 1) != 0) || rows_add(&b, v, strlen(v)) != 0)
					failed = 1;
			}
			if (!failed && rows_add(&b, "\n", 1) != 0)
				failed = 1;
		}
		PQclear(res);
	} else {
		sqlite3 *db = open_db(s);
		sqlite3_stmt *st = NULL;
		int rc = SQLITE_ERROR;

		if (db == NULL || sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
			failed = 1;
		while (!failed && (rc = sqlite3_step(st)) == SQLITE_ROW) {
			for (int c = 0; !failed && c < sqlite3_column_count(st); c++) {
				const char *v = (const char *)sqlite3_column_text(st, c);
				if (v == NULL)
					v = "";
				if ((c > 0 && rows_add(&b, "|", 1) != 0) || rows_add(&b, v, strlen(v)) != 0)
					failed = 1;
			}
			if (!failed && rows_add(&b, "\n", 1) != 0)
				failed = 1;
		}
		if (!failed && rc != SQLITE_DONE)
			failed = 1;
		if (failed)
			fprintf(stderr, "srv_rows: %s: %s\n", sql, db ? sqlite3_errmsg(db) : "cannot open");
		sqlite3_finalize(st);
		sqlite3_close(db);
	}
	if (failed) {
		free(b.p);
		return NULL;
	}
	return b.p;
}

char *
srv_rowsf(const struct server *s, const char *fmt, ...)
{
	char sql[8192];
	va_list ap;

	va_start(ap, fmt);
	format_sql(sql, sizeof(sql), fmt, ap);
	va_end(ap);
	return srv_rows(s, sql);
}

long long
srv_one(const struct server *s, const char *sql)
{
	char *rows = srv_rows(s, sql);
	long long v = -1;

	ck_assert_msg(rows != NULL, "SQL failed: %s", sql);
	if (rows[0] != '\0' && rows[0] != '\n' && rows[0] != '|')
		v = strtoll(rows, NULL, 10);
	free(rows);
	return v;
}
