/*
 * test_hosts.c - two web hosts, one database: two sets of the programs (two
 * run directories, as two hosts would have: deploy/run-host.sh), behind one
 * nginx upstream per program, on one database and one evidence directory.
 * Nothing a request needs may live only on the host that served the
 * previous one: a teacher logs in on one host and goes on on the other (her
 * session, her form's CSRF token, the evidence she sent), a school's import
 * is previewed on one and committed on the other, and teachers registering
 * on both at once lose nothing and duplicate nothing.
 *
 * Which host served a request is read from the hosts' own logs: every
 * worker logs a line after each request (XUESHI_MEMORY_LOG=1), in the
 * logs/ of its host. To send a request to one host, the test stops the
 * other (SIGTERM to its run-host.sh: the graceful stop) and starts it
 * again after.
 */
#include "common.h"
#include "domain/idcard.h"

#include <check.h>
#include <curl/curl.h>
#include <pthread.h>
#include <sodium.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static struct server srv;
static pid_t started[3];   /* run-host.sh processes this test started again, by host */
static int log_reports;
static char item_id[32];

static void
host_path(char *buf, size_t n, int host, const char *rel)
{
	snprintf(buf, n, "%s/host%d/%s", srv.dir, host, rel);
}

/* The requests host has served so far (its workers' log lines, every program). */
static long
served_by(int host)
{
	char *out = shell_output("cat %s/host%d/logs/*.log 2>/dev/null | grep -c 'memory after' || true",
	    srv.dir, host);
	long n = atol(out);

	free(out);
	return n;
}

static int
host_up(int host)
{
	char ready[1200];

	host_path(ready, sizeof(ready), host, "run/ready");
	return access(ready, F_OK) == 0;
}

/* Stop host's programs gracefully and wait (up to 60 s) until they are gone. */
static void
host_stop(int host)
{
	char pidfile[1200], sock[1200];
	static const char *progs[] = { "auth", "teacher", "school", "district" };
	FILE *f;
	long pid = 0;
	int gone = 0;

	host_path(pidfile, sizeof(pidfile), host, "run/host.pid");
	f = fopen(pidfile, "r");
	ck_assert_msg(f != NULL, "host %d is not running", host);
	ck_assert_int_eq(fscanf(f, "%ld", &pid), 1);
	fclose(f);
	ck_assert_int_eq(kill((pid_t)pid, SIGTERM), 0);
	for (int i = 0; i < 600 && !gone; i++) {
		gone = access(pidfile, F_OK) != 0;
		for (size_t p = 0; p < 4; p++) {
			char rel[64];
			snprintf(rel, sizeof(rel), "run/%s.sock", progs[p]);
			host_path(sock, sizeof(sock), host, rel);
			if (access(sock, F_OK) == 0)
				gone = 0;
		}
		if (!gone)
			usleep(100 * 1000);
	}
	ck_assert_msg(gone, "host %d did not stop", host);
	if (started[host] > 0) {
		/* Started in this test's process: collected here (else it is init's to reap). */
		int st;
		waitpid(started[host], &st, 0);
		started[host] = 0;
	}
}

/* Start host's programs again (deploy/run-host.sh, as on the host itself) and wait until they listen. */
static void
host_start(int host)
{
	char script[1100], bindir[1100], state[1200];
	pid_t pid;

	snprintf(script, sizeof(script), "%s/deploy/run-host.sh", env_srcdir());
	snprintf(bindir, sizeof(bindir), "%s", env_builddir());
	snprintf(state, sizeof(state), "%s/host%d", srv.dir, host);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		char *argv[] = { "/bin/bash", script, "--bindir", bindir, "--datadir",
		    (char *)env_srcdir(), "--state", state, "--store", srv.dir, NULL };
		/* In the server's process group, as the hosts run-local.sh started: server_halt ends it too. */
		setpgid(0, srv.pid);
		if (server_is_pg(&srv))
			setenv("XUESHI_DB", srv.db, 1); /* the shared PostgreSQL database (run-host.sh keeps a URL) */
		execv(argv[0], argv);
		_exit(127);
	}
	started[host] = pid;
	for (int i = 0; i < 600 && !host_up(host); i++)
		usleep(100 * 1000);
	ck_assert_msg(host_up(host), "host %d did not start again", host);
}

/* Only host `only` up: the other is stopped (started again by only_host(0)). */
static void
only_host(int only)
{
	for (int h = 1; h <= 2; h++) {
		if (h == only && !host_up(h))
			host_start(h);
		if (only != 0 && h != only && host_up(h))
			host_stop(h);
		if (only == 0 && !host_up(h))
			host_start(h);
	}
}

