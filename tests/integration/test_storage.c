/*
 * test_storage.c - when storage fails, the user is told and nothing is
 * half-saved. The database and the evidence live on a small tmpfs of the
 * test's own (the evidence on a second one, so that it can be made
 * read-only while the programs run); the test fills the disk or remounts
 * the evidence read-only, posts a record as a teacher would, and expects:
 * 503 with a Chinese message saying what happened and that nothing was
 * saved, the form with what was typed, no record stored, the SQLite or
 * errno text in the program's log with the route; and, once the disk has
 * room again, the same post saved.
 *
 * Mounting a tmpfs needs root, which the test command has (it installs
 * packages with apt-get): a machine where mounting is refused fails here.
 */
#include "common.h"

#include <check.h>
#include <curl/curl.h>
#include <errno.h>
#include <fcntl.h>
#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

static struct server srv;
static int log_reports;
static char store[256], evidence[300];

static void
setup(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
	snprintf(store, sizeof(store), "/tmp/xs-store-XX" "XX" "XX");
	if (mkdtemp(store) == NULL || mount("tmpfs", store, "tmpfs", 0, "size=48m,mode=0755") != 0) {
		fprintf(stderr, "test_storage: cannot mount a tmpfs on %s: %s\n", store, strerror(errno));
		exit(1);
	}
	snprintf(evidence, sizeof(evidence), "%s/evidence", store);
	if (mkdir(evidence, 0750) != 0 ||
	    mount("tmpfs", evidence, "tmpfs", 0, "size=32m,mode=0750") != 0) {
		fprintf(stderr, "test_storage: cannot mount %s: %s\n", evidence, strerror(errno));
		exit(1);
	}
	if (server_start_in(&srv, store) != 0) {
		server_stop(&srv);
		exit(1);
	}
}

static void
teardown(void)
{
	server_halt(&srv);
	log_reports += server_log_reports(&srv);
	server_stop(&srv);
	umount2(evidence, MNT_DETACH);
	umount2(store, MNT_DETACH);
	rmdir(store);
	curl_global_cleanup();
}

/* A one-page PDF that no other upload has: the evidence store must write it. */
static char *
fresh_pdf(size_t *len)
{
	static int serial;
	char *p = malloc(512);

	*len = (size_t)snprintf(p, 512,
	    "%%PDF-1.4\n%% storage test %d %ld\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
	    "2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
	    "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
	    "trailer<</Root 1 0 R>>\n%%%%EOF\n", ++serial, (long)getpid());
	return p;
}

static long long
records(void)
{
	return srv_int(&srv, "SELECT count(*) FROM record");
}

/* Post a 党建 record as teacher cl; with_file attaches a fresh PDF. Returns the status. */
static long
post(struct client *cl, int with_file, const char *action, xmlDocPtr *doc)
{
	char item[32], *token = csrf_token(cl, &srv);
	size_t len = 0;
	char *pdf = fresh_pdf(&len);
	struct upload up = { "evidence", "学习记录.pdf", "application/pdf", pdf, len };
	struct reply r;
	long status;

	snprintf(item, sizeof(item), "%lld", srv_int(&srv, "SELECT i.id FROM item i JOIN school_year y"
	    " ON y.id = i.school_year_id AND y.is_current = 1 JOIN district d ON d.id = y.district_id"
	    " WHERE d.code = 'wutongqiao' AND i.code = 'djxx'"));
	{
		const char *f[] = { "csrf", token, "item", item, "started_on", "2022-03-10",
			"ended_on", "2022-03-10", "quantity", "1", "organiser", "五通桥区教育局党组",
			"description", "第一学期党建学习", "action", action, NULL };
		ck_assert_int_eq(client_post_multipart(cl, &srv, doc ? "/teacher/records/new?format=xml" :
		    "/teacher/records/new", f, &up, with_file ? 1 : 0, &r), 0);
	}
	status = r.status;
	if (doc != NULL)
		*doc = status == 303 ? NULL : reply_xml(&r);
	reply_free(&r);
	free(pdf);
	free(token);
	return status;
}

static void
assert_refused_and_kept(xmlDocPtr d, const char *code)
{
	char *s = xpath_string(d, "/page/storage-error/@code");
	ck_assert_str_eq(s, code);
	free(s);
	s = xpath_string(d, "/page/form/value[@name='organiser']");
	ck_assert_str_eq(s, "五通桥区教育局党组");
	free(s);
	s = xpath_string(d, "/page/form/value[@name='description']");
	ck_assert_str_eq(s, "第一学期党建学习");
	free(s);
}

/* The teacher program's log has the route and the system's words for it. */
static int
log_has(const char *needle)
{
	char path[700], buf[1 << 16];
	FILE *f;
	size_t n;

	snprintf(path, sizeof(path), "%s/logs/teacher.log", srv.dir);
	if ((f = fopen(path, "r")) == NULL)
		return 0;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	return strstr(buf, needle) != NULL;
}

