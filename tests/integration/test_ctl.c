/*
 * test_ctl.c - the administrator's command line as an administrator runs
 * it after `make install` (issue 12): the built xueshictl on a temporary
 * database, and on the demo database of a running server (nginx and the
 * programs), where what it did must show through the web: a new system
 * administrator's one-time password logs in and is sent to the password
 * page first, a locked-out account gets in after unlock, the district's
 * audit page lists the command line's changes. Every expected count and
 * value comes from db/presets and the demo (worked out by hand, below).
 */
#include "common.h"

#include <check.h>
#include <curl/curl.h>
#include <fcntl.h>
#include <libxml/parser.h>
#include <sqlite3.h>
#include <libpq-fe.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static struct server srv;
static int log_reports;

static void
setup(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
	if (server_start(&srv) != 0) {
		fprintf(stderr, "test_ctl: server did not start\n");
		exit(1);
	}
}

static void
teardown(void)
{
	server_halt(&srv);
	log_reports = server_log_reports(&srv);
	server_stop(&srv);
	curl_global_cleanup();
}

/* What one run of xueshictl printed, and its exit status. */
struct run {
	int status;
	char out[16384], err[4096];
};

static void
drain(int fd, char *buf, size_t cap)
{
	size_t n = 0;
	ssize_t k;

	while (n + 1 < cap && (k = read(fd, buf + n, cap - 1 - n)) > 0)
		n += (size_t)k;
	buf[n] = '\0';
	/* Whatever does not fit is read and dropped, so the child never blocks. */
	{
		char sink[512];
		while (read(fd, sink, sizeof(sink)) > 0)
			;
	}
}

/* Run the built xueshictl with the arguments (NULL-terminated); stdout and stderr kept. */
static void
ctl(struct run *r, ...)
{
	char prog[1024];
	char *argv[24];
	int outp[2], errp[2], n = 1, st;
	va_list ap;
	pid_t pid;

	snprintf(prog, sizeof(prog), "%s/xueshictl", env_builddir());
	argv[0] = prog;
	va_start(ap, r);
	while (n < 23 && (argv[n] = va_arg(ap, char *)) != NULL)
		n++;
	va_end(ap);
	argv[n] = NULL;
	ck_assert_int_eq(pipe(outp), 0);
	ck_assert_int_eq(pipe(errp), 0);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		dup2(outp[1], 1);
		dup2(errp[1], 2);
		close(outp[0]);
		close(errp[0]);
		setenv("XUESHI_DATADIR", env_srcdir(), 1);
		execv(prog, argv);
		_exit(127);
	}
	close(outp[1]);
	close(errp[1]);
	/* stderr is short (a line or two): read stdout first, then stderr. */
	drain(outp[0], r->out, sizeof(r->out));
	drain(errp[0], r->err, sizeof(r->err));
	close(outp[0]);
	close(errp[0]);
	ck_assert_int_eq(waitpid(pid, &st, 0), pid);
	r->status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* The first column of the first row of sql on PostgreSQL's database at url (malloc'd), NULL if none. */
static char *
pg_q(const char *url, const char *sql)
{
	PGconn *c = PQconnectdb(url);
	PGresult *res;
	char *v = NULL;

	if (PQstatus(c) == CONNECTION_OK) {
		res = PQexec(c, sql);
		if (PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) > 0 && !PQgetisnull(res, 0, 0))
			v = strdup(PQgetvalue(res, 0, 0));
		else if (PQresultStatus(res) != PGRES_TUPLES_OK)
			fprintf(stderr, "q: %s: %s", sql, PQerrorMessage(c));
		PQclear(res);
	}
	PQfinish(c);
	return v;
}

static int
is_url(const char *path)
{
	return strncmp(path, "postgresql://", 13) == 0;
}

/* The first column of the first row of sql on the database at path (-1 on error). */
static long long
q_int(const char *path, const char *sql)
{
	sqlite3 *h;
	sqlite3_stmt *st;
	long long v = -1;

	if (is_url(path)) {
		char *t = pg_q(path, sql);
		v = t != NULL ? strtoll(t, NULL, 10) : -1;
		free(t);
		return v;
	}
	if (sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		return -1;
	sqlite3_busy_timeout(h, 10000);
	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW)
			v = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	}
	sqlite3_close(h);
	return v;
}

static char *
q_text(const char *path, const char *sql)
{
	sqlite3 *h;
	sqlite3_stmt *st;
	char *v = NULL;

	if (is_url(path)) {
		v = pg_q(path, sql);
		return v ? v : strdup("");
	}
	if (sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		return strdup("");
	sqlite3_busy_timeout(h, 10000);
	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0) != NULL)
			v = strdup((const char *)sqlite3_column_text(st, 0));
		sqlite3_finalize(st);
	}
	sqlite3_close(h);
	return v ? v : strdup("");
}

static void
assert_text(const char *path, const char *sql, const char *want)
{
	char *v = q_text(path, sql);
	ck_assert_msg(strcmp(v, want) == 0, "%s: got '%s', want '%s'", sql, v, want);
	free(v);
}

