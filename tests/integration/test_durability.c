/*
 * test_durability.c - nothing acknowledged is lost (../shared/security.md):
 * teachers register records with evidence and the school approves them,
 * concurrently, through nginx, while the test kills with SIGKILL, at random
 * moments, a worker, nginx, or the whole process group (nginx, every
 * program, run-local.sh: a crash of the host's services), restarting
 * whatever no longer runs. Afterwards every request that was answered 303
 * is in the database with its evidence (the file's SHA-256 on disk is what
 * the client sent), every record made in the run has its files, and
 * SQLite's integrity_check and foreign_key_check are clean. On PostgreSQL
 * (XUESHI_TEST_PG) the test also kills the database server itself, at
 * random moments among the others, and starts it again.
 *
 * The run lasts XUESHI_DURABILITY_SECONDS (40 by default) or, when
 * XUESHI_DURABILITY_KILLS is set, until that many kills
 * (bench/durability runs 1,000). XUESHI_DURABILITY_SEED replays a run's
 * choice of moments and targets (the seed is printed).
 */
#include <check.h>
#include <dirent.h>
#include <curl/curl.h>
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "common.h"

#define TEACHERS 4
#define MAX_ACKS 20000

static struct server srv;
static int log_reports;

/* What the clients were told: a record id with the SHA-256 it was sent, or an approval. */
struct ack {
	long long record;
	char sha[65];
	char text[64];
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct ack *acks;
static size_t nacks;
static long long approved[MAX_ACKS];
static size_t napproved;
static volatile int stopping;
static long long first_new_record;  /* records above this id were made during the run */
static long unexpected;             /* answers that are neither 303 nor a designed failure */
static long attempts, refused;      /* posts tried; answered 502/503/504 or not at all */
static char item_id[32];

static int
designed_failure(long status)
{
	/* No answer (nginx or the group was killed), a worker that died under nginx (502), busy (503), timeout (504). */
	return status == 0 || status == 502 || status == 503 || status == 504;
}

static void
note_unexpected(const char *what, long status, const struct reply *r)
{
	pthread_mutex_lock(&lock);
	unexpected++;
	pthread_mutex_unlock(&lock);
	{
		/* Which of the core's checks refused it (the test switch, below), and the page's message. */
		char *by = r ? reply_header(r, "X-Xueshi-Refused") : NULL;
		const char *msg = r && r->body ? strstr(r->body, "<main") : NULL;
		fprintf(stderr, "durability: %s answered %ld (refused by %s): %.400s\n", what, status,
		    by ? by : "-", msg ? msg : r && r->body ? r->body : "");
		free(by);
	}
}

static void
hex(const unsigned char *d, size_t n, char *out)
{
	for (size_t i = 0; i < n; i++)
		sprintf(out + 2 * i, "%02x", d[i]);
}

/* A PDF of 20-300 kB that no other upload has (a comment of random hex in it). */
static char *
evidence_pdf(unsigned *seed, int who, long serial, size_t *len)
{
	size_t lines = 300 + (size_t)(rand_r(seed) % 4400), n = 0, cap = lines * 66 + 1024;
	char *p = malloc(cap);

	n += (size_t)snprintf(p + n, cap - n, "%%PDF-1.4\n%% durability %d %ld %ld\n", who, serial, (long)getpid());
	for (size_t i = 0; i < lines; i++) {
		p[n++] = '%';
		for (int k = 0; k < 64; k++)
			p[n++] = "0123456789abcdef"[rand_r(seed) & 15];
		p[n++] = '\n';
	}
	n += (size_t)snprintf(p + n, cap - n,
	    "1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
	    "2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
	    "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
	    "trailer<</Root 1 0 R>>\n%%%%EOF\n");
	*len = n;
	return p;
}

/*
 * Log in, again while the answer is one the kills cause (no answer, 502,
 * 503, 504): the killer starts with the clients, and a login cut off must
 * not leave a client posting without a session for the rest of the run.
 */
static int
log_in(struct client *cl, const char *login)
{
	while (!stopping) {
		long status = login_as(cl, &srv, login, DEMO_PW);
		if (status == 303)
			return 1;
		if (!designed_failure(status)) {
			note_unexpected(login, status, NULL);
			return 0;
		}
		usleep(50 * 1000);
	}
	return 0;
}

struct teacher_arg {
	char login[32];
	int who;
	unsigned seed;
};

static void *
teacher_main(void *arg)
{
	struct teacher_arg *a = arg;
	struct client *cl = client_new();
	long serial = 0;

	/* (No ck_assert in a thread: a failure is counted and asserted by the test.) */
	if (!log_in(cl, a->login)) {
		client_free(cl);
		return NULL;
	}
	while (!stopping) {
		size_t len;
		char *pdf, *token = csrf_token(cl, &srv), text[64], day[16];
		unsigned char digest[crypto_hash_sha256_BYTES];
		struct reply r;
		long status = 0;

		if (*token == '\0') {
			/* The server is down or restarting: try again shortly. */
			free(token);
			usleep(50 * 1000);
			continue;
		}
		serial++;
		pdf = evidence_pdf(&a->seed, a->who, serial, &len);
		crypto_hash_sha256(digest, (const unsigned char *)pdf, len);
		snprintf(text, sizeof(text), "durability %s #%ld", a->login, serial);
		snprintf(day, sizeof(day), "2022-03-%02ld", 1 + serial % 28);
		{
			struct upload up = { "evidence", "学习记录.pdf", "application/pdf", pdf, len };
			const char *f[] = { "csrf", token, "item", item_id, "started_on", day,
				"ended_on", day, "quantity", "1", "organiser", "五通桥区教育局党组",
				"description", text, "action", "submit", NULL };
			if (client_post_multipart(cl, &srv, "/teacher/records/new", f, &up, 1, &r) == 0)
				status = r.status;
		}
		pthread_mutex_lock(&lock);
		attempts++;
		pthread_mutex_unlock(&lock);
		if (status == 303) {
			char *loc = reply_header(&r, "Location");
			const char *tail = loc ? strstr(loc, "/teacher/records/") : NULL;
			long long id = tail ? atoll(tail + strlen("/teacher/records/")) : 0;
			if (id <= 0)
				note_unexpected("a record's Location", status, &r);
			else {
				pthread_mutex_lock(&lock);
				if (nacks < MAX_ACKS) {
					acks[nacks].record = id;
					hex(digest, sizeof(digest), acks[nacks].sha);
					snprintf(acks[nacks].text, sizeof(acks[nacks].text), "%s", text);
					nacks++;
				}
				pthread_mutex_unlock(&lock);
			}
			free(loc);
		} else if (designed_failure(status)) {
			pthread_mutex_lock(&lock);
			refused++;
			pthread_mutex_unlock(&lock);
		} else
			note_unexpected("a record", status, &r);
		reply_free(&r);
		free(pdf);
		free(token);
	}
	client_free(cl);
	return NULL;
}

/*
 * The oldest record of the run still waiting for the school (read from the
 * database: SQLite's file, or PostgreSQL's database, which may be down for
 * a moment after a kill: then 0, as none).
 */
static long long
next_submitted(void)
{
	char sql[160];
	long long id;

	snprintf(sql, sizeof(sql), "SELECT coalesce(min(id), 0) FROM record WHERE id > %lld AND state = 'submitted'",
	    first_new_record);
	id = srv_int(&srv, sql);
	return id > 0 ? id : 0;
}

static void *
reviewer_main(void *arg)
{
	struct client *cl = client_new();

	(void)arg;
	if (!log_in(cl, "wtq-zg-admin")) {
		client_free(cl);
		return NULL;
	}
	while (!stopping) {
		long long id = next_submitted();
		char path[96], *token, body[256];
		struct reply r;
		long status = 0;

		if (id <= 0) {
			usleep(20 * 1000);
			continue;
		}
		token = csrf_token(cl, &srv);
		if (*token == '\0') {
			free(token);
			usleep(50 * 1000);
			continue;
		}
		snprintf(path, sizeof(path), "/school/records/%lld/review", id);
		snprintf(body, sizeof(body), "decision=approve&csrf=%s", token);
		if (client_do(cl, &srv, "POST", path, "application/x-www-form-urlencoded", body,
		    strlen(body), NULL, &r) == 0)
			status = r.status;
		pthread_mutex_lock(&lock);
		attempts++;
		if (status == 303 && napproved < MAX_ACKS)
			approved[napproved++] = id;
		else if (designed_failure(status))
			refused++;
		pthread_mutex_unlock(&lock);
		if (status != 303 && !designed_failure(status))
			note_unexpected(path, status, &r);
		reply_free(&r);
		free(token);
	}
	client_free(cl);
	return NULL;
}

static pid_t
read_pid(const char *name)
{
	char path[700];
	FILE *f;
	long pid = 0;

	snprintf(path, sizeof(path), "%s/run/%s.pid", srv.dir, name);
	if ((f = fopen(path, "r")) == NULL)
		return 0;
	if (fscanf(f, "%ld", &pid) != 1)
		pid = 0;
	fclose(f);
	return (pid_t)pid;
}

/* A random worker of a random program (its master's children), or 0. */
static pid_t
some_worker(unsigned *seed)
{
	static const char *progs[] = { "teacher", "teacher", "school", "school", "auth" };
	pid_t master = read_pid(progs[rand_r(seed) % 5]), kids[64];
	char path[96];
	FILE *f;
	size_t n = 0;
	long k;

	if (master <= 0)
		return 0;
	snprintf(path, sizeof(path), "/proc/%ld/task/%ld/children", (long)master, (long)master);
	if ((f = fopen(path, "r")) == NULL)
		return 0;
	while (n < 64 && fscanf(f, "%ld", &k) == 1)
		kids[n++] = (pid_t)k;
	fclose(f);
	return n ? kids[rand_r(seed) % n] : 0;
}

/* 1 while a process of group g runs (a zombie, which holds no socket, does not count). */
static int
group_runs(pid_t g)
{
	DIR *d = opendir("/proc");
	struct dirent *e;
	int runs = 0;

	if (d == NULL)
		return kill(-g, 0) == 0;
	while (!runs && (e = readdir(d)) != NULL) {
		char path[300], buf[512], *p, state;
		long pgrp;
		FILE *f;
		if (e->d_name[0] < '0' || e->d_name[0] > '9')
			continue;
		snprintf(path, sizeof(path), "/proc/%s/stat", e->d_name);
		if ((f = fopen(path, "r")) == NULL)
			continue;
		if (fgets(buf, sizeof(buf), f) != NULL && (p = strrchr(buf, ')')) != NULL &&
		    sscanf(p + 1, " %c %*d %ld", &state, &pgrp) == 2 && pgrp == (long)g && state != 'Z')
			runs = 1;
		fclose(f);
	}
	closedir(d);
	return runs;
}

/* Kill what is left of process group g and wait (up to 30 s) until none of it runs. */
static void
group_gone(pid_t g)
{
	for (int i = 0; i < 3000 && group_runs(g); i++) {
		kill(-g, SIGKILL);
		usleep(10 * 1000);
	}
}

/*
 * PostgreSQL's server killed with SIGKILL and started again (its cluster
 * is the directory above XUESHI_TEST_PG's socket; tests/pg/cluster.sh):
 * the programs' connections end, their requests in flight fail (a 503),
 * and they connect again. What the server acknowledged it has after its
 * recovery (fsync on).
 */
static void
kill_database(void)
{
	char dir[1100], cmd[2600];

	snprintf(dir, sizeof(dir), "%s", test_pg());
	if (strrchr(dir, '/') != NULL)
		*strrchr(dir, '/') = '\0';
	snprintf(cmd, sizeof(cmd), "'%s/tests/pg/cluster.sh' kill '%s' && '%s/tests/pg/cluster.sh' start '%s' >/dev/null",
	    env_srcdir(), dir, env_srcdir(), dir);
	ck_assert_msg(system(cmd) == 0, "the PostgreSQL server did not start again after a kill");
}

/* After nginx or the group died: whatever is left goes, and the server starts again. */
static void
restart(void)
{
	pid_t g = srv.pid;
	int st;

	/* run-local.sh stops the programs itself when nginx ends; give it 30 s. */
	for (int i = 0; i < 3000 && waitpid(g, &st, WNOHANG) == 0; i++)
		usleep(10 * 1000);
	kill(-g, SIGKILL);
	waitpid(g, &st, 0);
	srv.pid = 0;
	group_gone(g);
	ck_assert_msg(server_restart(&srv) == 0, "the server did not come back after a kill");
}

static long
env_long(const char *name, long dflt)
{
	const char *v = getenv(name);
	return v && *v ? atol(v) : dflt;
}

static double
now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static char *
file_sha(const char *sha)
{
	char path[1200];
	unsigned char digest[crypto_hash_sha256_BYTES];
	crypto_hash_sha256_state h;
	unsigned char buf[65536];
	size_t n;
	FILE *f;
	char *out = calloc(1, 65);

	snprintf(path, sizeof(path), "%s/evidence/%.2s/%s", srv.dir, sha, sha);
	if ((f = fopen(path, "rb")) == NULL)
		return out;
	crypto_hash_sha256_init(&h);
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		crypto_hash_sha256_update(&h, buf, n);
	fclose(f);
	crypto_hash_sha256_final(&h, digest);
	hex(digest, sizeof(digest), out);
	return out;
}

START_TEST(test_kill_9_loses_nothing_acknowledged)
{
	long seconds = env_long("XUESHI_DURABILITY_SECONDS", 40);
	long want_kills = env_long("XUESHI_DURABILITY_KILLS", 0);
	unsigned seed = (unsigned)env_long("XUESHI_DURABILITY_SEED", (long)(time(NULL) ^ getpid()));
	pthread_t th[TEACHERS + 1];
	struct teacher_arg ta[TEACHERS];
	long kills[4] = { 0, 0, 0, 0 };   /* a worker, nginx, the group, PostgreSQL's server */
	double start;
	char *rows;

	curl_global_init(CURL_GLOBAL_ALL);
	ck_assert_int_ge(sodium_init(), 0);
	/* Started here, not in a fixture: this process must be the parent of run-local.sh to see it end. */
	/* The core says in X-Xueshi-Refused which check refused a request (for the messages above). */
	setenv("XUESHI_FAULT_INJECTION", "1", 1);
	ck_assert_int_eq(server_start(&srv), 0);
	fprintf(stderr, "durability: seed %u, %s %ld\n", seed, want_kills ? "kills" : "seconds",
	    want_kills ? want_kills : seconds);
	acks = calloc(MAX_ACKS, sizeof(*acks));
	snprintf(item_id, sizeof(item_id), "%lld", srv_int(&srv, "SELECT i.id FROM item i JOIN school_year y"
	    " ON y.id = i.school_year_id AND y.is_current = 1 JOIN district d ON d.id = y.district_id"
	    " WHERE d.code = 'wutongqiao' AND i.code = 'djxx'"));
	first_new_record = srv_int(&srv, "SELECT max(id) FROM record");
	for (int i = 0; i < TEACHERS; i++) {
		char *login = open_school_teacher(&srv, i);
		ck_assert_str_ne(login, "");
		snprintf(ta[i].login, sizeof(ta[i].login), "%s", login);
		free(login);
		ta[i].who = i;
		ta[i].seed = seed + 7919u * (unsigned)(i + 1);
	}
	for (int i = 0; i < TEACHERS; i++)
		ck_assert_int_eq(pthread_create(&th[i], NULL, teacher_main, &ta[i]), 0);
	ck_assert_int_eq(pthread_create(&th[TEACHERS], NULL, reviewer_main, NULL), 0);

	start = now_s();
	for (;;) {
		long total = kills[0] + kills[1] + kills[2] + kills[3];
		int dice;
		if (want_kills ? total >= want_kills : now_s() - start >= seconds)
			break;
		/* A random moment: 50-600 ms after the last kill. */
		usleep((useconds_t)(50000 + rand_r(&seed) % 550000));
		dice = rand_r(&seed) % 100;
		/* On PostgreSQL, the database server at least once: a twentieth of the kills, the first by the 20th. */
		if (server_is_pg(&srv) && kills[3] == 0 && total >= 19)
			dice = 99;
		if (dice < 80) {
			pid_t w = some_worker(&seed);
			if (w > 0 && kill(w, SIGKILL) == 0)
				kills[0]++;
		} else if (dice < 90) {
			pid_t n = read_pid("nginx");
			if (n > 0 && kill(n, SIGKILL) == 0) {
				kills[1]++;
				restart();
			}
		} else if (dice < 95 || !server_is_pg(&srv)) {
			kill(-srv.pid, SIGKILL);
			kills[2]++;
			restart();
		} else {
			kill_database();
			kills[3]++;
		}
	}
	/* The clients keep going for a moment with everything running, then stop. */
	usleep(500 * 1000);
	stopping = 1;
	for (int i = 0; i <= TEACHERS; i++)
		pthread_join(th[i], NULL);
	server_halt(&srv);
	log_reports += server_log_reports(&srv);

	fprintf(stderr, "durability: %.0f s; kills: %ld workers, %ld nginx, %ld whole group, %ld database server; "
	    "%ld posts, %zu records and %zu approvals acknowledged, %ld refused or unanswered, %ld unexpected\n",
	    now_s() - start, kills[0], kills[1], kills[2], kills[3], attempts, nacks, napproved, refused, unexpected);
	/* The run did what it says: kills of each kind, and work acknowledged between them. */
	ck_assert_int_ge(kills[0], 5);
	ck_assert_int_ge(kills[1] + kills[2], 1);
	if (server_is_pg(&srv))
		ck_assert_int_ge(kills[3], 1);
	ck_assert_uint_ge(nacks, 10);
	ck_assert_uint_ge(napproved, 1);

	/*
	 * The database is sound: SQLite's integrity_check and foreign_key_check;
	 * PostgreSQL enforces its foreign keys at every statement (there is no
	 * state in which they are off), so its check is that no evidence row or
	 * review lost its record, nor a record its teacher-year.
	 */
	if (!server_is_pg(&srv)) {
		char *ok = srv_text(&srv, "PRAGMA integrity_check");
		ck_assert_str_eq(ok, "ok");
		free(ok);
	}
	ck_assert_int_eq(srv_broken_references(&srv), 0);

	/* Every acknowledged record: there, with its text and its evidence, the file as sent. */
	for (size_t i = 0; i < nacks; i++) {
		char *on_disk, *text;
		text = srv_textf(&srv, "SELECT r.description FROM record r"
		    " JOIN evidence e ON e.record_id = r.id JOIN evidence_file f ON f.sha256 = e.sha256"
		    " WHERE r.id = %lld AND e.sha256 = '%s'", acks[i].record, acks[i].sha);
		ck_assert_msg(*text != '\0', "record %lld (%s) was acknowledged and is lost",
		    acks[i].record, acks[i].text);
		ck_assert_str_eq(text, acks[i].text);
		free(text);
		on_disk = file_sha(acks[i].sha);
		ck_assert_msg(strcmp(on_disk, acks[i].sha) == 0, "the evidence of record %lld is not intact on disk",
		    acks[i].record);
		free(on_disk);
	}

	/* Every acknowledged approval: the record is school-approved, with the school's review. */
	for (size_t i = 0; i < napproved; i++) {
		char sql[256];
		snprintf(sql, sizeof(sql), "SELECT count(*) FROM record r JOIN review v ON v.record_id = r.id"
		    " AND v.stage = 'school' AND v.decision = 'approve' WHERE r.id = %lld AND r.state = 'school_approved'",
		    approved[i]);
		ck_assert_msg(srv_int(&srv, sql) == 1, "the approval of record %lld was acknowledged and is lost",
		    approved[i]);
	}

	/* Every record the run made, acknowledged or not: each evidence row has its file, intact. */
	rows = srv_rowsf(&srv, "SELECT DISTINCT e.sha256 FROM evidence e WHERE e.record_id > %lld", first_new_record);
	ck_assert_ptr_nonnull(rows);
	for (char *line = rows, *next; *line != '\0'; line = next) {
		char *on_disk;
		next = strchr(line, '\n');
		if (next == NULL)
			next = line + strlen(line);
		else
			*next++ = '\0';
		on_disk = file_sha(line);
		ck_assert_msg(strcmp(on_disk, line) == 0, "evidence %s is named in the database and not intact on disk", line);
		free(on_disk);
	}
	free(rows);
	/* ... and no record of the run stands without the evidence it was posted with. */
	ck_assert_int_eq(srv_intf(&srv, "SELECT count(*) FROM record r WHERE r.id > %lld"
	    " AND NOT EXISTS (SELECT 1 FROM evidence e WHERE e.record_id = r.id)", first_new_record), 0);
	/* Last, so that a run with an odd answer still says whether anything was lost. */
	ck_assert_int_eq(unexpected, 0);
	free(acks);
	server_stop(&srv);
	curl_global_cleanup();
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("durability");
	TCase *tc = tcase_create("kill -9");
	long kills = env_long("XUESHI_DURABILITY_KILLS", 0);

	/* About a minute in the suite; the bench's 1,000 kills take longer. */
	tcase_set_timeout(tc, (double)(kills ? 600 + kills * 6 : 600));
	tcase_add_test(tc, test_kill_9_loses_nothing_acknowledged);
	suite_add_tcase(s, tc);
	return suite_main(s, "test_durability", &log_reports);
}