static void
setup(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
	ck_assert_int_ge(sodium_init(), 0);
	/* Every worker logs a line after each request: which host served is in its logs. */
	setenv("XUESHI_MEMORY_LOG", "1", 1);
	if (server_start_hosts(&srv, 2) != 0) {
		server_stop(&srv);
		fprintf(stderr, "test_hosts: could not start two hosts\n");
		exit(1);
	}
	snprintf(item_id, sizeof(item_id), "%lld", srv_int(&srv, "SELECT i.id FROM item i JOIN school_year y"
	    " ON y.id = i.school_year_id AND y.is_current = 1 JOIN district d ON d.id = y.district_id"
	    " WHERE d.code = 'wutongqiao' AND i.code = 'djxx'"));
}

static void
teardown(void)
{
	/* Each host gracefully (one a test started again is not run-local.sh's child). */
	for (int h = 1; h <= 2; h++)
		if (host_up(h))
			host_stop(h);
	server_halt(&srv);
	log_reports += server_log_reports(&srv);
	server_stop(&srv);
	curl_global_cleanup();
}

/* Post a record of 党员学习 with the PNG as evidence, with token; its status, *id from Location. */
static long
post_record(struct client *cl, const char *token, const char *text, long *id)
{
	struct upload up = { "evidence", "学习记录.png", "image/png", test_png, test_png_len };
	const char *f[] = { "csrf", token, "item", item_id, "started_on", "2022-03-02",
		"ended_on", "2022-03-02", "quantity", "1", "organiser", "五通桥区教育局党组",
		"description", text, "action", "submit", NULL };
	struct reply r;
	long status = 0;

	*id = 0;
	if (client_post_multipart(cl, &srv, "/teacher/records/new", f, &up, 1, &r) == 0) {
		char *loc = reply_header(&r, "Location");
		const char *tail = loc ? strstr(loc, "/teacher/records/") : NULL;
		status = r.status;
		if (tail != NULL)
			*id = atol(tail + strlen("/teacher/records/"));
		free(loc);
	}
	reply_free(&r);
	return status;
}

/*
 * Logged in on host 1, the form's token taken there; the record posted on
 * host 2 with it; its evidence read back on host 1, byte for byte.
 */
START_TEST(test_a_teacher_goes_on_on_the_other_host)
{
	struct client *cl = client_new();
	char *login = open_school_teacher(&srv, 0), *token, *name, path[96];
	long before1, before2, id, ev;
	struct reply r;
	xmlDocPtr d;

	only_host(1);
	before2 = served_by(2);
	ck_assert_int_eq(login_as(cl, &srv, login, DEMO_PW), 303);
	token = csrf_token(cl, &srv);
	ck_assert_str_ne(token, "");
	ck_assert_int_eq(served_by(2), before2);

	/* On host 2: her session and her token hold there. */
	only_host(2);
	before1 = served_by(1);
	before2 = served_by(2);
	d = get_xml(cl, &srv, "/teacher", NULL);
	name = xpath_string(d, "/page/user/@login");
	ck_assert_str_eq(name, login);
	free(name);
	xmlFreeDoc(d);
	ck_assert_int_eq(post_record(cl, token, "两台主机 · 主机二登记", &id), 303);
	ck_assert_int_gt(id, 0);
	ck_assert_int_ge(served_by(2), before2 + 2);
	ck_assert_int_eq(served_by(1), before1);

	/* On host 1 again: the record, and the file host 2 stored, as sent. */
	only_host(1);
	snprintf(path, sizeof(path), "/teacher/records/%ld", id);
	d = get_xml(cl, &srv, path, NULL);
	name = xpath_string(d, "/page/record/@state");
	ck_assert_str_eq(name, "submitted");
	free(name);
	ev = xpath_long(d, "/page/record/evidence/file/@id");
	xmlFreeDoc(d);
	ck_assert_int_gt(ev, 0);
	snprintf(path, sizeof(path), "/teacher/evidence/%ld", ev);
	ck_assert_int_eq(client_do(cl, &srv, "GET", path, NULL, NULL, 0, NULL, &r), 0);
	ck_assert_int_eq(r.status, 200);
	ck_assert_uint_eq(r.len, test_png_len);
	ck_assert(memcmp(r.body, test_png, test_png_len) == 0);
	reply_free(&r);
	only_host(0);
	free(token);
	free(login);
	client_free(cl);
}
END_TEST