/* The word after "prefix" in text (a new string), NULL when absent. */
static char *
word_after(const char *text, const char *prefix)
{
	const char *p = strstr(text, prefix);
	size_t n;

	if (p == NULL)
		return NULL;
	p += strlen(prefix);
	n = strcspn(p, " \n");
	return strndup(p, n);
}

/* A fresh database in a directory of its own. */
static void
fresh_db(char dir[128], char db[256])
{
	struct run r;

	snprintf(dir, 128, "/tmp/xs-ctl-XX" "XX" "XX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(db, 256, "%s/x.db", dir);
	/* On PostgreSQL (XUESHI_TEST_PG) a database of its own in the test cluster. */
	if (test_pg() != NULL)
		ck_assert_int_eq(pg_create(dir, db, 256), 0);
	ctl(&r, "init", db, NULL);
	ck_assert_int_eq(r.status, 0);
}

static void
rm_dir(const char *dir)
{
	char cmd[300];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
}

/*
 * district new: blank and a copy of each preset. By hand from db/presets:
 * wuhua 40 items, 8 cap groups, policy 72 h (720 tenths), new teacher 120,
 * new principal 300, cycle 360 in 5 years, flag 10 %, no self-registration,
 * deadlines 06-30 / 09-10 / 09-30 of the year's second calendar year;
 * wutongqiao 7 items, no cap group, 90 h of which 45 normative, new teacher
 * 120, no new-principal rule, deadlines 06-30 / 08-31 / 09-30; blank: no
 * item, no cap group, a policy of 0 hours, no deadlines.
 */
START_TEST(test_district_new_blank_and_from_each_preset)
{
	char dir[128], db[256];
	struct run r;

	fresh_db(dir, db);
	ctl(&r, "district", "new", db, "lq", "龙泉驿区", "--from", "wuhua", "--year", "2026-2027", NULL);
	ck_assert_msg(r.status == 0, "%s", r.err);
	ck_assert_ptr_nonnull(strstr(r.out, "40 item(s), 8 cap group(s)"));
	ctl(&r, "district", "new", db, "wtq-b", "五通桥区（新）", "--from", "wutongqiao", "--year", "2026-2027", NULL);
	ck_assert_msg(r.status == 0, "%s", r.err);
	ctl(&r, "district", "new", db, "kb", "空白区", "--from", "blank", "--year", "2030-2031", NULL);
	ck_assert_msg(r.status == 0, "%s", r.err);

	/* wuhua's copy */
	ck_assert_int_eq(q_int(db, "SELECT count(*) FROM item i JOIN school_year y ON y.id = i.school_year_id"
	    " JOIN district d ON d.id = y.district_id WHERE d.code = 'lq'"), 40);
	ck_assert_int_eq(q_int(db, "SELECT count(*) FROM cap_group g JOIN school_year y ON y.id = g.school_year_id"
	    " JOIN district d ON d.id = y.district_id WHERE d.code = 'lq'"), 8);
	/* items keep their cap group: the six 论文获奖 items share lwhj; 24 items have a group */
	ck_assert_int_eq(q_int(db, "SELECT count(*) FROM item i JOIN cap_group g ON g.id = i.cap_group_id"
	    " JOIN school_year y ON y.id = i.school_year_id JOIN district d ON d.id = y.district_id"
	    " WHERE d.code = 'lq' AND g.code = 'lwhj' AND g.school_year_id = i.school_year_id"), 6);
	ck_assert_int_eq(q_int(db, "SELECT count(*) FROM item i JOIN school_year y ON y.id = i.school_year_id"
	    " JOIN district d ON d.id = y.district_id WHERE d.code = 'lq' AND i.cap_group_id IS NOT NULL"), 24);
	assert_text(db, "SELECT p.min_tenths || '/' || p.normative_min_tenths || '/' || p.new_teacher_tenths"
	    " || '/' || p.new_principal_tenths || '/' || p.cycle_years || '/' || p.cycle_min_tenths || '/'"
	    " || p.flag_percent FROM policy p JOIN school_year y ON y.id = p.school_year_id"
	    " JOIN district d ON d.id = y.district_id WHERE d.code = 'lq'", "720/0/1200/3000/5/3600/10");
	assert_text(db, "SELECT y.label || ' ' || y.starts_on || ' ' || y.ends_on || ' ' || y.is_current || ' '"
	    " || y.register_deadline || ' ' || y.school_review_deadline || ' ' || y.district_review_deadline"
	    " || ' ' || d.self_registration FROM school_year y JOIN district d ON d.id = y.district_id"
	    " WHERE d.code = 'lq'", "2026-2027 2026-07-01 2027-06-30 1 2027-06-30 2027-09-10 2027-09-30 0");

	/* wutongqiao's copy: its 2021-2022 deadlines moved on five years */
	ck_assert_int_eq(q_int(db, "SELECT count(*) FROM item i JOIN school_year y ON y.id = i.school_year_id"
	    " JOIN district d ON d.id = y.district_id WHERE d.code = 'wtq-b'"), 7);
	ck_assert_int_eq(q_int(db, "SELECT count(*) FROM item i JOIN school_year y ON y.id = i.school_year_id"
	    " JOIN district d ON d.id = y.district_id WHERE d.code = 'wtq-b' AND i.normative = 1"), 7);
	ck_assert_int_eq(q_int(db, "SELECT count(*) FROM cap_group g JOIN school_year y ON y.id = g.school_year_id"
	    " JOIN district d ON d.id = y.district_id WHERE d.code = 'wtq-b'"), 0);
	assert_text(db, "SELECT p.min_tenths || '/' || p.normative_min_tenths || '/' || p.new_teacher_tenths"
	    " || '/' || coalesce(CAST(p.new_principal_tenths AS TEXT), 'none') FROM policy p JOIN school_year y"
	    " ON y.id = p.school_year_id JOIN district d ON d.id = y.district_id WHERE d.code = 'wtq-b'",
	    "900/450/1200/none");
	assert_text(db, "SELECT y.register_deadline || ' ' || y.school_review_deadline || ' ' ||"
	    " y.district_review_deadline || ' ' || d.self_registration FROM school_year y"
	    " JOIN district d ON d.id = y.district_id WHERE d.code = 'wtq-b'",
	    "2027-06-30 2027-08-31 2027-09-30 1");
	/* the points item keeps its rule parameters */
	assert_text(db, "SELECT i.params FROM item i JOIN school_year y ON y.id = i.school_year_id"
	    " JOIN district d ON d.id = y.district_id WHERE d.code = 'wtq-b' AND i.rule_type = 'points_quarters'",
	    "{\"base\":18000,\"gain\":2000,\"hours\":50,\"max\":200,\"threshold\":26000}");

	/* blank */
	ck_assert_int_eq(q_int(db, "SELECT count(*) FROM item i JOIN school_year y ON y.id = i.school_year_id"
	    " JOIN district d ON d.id = y.district_id WHERE d.code = 'kb'"), 0);
	assert_text(db, "SELECT p.min_tenths || ' ' || y.label || ' ' || coalesce(y.register_deadline, 'none')"
	    " FROM policy p JOIN school_year y ON y.id = p.school_year_id JOIN district d"
	    " ON d.id = y.district_id WHERE d.code = 'kb'", "0 2030-2031 none");

	/* each one audited, by no account, from the command line */
	ck_assert_int_eq(q_int(db, "SELECT count(*) FROM audit WHERE action = 'district_create'"
	    " AND account_id IS NULL AND client = 'xueshictl'"), 3);
	assert_text(db, "SELECT json_extract(after, '$.from') || ' ' || json_extract(after, '$.items')"
	    " FROM audit a JOIN district d ON d.id = a.district_id WHERE d.code = 'lq'", "wuhua 40");

	/* bad input: a clear refusal, exit 1, nothing saved */
	ctl(&r, "district", "new", db, "lq", "又一个区", NULL);
	ck_assert_int_eq(r.status, 1);
	ck_assert_ptr_nonnull(strstr(r.err, "district_exists"));
	ctl(&r, "district", "new", db, "Lq2", "区", NULL);
	ck_assert_int_eq(r.status, 1);
	ck_assert_ptr_nonnull(strstr(r.err, "bad_district_code"));
	ctl(&r, "district", "new", db, "xq", "新区", "--from", "chengdu", NULL);
	ck_assert_int_eq(r.status, 1);
	ck_assert_ptr_nonnull(strstr(r.err, "bad_preset"));
	ctl(&r, "district", "new", db, "xq", "新区", "--year", "2026-2028", NULL);
	ck_assert_int_eq(r.status, 1);
	ck_assert_ptr_nonnull(strstr(r.err, "bad_label"));
	ctl(&r, "district", "new", db, "xq", "新区", "--colour", "red", NULL);
	ck_assert_int_eq(r.status, 2);
	ck_assert_int_eq(q_int(db, "SELECT count(*) FROM district"), 3);
	ck_assert_int_eq(q_int(db, "SELECT count(*) FROM school_year"), 3);
	ck_assert_int_eq(q_int(db, "SELECT count(*) FROM audit"), 3);
	rm_dir(dir);
}
END_TEST

/* school add|list, year open on a new district, backup and check of a fresh database. */
START_TEST(test_school_year_backup_check_on_a_new_district)
{
	char dir[128], db[256], copy[300];
	struct run r;
	struct stat sb;

	fresh_db(dir, db);
	ctl(&r, "district", "new", db, "lq", "龙泉驿区", "--from", "wuhua", "--year", "2026-2027", NULL);
	ck_assert_msg(r.status == 0, "%s", r.err);
	ctl(&r, "school", "add", db, "--district", "lq", "--code", "lq-sy", "--name", "龙泉驿区实验小学",
	    "--kind", "primary", NULL);
	ck_assert_msg(r.status == 0, "%s", r.err);
	ctl(&r, "school", "add", db, "--district", "lq", "--code", "lq-yz", "--name", "龙泉驿区第一中学", NULL);
	ck_assert_msg(r.status == 0, "%s", r.err);
	assert_text(db, "SELECT group_concat(code || ':' || kind, ' ') FROM (SELECT code, kind FROM school ORDER BY code) AS l",
	    "lq-sy:primary lq-yz:other");
	ctl(&r, "school", "list", db, "--district", "lq", NULL);
	ck_assert_int_eq(r.status, 0);
	ck_assert_ptr_nonnull(strstr(r.out, "lq-sy"));
	ck_assert_ptr_nonnull(strstr(r.out, "龙泉驿区实验小学"));
	ck_assert_ptr_nonnull(strstr(r.out, "lq-yz"));

	/* refused: unknown district, duplicate code, duplicate name, unknown kind */
	ctl(&r, "school", "add", db, "--district", "nowhere", "--code", "x1", "--name", "某校", NULL);
	ck_assert_int_eq(r.status, 1);
	ck_assert_ptr_nonnull(strstr(r.err, "unknown_district"));
	ctl(&r, "school", "add", db, "--district", "lq", "--code", "lq-sy", "--name", "另一所学校", NULL);
	ck_assert_int_eq(r.status, 1);
	ck_assert_ptr_nonnull(strstr(r.err, "school_exists"));
	ctl(&r, "school", "add", db, "--district", "lq", "--code", "lq-x", "--name", "龙泉驿区实验小学", NULL);
	ck_assert_int_eq(r.status, 1);
	ck_assert_ptr_nonnull(strstr(r.err, "school_exists"));
	ctl(&r, "school", "add", db, "--district", "lq", "--code", "lq-x", "--name", "某校", "--kind", "college", NULL);
	ck_assert_int_eq(r.status, 1);
	ck_assert_ptr_nonnull(strstr(r.err, "bad_kind"));
	ctl(&r, "school", "list", db, "--district", "nowhere", NULL);
	ck_assert_int_eq(r.status, 1);
	ck_assert_int_eq(q_int(db, "SELECT count(*) FROM school"), 2);

	/* year open: dates from the label and 07-01, the catalogue copied, made current */
	ctl(&r, "year", "open", db, "--district", "lq", "--label", "2026-2028", NULL);
	ck_assert_int_eq(r.status, 1);
	ck_assert_ptr_nonnull(strstr(r.err, "bad_label"));
	ctl(&r, "year", "open", db, "--district", "lq", "--label", "2025-2026", NULL);
	ck_assert_int_eq(r.status, 1);
	ck_assert_ptr_nonnull(strstr(r.err, "label_not_after"));
	ctl(&r, "year", "open", db, "--district", "nowhere", "--label", "2027-2028", NULL);
	ck_assert_int_eq(r.status, 1);
	ck_assert_ptr_nonnull(strstr(r.err, "unknown_district"));
	ctl(&r, "year", "open", db, "--district", "lq", "--label", "2027-2028", "--starts", "2027-02-30", NULL);
	ck_assert_int_eq(r.status, 1);
	ck_assert_ptr_nonnull(strstr(r.err, "bad_date"));
	ck_assert_int_eq(q_int(db, "SELECT count(*) FROM school_year"), 1);
	ctl(&r, "year", "open", db, "--district", "lq", "--label", "2027-2028", NULL);
	ck_assert_msg(r.status == 0, "%s", r.err);
	assert_text(db, "SELECT label || ' ' || starts_on || ' ' || ends_on || ' ' || register_deadline"
	    " || ' ' || school_review_deadline FROM school_year WHERE is_current = 1",
	    "2027-2028 2027-07-01 2028-06-30 2028-06-30 2028-09-10");
	ck_assert_int_eq(q_int(db, "SELECT count(*) FROM item i JOIN school_year y ON y.id = i.school_year_id"
	    " WHERE y.label = '2027-2028'"), 40);
	ck_assert_int_eq(q_int(db, "SELECT count(*) FROM item i JOIN school_year y ON y.id = i.school_year_id"
	    " WHERE y.label = '2026-2027'"), 40);
	ck_assert_int_eq(q_int(db, "SELECT count(*) FROM item i JOIN cap_group g ON g.id = i.cap_group_id"
	    " WHERE g.school_year_id <> i.school_year_id"), 0);
	ctl(&r, "year", "open", db, "--district", "lq", "--label", "2027-2028", NULL);
	ck_assert_int_eq(r.status, 1);
	ck_assert_ptr_nonnull(strstr(r.err, "label_not_after"));
	ck_assert_int_eq(q_int(db, "SELECT count(*) FROM school_year"), 2);

	/*
	 * On PostgreSQL the server's own tools back up (pg_basebackup, WAL
	 * archiving): backup says so and writes nothing; check still checks.
	 */
	if (is_url(db)) {
		snprintf(copy, sizeof(copy), "%s/copy.db", dir);
		ctl(&r, "backup", db, copy, NULL);
		ck_assert_int_eq(r.status, 1);
		ck_assert_msg(strstr(r.err, "pg_basebackup") != NULL, "%s", r.err);
		ck_assert_int_ne(stat(copy, &sb), 0);
		setenv("XUESHI_EVIDENCE", dir, 1);
		ctl(&r, "check", db, NULL);
		unsetenv("XUESHI_EVIDENCE");
		ck_assert_msg(r.status == 0, "%s%s", r.out, r.err);
		ck_assert_ptr_nonnull(strstr(r.out, "check: ok"));
		rm_dir(dir);
		return;
	}
	/* backup: a copy with the same rows, never over an existing file */
	snprintf(copy, sizeof(copy), "%s/copy.db", dir);
	ctl(&r, "backup", db, copy, NULL);
	ck_assert_msg(r.status == 0, "%s", r.err);
	ck_assert_ptr_nonnull(strstr(r.out, "integrity_check: ok"));
	ck_assert_int_eq(q_int(copy, "SELECT count(*) FROM item"), 80);
	ck_assert_int_eq(q_int(copy, "SELECT count(*) FROM school"), 2);
	ck_assert_int_eq(q_int(copy, "SELECT count(*) FROM audit"), q_int(db, "SELECT count(*) FROM audit"));
	ck_assert_int_eq(stat(copy, &sb), 0);
	ctl(&r, "backup", db, copy, NULL);
	ck_assert_int_eq(r.status, 1);
	ck_assert_ptr_nonnull(strstr(r.err, "file_exists"));
	ck_assert_int_eq(q_int(copy, "SELECT count(*) FROM item"), 80);

	ctl(&r, "check", copy, NULL);
	ck_assert_msg(r.status == 0, "%s%s", r.out, r.err);
	ck_assert_ptr_nonnull(strstr(r.out, "check: ok"));
	/* an older schema is reported */
	{
		sqlite3 *h;
		ck_assert_int_eq(sqlite3_open(copy, &h), SQLITE_OK);
		ck_assert_int_eq(sqlite3_exec(h, "DELETE FROM schema_version WHERE version = "
		    "(SELECT max(version) FROM schema_version)", NULL, NULL, NULL), SQLITE_OK);
		sqlite3_close(h);
	}
	ctl(&r, "check", copy, NULL);
	ck_assert_int_eq(r.status, 1);
	ck_assert_ptr_nonnull(strstr(r.out, "run xueshictl migrate"));
	ctl(&r, "check", "/nonexistent/x.db", NULL);
	ck_assert_int_eq(r.status, 1);
	ck_assert_ptr_nonnull(strstr(r.err, "no_database"));
	rm_dir(dir);
}
END_TEST

/*
 * admin create on the server's database: the one-time password logs in
 * through nginx and the first page is the password change; a second admin
 * with the same login is refused.
 */
START_TEST(test_admin_create_logs_in_with_forced_change)
{
	struct client *cl = client_new();
	struct run r;
	char *pw, fields[256];
	long status;
	xmlDocPtr d;

	ctl(&r, "admin", "create", srv.db, "ops-root", "--name", "运维管理员", NULL);
	ck_assert_msg(r.status == 0, "%s", r.err);
	pw = word_after(r.out, "one-time password: ");
	ck_assert_ptr_nonnull(pw);
	ck_assert_uint_eq(strlen(pw), 10);
	ck_assert_int_eq(q_int(srv.db, "SELECT must_change_password FROM account WHERE login = 'ops-root'"), 1);
	assert_text(srv.db, "SELECT role || ' ' || coalesce(CAST(district_id AS TEXT), 'none') FROM account WHERE login = 'ops-root'",
	    "system_admin none");
	/* the password never enters the audit log */
	ck_assert_int_eq(q_int(srv.db, "SELECT count(*) FROM audit WHERE action = 'account_create'"
	    " AND client = 'xueshictl' AND account_id IS NULL AND after LIKE '%ops-root%'"), 1);
	{
		char sql[256];
		snprintf(sql, sizeof(sql), "SELECT count(*) FROM audit WHERE instr(coalesce(after, '') ||"
		    " coalesce(before, ''), '%s') > 0", pw);
		ck_assert_int_eq(q_int(srv.db, sql), 0);
	}

	ck_assert_int_eq(login_as(cl, &srv, "ops-root", pw), 303);
	d = get_xml(cl, &srv, "/", &status);
	ck_assert_int_eq(status, 303); /* to the password page, first */
	xmlFreeDoc(d);
	snprintf(fields, sizeof(fields), "current=%s&new=ops-own-secret-9&again=ops-own-secret-9", pw);
	ck_assert_int_eq(post_form(cl, &srv, "/account/password", fields, NULL), 303);
	d = get_xml(cl, &srv, "/", &status);
	ck_assert_int_eq(status, 200);
	xmlFreeDoc(d);
	/* the system administrator sees the command line's change on the audit page */
	d = get_xml(cl, &srv, "/audit", &status);
	ck_assert_int_eq(status, 200);
	ck_assert_int_ge(xpath_long(d, "count(//event[@action='account_create'][@client='xueshictl'])"), 1);
	xmlFreeDoc(d);
	client_free(cl);

	ctl(&r, "admin", "create", srv.db, "ops-root", NULL);
	ck_assert_int_eq(r.status, 1);
	ck_assert_ptr_nonnull(strstr(r.err, "login_taken"));
	ctl(&r, "admin", "create", srv.db, "bad login", NULL);
	ck_assert_int_eq(r.status, 1);
	ck_assert_ptr_nonnull(strstr(r.err, "bad_login"));
	ck_assert_int_eq(q_int(srv.db, "SELECT count(*) FROM account WHERE role = 'system_admin' AND login LIKE '%ops-root%'"), 1);
	free(pw);
}
END_TEST

/*
 * passwd: the old password stops working, the new one-time password logs
 * in with the forced change. unlock: an account locked by ten wrong
 * passwords (auth.h: locked at the 10th) refuses even the right password;
 * after unlock the right password logs in.
 */
START_TEST(test_passwd_and_unlock)
{
	struct client *cl;
	struct run r;
	char *pw;
	long status;
	xmlDocPtr d;

	ctl(&r, "passwd", srv.db, "wtq-nh-admin", NULL);
	ck_assert_msg(r.status == 0, "%s", r.err);
	pw = word_after(r.out, "(school_admin): ");
	ck_assert_ptr_nonnull(pw);
	ck_assert_uint_eq(strlen(pw), 10);
	cl = client_new();
	ck_assert_int_ne(login_as(cl, &srv, "wtq-nh-admin", DEMO_PW), 303);
	client_free(cl);
	cl = client_new();
	ck_assert_int_eq(login_as(cl, &srv, "wtq-nh-admin", pw), 303);
	d = get_xml(cl, &srv, "/", &status);
	ck_assert_int_eq(status, 303);
	xmlFreeDoc(d);
	client_free(cl);
	free(pw);
	ck_assert_int_eq(q_int(srv.db, "SELECT count(*) FROM audit a JOIN account x ON x.id = a.object_id"
	    " WHERE a.action = 'password_reset' AND x.login = 'wtq-nh-admin' AND a.client = 'xueshictl'"), 1);

	/* lock wh-tj-admin out */
	for (int i = 0; i < 10; i++) {
		cl = client_new();
		ck_assert_int_ne(login_as(cl, &srv, "wh-tj-admin", "not-the-password"), 303);
		client_free(cl);
	}
	ck_assert_int_gt(q_int(srv.db, "SELECT locked_until FROM account WHERE login = 'wh-tj-admin'"), 0);
	cl = client_new();
	ck_assert_int_ne(login_as(cl, &srv, "wh-tj-admin", DEMO_PW), 303);
	client_free(cl);
	ck_assert_int_gt(q_int(srv.db, "SELECT count(*) FROM login_failure WHERE login = 'wh-tj-admin'"), 0);

	ctl(&r, "unlock", srv.db, "wh-tj-admin", NULL);
	ck_assert_msg(r.status == 0, "%s", r.err);
	ck_assert_int_eq(q_int(srv.db, "SELECT count(*) FROM login_failure WHERE login = 'wh-tj-admin'"), 0);
	cl = client_new();
	ck_assert_int_eq(login_as(cl, &srv, "wh-tj-admin", DEMO_PW), 303);
	client_free(cl);
	ck_assert_int_eq(q_int(srv.db, "SELECT count(*) FROM audit a JOIN account x ON x.id = a.object_id"
	    " WHERE a.action = 'account_unlock' AND x.login = 'wh-tj-admin' AND a.client = 'xueshictl'"
	    " AND CAST(json_extract(a.before, '$.failed_logins') AS INTEGER) >= 10"), 1);

	/* a disabled account is enabled again by unlock */
	ck_assert_int_eq(srv_sql(&srv, "UPDATE account SET active = 0 WHERE login = 'wh-ez-admin'"), 0);
	cl = client_new();
	ck_assert_int_ne(login_as(cl, &srv, "wh-ez-admin", DEMO_PW), 303);
	client_free(cl);
	ctl(&r, "unlock", srv.db, "wh-ez-admin", NULL);
	ck_assert_int_eq(r.status, 0);
	cl = client_new();
	ck_assert_int_eq(login_as(cl, &srv, "wh-ez-admin", DEMO_PW), 303);
	client_free(cl);

	ctl(&r, "unlock", srv.db, "nobody-here", NULL);
	ck_assert_int_eq(r.status, 1);
	ck_assert_ptr_nonnull(strstr(r.err, "unknown_account"));
	ctl(&r, "passwd", srv.db, "nobody-here", NULL);
	ck_assert_int_eq(r.status, 1);
	ck_assert_ptr_nonnull(strstr(r.err, "unknown_account"));
}
END_TEST

/*
 * year open on the demo's 五华区 (current 2025-2026; 90 teachers, of whom
 * WH00001 and WH00002 are new teachers and WH00003 a new principal): one
 * teacher who left (WH00004, made inactive here) stays behind, so 89 are
 * carried; the three become regular; statuses and schools are kept; the
 * old year's confirmed school (wh-hy) stays confirmed; the district's
 * audit page shows the opening.
 */
START_TEST(test_year_open_carries_teachers_and_moves_categories_on)
{
	struct client *cl = client_new();
	struct run r;
	long status;
	xmlDocPtr d;

	ck_assert_int_eq(srv_sql(&srv, "UPDATE teacher SET active = 0 WHERE staff_no = 'WH00004'"), 0);
	/* The document's deadlines (the demo counts them from today, to keep itself open). */
	ck_assert_int_eq(srv_sql(&srv, "UPDATE school_year SET register_deadline = '2026-06-30',"
	    " school_review_deadline = '2026-09-10', district_review_deadline = '2026-09-30'"
	    " WHERE label = '2025-2026' AND district_id = (SELECT id FROM district WHERE code = 'wuhua')"), 0);
	ck_assert_int_eq(srv_sql(&srv, "UPDATE teacher_year SET status = 'loan', receiving_unit = '昆明市教育局'"
	    " WHERE teacher_id = (SELECT id FROM teacher WHERE staff_no = 'WH00010')"
	    " AND school_year_id = (SELECT y.id FROM school_year y JOIN district d ON d.id = y.district_id"
	    " WHERE d.code = 'wuhua' AND y.is_current = 1)"), 0);
	ctl(&r, "year", "open", srv.db, "--district", "wuhua", "--label", "2026-2027", NULL);
	ck_assert_msg(r.status == 0, "%s", r.err);
	ck_assert_ptr_nonnull(strstr(r.out, "carried 89 teacher(s), 3 moved on to regular"));
#define NEWYEAR "(SELECT y.id FROM school_year y JOIN district d ON d.id = y.district_id" \
	" WHERE d.code = 'wuhua' AND y.label = '2026-2027')"
#define OLDYEAR "(SELECT y.id FROM school_year y JOIN district d ON d.id = y.district_id" \
	" WHERE d.code = 'wuhua' AND y.label = '2025-2026')"
	ck_assert_int_eq(q_int(srv.db, "SELECT is_current FROM school_year WHERE id = " NEWYEAR), 1);
	ck_assert_int_eq(q_int(srv.db, "SELECT is_current FROM school_year WHERE id = " OLDYEAR), 0);
	ck_assert_int_eq(q_int(srv.db, "SELECT count(*) FROM teacher_year WHERE school_year_id = " NEWYEAR), 89);
	ck_assert_int_eq(q_int(srv.db, "SELECT count(*) FROM teacher_year WHERE school_year_id = " NEWYEAR
	    " AND category <> 'regular'"), 0);
	assert_text(srv.db, "SELECT group_concat(t.staff_no || ':' || ty.category, ' ') FROM (SELECT * FROM teacher_year"
	    " WHERE school_year_id = " OLDYEAR " AND category <> 'regular' ORDER BY id) ty JOIN teacher t ON t.id = ty.teacher_id",
	    "WH00001:new_teacher WH00002:new_teacher WH00003:new_principal");
	assert_text(srv.db, "SELECT ty.category || ' ' || s.code FROM teacher_year ty JOIN teacher t ON t.id = ty.teacher_id"
	    " JOIN school s ON s.id = ty.school_id WHERE t.staff_no = 'WH00003' AND ty.school_year_id = " NEWYEAR,
	    "regular wh-hy");
	assert_text(srv.db, "SELECT ty.status || ' ' || ty.receiving_unit FROM teacher_year ty JOIN teacher t"
	    " ON t.id = ty.teacher_id WHERE t.staff_no = 'WH00010' AND ty.school_year_id = " NEWYEAR,
	    "loan 昆明市教育局");
	ck_assert_int_eq(q_int(srv.db, "SELECT count(*) FROM teacher_year ty JOIN teacher t ON t.id = ty.teacher_id"
	    " WHERE t.staff_no = 'WH00004' AND ty.school_year_id = " NEWYEAR), 0);
	/* every carried teacher is at the school of the year before */
	ck_assert_int_eq(q_int(srv.db, "SELECT count(*) FROM teacher_year n JOIN teacher_year o"
	    " ON o.teacher_id = n.teacher_id AND o.school_year_id = " OLDYEAR
	    " WHERE n.school_year_id = " NEWYEAR " AND o.school_id <> n.school_id"), 0);
	/* the old year: its records and its confirmed school as they were */
	assert_text(srv.db, "SELECT st.state FROM school_year_state st JOIN school s ON s.id = st.school_id"
	    " WHERE s.code = 'wh-hy' AND st.school_year_id = " OLDYEAR, "confirmed");
	ck_assert_int_gt(q_int(srv.db, "SELECT count(*) FROM record r JOIN teacher_year ty ON ty.id = r.teacher_year_id"
	    " WHERE ty.school_year_id = " OLDYEAR), 0);
	ck_assert_int_eq(q_int(srv.db, "SELECT count(*) FROM item WHERE school_year_id = " NEWYEAR), 40);
	assert_text(srv.db, "SELECT register_deadline || ' ' || school_review_deadline || ' ' || district_review_deadline"
	    " FROM school_year WHERE id = " NEWYEAR, "2027-06-30 2027-09-10 2027-09-30");

	/* the district admin sees it on the audit page */
	ck_assert_int_eq(login_as(cl, &srv, "wuhua-admin", DEMO_PW), 303);
	d = get_xml(cl, &srv, "/audit", &status);
	ck_assert_int_eq(status, 200);
	ck_assert_int_eq(xpath_long(d, "count(//event[@action='school_year_open'][@client='xueshictl'])"), 1);
	xmlFreeDoc(d);
	client_free(cl);

	/* again: refused, nothing more */
	ctl(&r, "year", "open", srv.db, "--district", "wuhua", "--label", "2026-2027", NULL);
	ck_assert_int_eq(r.status, 1);
	ck_assert_int_eq(q_int(srv.db, "SELECT count(*) FROM teacher_year WHERE school_year_id = " NEWYEAR), 89);
#undef NEWYEAR
#undef OLDYEAR
}
END_TEST

/*
 * backup of the live database while the server runs: the same rows; check
 * passes with every evidence file, and names the one that was deleted.
 */
START_TEST(test_backup_and_check_of_the_live_database)
{
	char copy[1200], ev[1100], file[1400], *sha;
	struct run r;

	snprintf(copy, sizeof(copy), "%s/backup.db", srv.dir);
	ctl(&r, "backup", srv.db, copy, NULL);
	if (is_url(srv.db)) {
		/* PostgreSQL: pg_basebackup's, not ours (docs/operations.md); the check below is the same. */
		ck_assert_int_eq(r.status, 1);
		ck_assert_msg(strstr(r.err, "pg_basebackup") != NULL, "%s", r.err);
		snprintf(copy, sizeof(copy), "%s", srv.db);
	} else
		ck_assert_msg(r.status == 0, "%s", r.err);
	ck_assert_int_eq(q_int(copy, "SELECT count(*) FROM record"), q_int(srv.db, "SELECT count(*) FROM record"));
	ck_assert_int_eq(q_int(copy, "SELECT count(*) FROM evidence_file"), q_int(srv.db, "SELECT count(*) FROM evidence_file"));
	ck_assert_int_gt(q_int(copy, "SELECT count(*) FROM evidence_file"), 1000);
	ck_assert_int_eq(q_int(copy, "SELECT count(*) FROM teacher"), 180);

	snprintf(ev, sizeof(ev), "%s/evidence", srv.dir);
	setenv("XUESHI_EVIDENCE", ev, 1);
	ctl(&r, "check", srv.db, NULL);
	ck_assert_msg(r.status == 0, "%s", r.out);
	ck_assert_ptr_nonnull(strstr(r.out, "0 missing"));
	sha = q_text(srv.db, "SELECT sha256 FROM evidence_file ORDER BY sha256 LIMIT 1 OFFSET 7");
	ck_assert_uint_eq(strlen(sha), 64);
	snprintf(file, sizeof(file), "%s/%.2s/%s", ev, sha, sha);
	ck_assert_int_eq(unlink(file), 0);
	ctl(&r, "check", srv.db, NULL);
	unsetenv("XUESHI_EVIDENCE");
	ck_assert_int_eq(r.status, 1);
	ck_assert_ptr_nonnull(strstr(r.out, sha));
	ck_assert_ptr_nonnull(strstr(r.out, "1 missing"));
	free(sha);
}
END_TEST

/* --help names every setup and recovery command; a malformed command line is a usage error (2). */
START_TEST(test_help_lists_the_commands)
{
	static const char *const cmds[] = { "admin create DB LOGIN", "district new DB CODE NAME",
		"--from wutongqiao|wuhua|blank", "school add DB --district CODE --code CODE --name NAME",
		"school list DB", "year open DB --district CODE --label YYYY-YYYY", "passwd DB LOGIN",
		"unlock DB LOGIN", "backup DB FILE", "check DB" };
	struct run r;

	ctl(&r, "--help", NULL);
	ck_assert_int_eq(r.status, 0);
	for (size_t i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		ck_assert_msg(strstr(r.out, cmds[i]) != NULL, "--help lacks %s", cmds[i]);
	ctl(&r, "year", "close", "/tmp/none.db", NULL);
	ck_assert_int_eq(r.status, 2);
	{
		char dir[128], db[256];
		fresh_db(dir, db);
		ctl(&r, "school", "add", db, "--district", NULL);
		ck_assert_int_eq(r.status, 2);
		ck_assert_ptr_nonnull(strstr(r.err, "missing_value"));
		ctl(&r, "school", "add", db, "--district", "x", "--colour", "red", NULL);
		ck_assert_int_eq(r.status, 2);
		ck_assert_ptr_nonnull(strstr(r.err, "unknown_option"));
		rm_dir(dir);
	}
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("ctl");
	TCase *fresh = tcase_create("xueshictl on a new database");
	TCase *live = tcase_create("xueshictl on the server's database");
	SRunner *sr;
	int failed;

	tcase_set_timeout(fresh, 300);
	tcase_add_test(fresh, test_help_lists_the_commands);
	tcase_add_test(fresh, test_district_new_blank_and_from_each_preset);
	tcase_add_test(fresh, test_school_year_backup_check_on_a_new_district);
	suite_add_tcase(s, fresh);
	tcase_add_unchecked_fixture(live, setup, teardown);
	tcase_set_timeout(live, 600);
	tcase_add_test(live, test_admin_create_logs_in_with_forced_change);
	tcase_add_test(live, test_passwd_and_unlock);
	tcase_add_test(live, test_year_open_carries_teachers_and_moves_categories_on);
	tcase_add_test(live, test_backup_and_check_of_the_live_database);
	suite_add_tcase(s, live);
	sr = srunner_create(s);
	srunner_set_fork_status(sr, CK_NOFORK);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 && log_reports == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
