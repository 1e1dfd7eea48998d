/*
 * common.h - helpers the integration tests share on top of harness.h:
 * logging in, reading the CSRF token, posting forms.
 */
#ifndef XS_COMMON_H
#define XS_COMMON_H

#include "harness.h"

#define DEMO_PW "xueshi-demo-2026"

/* The CSRF token the server gave this client (from GET /?format=xml). Free it. */
char *csrf_token(struct client *cl, const struct server *s);

/*
 * POST an urlencoded form (fields "a=1&b=2", without csrf) through cl, with
 * the client's CSRF token added. Returns the status (0 on transport error).
 * The reply is kept in *r when r is not NULL (free it).
 */
long post_form(struct client *cl, const struct server *s, const char *path,
    const char *fields, struct reply *r);

/* Log cl in; returns the status of POST /login (303 on success). */
long login_as(struct client *cl, const struct server *s, const char *login,
    const char *password);

/* A new client logged in as login with the demo password (the test fails otherwise). Free it. */
struct client *client_as(const struct server *s, const char *login);

/* The first column of the first row of the printf-formatted SQL (srv_int). */
long long srv_intf(const struct server *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Save r's HTML to file with its /static/ links pointing at the source tree (for Chromium). */
void html_save(const struct reply *r, const char *file);

/* The standard output of the printf-formatted shell command (malloc'd, "" when none). */
char *shell_output(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * Print the saved page html (html_save) to pdf with headless Chromium, its
 * profile under the server's directory; the PDF's page count (0: none).
 */
int chromium_pdf(const struct server *s, const char *html, const char *pdf);

/* GET path?format=xml through cl and parse it (NULL if not XML); status in *status. */
xmlDocPtr get_xml(struct client *cl, const struct server *s, const char *path,
    long *status);

/* Percent-encode s for a form value (a new string to free). */
char *form_escape(const char *s);

/* A real 1x1 PNG for uploads. */
/*
 * The server's database, for what a test must arrange or check directly:
 * srv_int returns the first column of the first row (-1 on error), srv_text
 * the same as a malloc'd string ("" when none), srv_sql runs statements
 * (0 or -1). Each opens and closes the database.
 */
long long srv_int(const struct server *s, const char *sql);
char *srv_text(const struct server *s, const char *sql);
int srv_sql(const struct server *s, const char *sql);

/*
 * The same as srv_text and srv_sql with printf-formatted SQL (at most 8 KiB
 * once formatted: longer is a test failure).
 */
char *srv_textf(const struct server *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int srv_sqlf(const struct server *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/*
 * Every row of the SQL's result as one malloc'd string: a row's columns
 * joined by '|', each row ended by '\n' (NULL is ""; on PostgreSQL a
 * boolean is "1" or "0", as SQLite has it). "" when no row; NULL on error.
 */
char *srv_rows(const struct server *s, const char *sql);
char *srv_rowsf(const struct server *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/*
 * Like srv_int, but an SQL statement that fails is a test failure (not -1):
 * the first column of the first row, -1 when there is no row or it is NULL.
 */
long long srv_one(const struct server *s, const char *sql);

/*
 * Rows whose references are broken (0 for a sound database): SQLite's
 * foreign_key_check; on PostgreSQL, which enforces its foreign keys at
 * every statement, the evidence rows and reviews without their record and
 * the records without their teacher-year, counted. -1 on error.
 */
long long srv_broken_references(const struct server *s);

extern const unsigned char test_png[];
extern const size_t test_png_len;

/*
 * The demo server of one checked test: demo_setup starts it (curl too) or
 * exits; demo_teardown stops it and adds the sanitizer and leak reports of
 * its programs' logs to *reports. suite_main runs the suite and answers the
 * program's exit status: 0 only when every test passed and no report was
 * counted (named after the program in the message).
 */
void demo_setup(struct server *s);
void demo_teardown(struct server *s, int *reports);
struct Suite;
int suite_main(struct Suite *suite, const char *name, const int *reports);

/*
 * The login (staff number) of the n-th teacher, by staff number, of 五通桥区
 * school wtq-zg, whose year is open (the demo data). Free it.
 */
char *open_school_teacher(const struct server *s, int n);

#endif