/* A one-row roster file previewed on host 1 and committed on host 2. */
START_TEST(test_an_import_previewed_on_one_host_is_committed_on_the_other)
{
	struct client *cl = client_new();
	char id17[18] = "51110219850303201", idn[19], body[256], path[128], *token, *s;
	const char *fields[2 + 1] = { "csrf", NULL, NULL };
	struct upload up = { "file", "名册.csv", "text/csv", body, 0 };
	struct reply r;
	xmlDocPtr d;
	long batch;

	snprintf(idn, sizeof(idn), "%s%c", id17, idcard_check_char(id17));
	snprintf(body, sizeof(body), "姓名,性别,身份证号\r\n跨主机教师,女,%s\r\n", idn);
	up.len = strlen(body);
	only_host(1);
	ck_assert_int_eq(login_as(cl, &srv, "wtq-zg-admin", DEMO_PW), 303);
	token = csrf_token(cl, &srv);
	fields[1] = token;
	ck_assert_int_eq(client_post_multipart(cl, &srv, "/school/roster/import?format=xml", fields, &up, 1, &r), 0);
	ck_assert_int_eq(r.status, 200);
	d = reply_xml(&r);
	reply_free(&r);
	ck_assert_int_eq(xpath_long(d, "/page/import/@new"), 1);
	batch = xpath_long(d, "/page/import/@id");
	xmlFreeDoc(d);
	ck_assert_int_gt(batch, 0);
	ck_assert_int_eq(srv_int(&srv, "SELECT count(*) FROM teacher WHERE name = '跨主机教师'"), 0);

	only_host(2);
	snprintf(path, sizeof(path), "/school/roster/import/%ld/commit?format=xml", batch);
	ck_assert_int_eq(post_form(cl, &srv, path, "", &r), 200);
	d = reply_xml(&r);
	reply_free(&r);
	ck_assert_int_eq(xpath_long(d, "/page/import/@added"), 1);
	xmlFreeDoc(d);
	s = srv_text(&srv, "SELECT t.id_number FROM teacher t WHERE t.name = '跨主机教师'");
	ck_assert_str_eq(s, idn);
	free(s);
	only_host(0);
	free(token);
	client_free(cl);
}
END_TEST

#define WRITERS 4
#define EACH 8

struct writer {
	int n;
	long status[EACH], id[EACH];
	char text[EACH][64];
};

static void *
writer_main(void *arg)
{
	struct writer *w = arg;
	struct client *cl = client_new();
	char *login = open_school_teacher(&srv, 1 + w->n), *token;

	if (login_as(cl, &srv, login, DEMO_PW) == 303) {
		for (int i = 0; i < EACH; i++) {
			token = csrf_token(cl, &srv);
			snprintf(w->text[i], sizeof(w->text[i]), "两台主机同时登记 %s #%d", login, i);
			w->status[i] = post_record(cl, token, w->text[i], &w->id[i]);
			free(token);
		}
	}
	free(login);
	client_free(cl);
	return NULL;
}

/* Four teachers registering at once, over both hosts: every record once, with its file. */
START_TEST(test_teachers_on_both_hosts_at_once_lose_and_duplicate_nothing)
{
	struct writer w[WRITERS];
	pthread_t th[WRITERS];
	long before1, before2;

	only_host(0);
	before1 = served_by(1);
	before2 = served_by(2);
	memset(w, 0, sizeof(w));
	for (int i = 0; i < WRITERS; i++) {
		w[i].n = i;
		ck_assert_int_eq(pthread_create(&th[i], NULL, writer_main, &w[i]), 0);
	}
	for (int i = 0; i < WRITERS; i++)
		pthread_join(th[i], NULL);
	/* Both hosts took their share (round robin: about half each of some 100 requests). */
	ck_assert_int_ge(served_by(1) - before1, 20);
	ck_assert_int_ge(served_by(2) - before2, 20);
	for (int i = 0; i < WRITERS; i++)
		for (int k = 0; k < EACH; k++) {
			char sql[256], *esc;
			ck_assert_msg(w[i].status[k] == 303, "%s: %ld", w[i].text[k], w[i].status[k]);
			esc = w[i].text[k];
			snprintf(sql, sizeof(sql), "SELECT count(*) FROM record WHERE description = '%s'", esc);
			ck_assert_int_eq(srv_int(&srv, sql), 1);
			snprintf(sql, sizeof(sql), "SELECT count(*) FROM record r JOIN evidence e ON e.record_id = r.id"
			    " WHERE r.id = %ld AND r.description = '%s'", w[i].id[k], esc);
			ck_assert_int_eq(srv_int(&srv, sql), 1);
		}
	ck_assert_int_eq(srv_int(&srv, "SELECT count(*) FROM record WHERE description LIKE '两台主机同时登记 %'"),
	    WRITERS * EACH);
	ck_assert_int_eq(srv_broken_references(&srv), 0);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("hosts");
	TCase *tc = tcase_create("two hosts, one database");

	tcase_add_unchecked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 600);
	tcase_add_test(tc, test_a_teacher_goes_on_on_the_other_host);
	tcase_add_test(tc, test_an_import_previewed_on_one_host_is_committed_on_the_other);
	tcase_add_test(tc, test_teachers_on_both_hosts_at_once_lose_and_duplicate_nothing);
	suite_add_tcase(s, tc);
	return suite_main(s, "test_hosts", &log_reports);
}