/* Fill the file system at dir; returns the filler's path (unlink it to make room). */
static void
fill(const char *dir, char *filler, size_t len)
{
	static char chunk[1 << 16];
	int fd;

	snprintf(filler, len, "%s/filler", dir);
	fd = open(filler, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	ck_assert_int_ge(fd, 0);
	memset(chunk, 'x', sizeof(chunk));
	while (write(fd, chunk, sizeof(chunk)) > 0)
		;
	ck_assert_int_eq(errno, ENOSPC);
	close(fd);
}

START_TEST(test_full_disk_says_so_and_keeps_the_form)
{
	struct client *t = client_new();
	char filler[400];
	xmlDocPtr d;
	struct reply r;
	long long before;

	ck_assert_int_eq(login_as(t, &srv, "WTQ00074", DEMO_PW), 303);
	ck_assert_int_eq(post(t, 1, "submit", NULL), 303);
	before = records();
	/* The evidence disk is full: the file cannot be stored. */
	fill(evidence, filler, sizeof(filler));
	ck_assert_int_eq(post(t, 1, "submit", &d), 503);
	assert_refused_and_kept(d, "storage_full");
	xmlFreeDoc(d);
	ck_assert_int_eq(records(), before);
	ck_assert(log_has("teacher_record_create"));
	ck_assert(log_has("No space left on device"));
	/* The same in HTML, in Chinese. */
	{
		char *token = csrf_token(t, &srv);
		size_t len;
		char *pdf = fresh_pdf(&len), item[32];
		struct upload up = { "evidence", "学习记录.pdf", "application/pdf", pdf, len };
		snprintf(item, sizeof(item), "%lld", srv_int(&srv, "SELECT i.id FROM item i JOIN school_year y"
		    " ON y.id = i.school_year_id AND y.is_current = 1 JOIN district d ON d.id = y.district_id"
		    " WHERE d.code = 'wutongqiao' AND i.code = 'djxx'"));
		const char *f[] = { "csrf", token, "item", item, "started_on", "2022-03-10",
			"ended_on", "2022-03-10", "quantity", "1", "organiser", "五通桥区教育局党组",
			"action", "submit", NULL };
		ck_assert_int_eq(client_post_multipart(t, &srv, "/teacher/records/new", f, &up, 1, &r), 0);
		ck_assert_int_eq(r.status, 503);
		ck_assert(reply_contains(&r, "磁盘已满，本次提交没有保存"));
		ck_assert(reply_contains(&r, "五通桥区教育局党组"));
		reply_free(&r);
		free(pdf);
		free(token);
	}
	/* Room again: the same post is saved. */
	ck_assert_int_eq(unlink(filler), 0);
	ck_assert_int_eq(post(t, 1, "submit", NULL), 303);
	ck_assert_int_eq(records(), before + 1);

	/*
	 * The database's disk is full: a draft (no file) cannot be written
	 * either. On PostgreSQL the database is on the server's disk, not in
	 * this store: a full disk there is its SQLSTATE 53100, told as the same
	 * storage_full (core/db_pg.c), which this test cannot bring about.
	 */
	if (server_is_pg(&srv)) {
		client_free(t);
		return;
	}
	ck_assert_int_eq(srv_sql(&srv, "PRAGMA wal_checkpoint(TRUNCATE)"), 0);
	before = records();
	fill(store, filler, sizeof(filler));
	{
		long st = post(t, 0, "draft", &d);
		if (st != 503) {
			char cmd[900];
			snprintf(cmd, sizeof(cmd), "tail -n 30 %s/logs/*.log >&2", srv.dir);
			if (system(cmd) != 0)
				fprintf(stderr, "(no logs)\n");
		}
		ck_assert_int_eq(st, 503);
	}
	assert_refused_and_kept(d, "storage_full");
	xmlFreeDoc(d);
	ck_assert(log_has("database or disk is full") || log_has("No space left"));
	ck_assert_int_eq(unlink(filler), 0);
	ck_assert_int_eq(records(), before);
	ck_assert_int_eq(post(t, 0, "draft", NULL), 303);
	ck_assert_int_eq(records(), before + 1);
	client_free(t);
}
END_TEST

START_TEST(test_read_only_evidence_says_so)
{
	struct client *t = client_new();
	xmlDocPtr d;
	long long before;

	ck_assert_int_eq(login_as(t, &srv, "WTQ00075", DEMO_PW), 303);
	before = records();
	ck_assert_int_eq(mount(NULL, evidence, NULL, MS_REMOUNT | MS_RDONLY, NULL), 0);
	ck_assert_int_eq(post(t, 1, "submit", &d), 503);
	assert_refused_and_kept(d, "storage_readonly");
	xmlFreeDoc(d);
	ck_assert(log_has("Read-only file system"));
	ck_assert_int_eq(records(), before);
	/* Reading still works while the store is read-only. */
	d = get_xml(t, &srv, "/teacher", NULL);
	ck_assert_int_gt(xpath_long(d, "count(/page/records/record)"), 0);
	xmlFreeDoc(d);
	ck_assert_int_eq(mount(NULL, evidence, NULL, MS_REMOUNT, NULL), 0);
	ck_assert_int_eq(post(t, 1, "submit", NULL), 303);
	ck_assert_int_eq(records(), before + 1);
	client_free(t);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("storage");
	TCase *tc = tcase_create("full and read-only storage through nginx");
	SRunner *sr;
	int failed;

	tcase_add_unchecked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, test_full_disk_says_so_and_keeps_the_form);
	tcase_add_test(tc, test_read_only_evidence_says_so);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_set_fork_status(sr, CK_NOFORK);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 && log_reports == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
