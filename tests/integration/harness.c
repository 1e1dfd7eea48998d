/* harness.c - see harness.h */
#include "harness.h"

#include <libpq-fe.h>

#include <curl/curl.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

const char *
env_srcdir(void)
{
	const char *v = getenv("XUESHI_SRCDIR");
	return v ? v : ".";
}

const char *
env_builddir(void)
{
	const char *v = getenv("XUESHI_BUILDDIR");
	return v ? v : ".";
}

/*
 * A free TCP port on 127.0.0.1 below the ephemeral range: while a test's
 * server is down (test_durability restarts it), a client's connect() to a
 * port inside that range can be given the very port as its own source and
 * connect to itself, and nginx could not bind it again.
 */
static int
free_port(void)
{
	struct sockaddr_in a;
	socklen_t len = sizeof(a);
	static unsigned seed;
	int port = -1, low = 32768;
	FILE *f = fopen("/proc/sys/net/ipv4/ip_local_port_range", "r");

	if (f != NULL) {
		if (fscanf(f, "%d", &low) != 1)
			low = 32768;
		fclose(f);
	}
	for (int attempt = 0; attempt < 200 && port < 0; attempt++) {
		int fd = socket(AF_INET, SOCK_STREAM, 0), want = 0;
		if (fd < 0)
			return -1;
		/* Ports 10000 up to the range (the last tries: any free port). */
		if (seed == 0)
			seed = (unsigned)getpid() * 2654435761u ^ (unsigned)time(NULL);
		if (attempt < 190 && low > 10100)
			want = 10000 + (int)((unsigned)rand_r(&seed) % (unsigned)(low - 10000));
		memset(&a, 0, sizeof(a));
		a.sin_family = AF_INET;
		a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		a.sin_port = htons((uint16_t)want);
		len = sizeof(a);
		if (bind(fd, (struct sockaddr *)&a, sizeof(a)) == 0 &&
		    getsockname(fd, (struct sockaddr *)&a, &len) == 0)
			port = ntohs(a.sin_port);
		close(fd);
	}
	return port;
}

static int
run_wait(char *const argv[])
{
	pid_t pid = fork();
	int st;

	if (pid < 0)
		return -1;
	if (pid == 0) {
		int devnull = open("/dev/null", 1);
		if (devnull >= 0)
			dup2(devnull, 1);
		execv(argv[0], argv);
		_exit(127);
	}
	if (waitpid(pid, &st, 0) < 0)
		return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static int server_start_with(struct server *s, const char *store, int limits);

/* server_start_fresh: the next start makes a database with `xueshictl init` only. */
static int start_fresh;

int
server_start(struct server *s)
{
	return server_start_with(s, NULL, 0);
}

int
server_start_in(struct server *s, const char *store)
{
	return server_start_with(s, store, 0);
}

int
server_start_fresh(struct server *s)
{
	start_fresh = 1;
	return server_start_with(s, NULL, 0);
}

int
server_start_limited(struct server *s)
{
	return server_start_with(s, NULL, 1);
}

/*
 * Start run-local.sh on s's directory, port and database (its store is the
 * database's directory when that is not s->dir) and wait up to 60 s for the
 * home page.
 */
static int
launch(struct server *s)
{
	char script[1024], bindir[1024], portbuf[16], store[1024], hosts[16];
	int has_store;

	snprintf(store, sizeof(store), "%s", s->db);
	if (server_is_pg(s))
		snprintf(store, sizeof(store), "%s", s->store); /* the evidence; the database is the server's */
	else if (strrchr(store, '/') != NULL)
		*strrchr(store, '/') = '\0';
	has_store = strcmp(store, s->dir) != 0;
	snprintf(script, sizeof(script), "%s/deploy/run-local.sh", env_srcdir());
	snprintf(bindir, sizeof(bindir), "%s", env_builddir());
	snprintf(portbuf, sizeof(portbuf), "%d", s->port);
	snprintf(hosts, sizeof(hosts), "%d", s->hosts > 1 ? s->hosts : 1);
	s->pid = fork();
	if (s->pid < 0)
		return -1;
	if (s->pid == 0) {
		char *argv[] = { "/bin/bash", script, "--bindir", bindir,
		    "--datadir", (char *)env_srcdir(), "--state", s->dir,
		    "--port", portbuf, "--workers", "2", "--hosts", hosts,
		    has_store ? "--store" : NULL, store, NULL };
		if (server_is_pg(s))
			setenv("XUESHI_DB", s->db, 1); /* run-host.sh's database when set to a URL */
		setpgid(0, 0);
		/* The suite's rapid requests from 127.0.0.1 would meet the
		 * per-address limits: only test_limits runs with them. */
		setenv("XUESHI_NGINX_LIMITS", s->limits ? "on" : "off", 1);
		execv(argv[0], argv);
		_exit(127);
	}
	setpgid(s->pid, s->pid);
	/* Wait up to 60 s for the home page (a loaded machine starts slowly). */
	for (int i = 0; i < 600; i++) {
		struct reply r;
		int st;
		if (waitpid(s->pid, &st, WNOHANG) == s->pid) {
			fprintf(stderr, "harness: run-local.sh exited early\n");
			s->pid = 0;
			return -1;
		}
		int ok = http_do(s, "GET", "/", NULL, NULL, 0, NULL, &r) == 0 &&
		    r.status == 200;
		reply_free(&r);
		if (ok)
			return 0;
		usleep(100 * 1000);
	}
	fprintf(stderr, "harness: server did not answer on %s\n", s->base);
	return -1;
}

/* ------------------------------------------------------------ PostgreSQL */

const char *
test_pg(void)
{
	const char *v = getenv("XUESHI_TEST_PG");
	return v != NULL && *v != '\0' ? v : NULL;
}

int
server_is_pg(const struct server *s)
{
	return strncmp(s->db, "postgresql://", 13) == 0;
}

static void
quiet(void *arg, const char *msg)
{
	(void)arg;
	(void)msg;
}

/* A statement on the cluster's maintenance database: 0 or -1. */
static int
pg_admin(const char *sql)
{
	char conn[1024];
	PGconn *c;
	PGresult *res;
	int ok;

	snprintf(conn, sizeof(conn), "postgresql:///postgres?host=%s&user=xueshi", test_pg());
	c = PQconnectdb(conn);
	if (PQstatus(c) != CONNECTION_OK) {
		fprintf(stderr, "harness: PostgreSQL: %s", PQerrorMessage(c));
		PQfinish(c);
		return -1;
	}
	PQsetNoticeProcessor(c, quiet, NULL); /* "does not exist, skipping" */
	res = PQexec(c, sql);
	ok = PQresultStatus(res) == PGRES_COMMAND_OK;
	if (!ok)
		fprintf(stderr, "harness: %s: %s", sql, PQerrorMessage(c));
	PQclear(res);
	PQfinish(c);
	return ok ? 0 : -1;
}

/* The database's name for a state directory: xs_ and the directory's suffix. */
static void
pg_name(const char *dir, char *name, size_t len)
{
	const char *x = strrchr(dir, '-');
	snprintf(name, len, "xs_%s", x != NULL ? x + 1 : "db");
	for (char *p = name; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_'))
			*p = (*p >= 'A' && *p <= 'Z') ? (char)(*p - 'A' + 'a') : '_';
}

int
pg_create(const char *dir, char *url, size_t len)
{
	char name[64], sql[128];

	pg_name(dir, name, sizeof(name));
	snprintf(sql, sizeof(sql), "DROP DATABASE IF EXISTS %s", name);
	pg_admin(sql);
	snprintf(sql, sizeof(sql), "CREATE DATABASE %s", name);
	if (pg_admin(sql) != 0)
		return -1;
	snprintf(url, len, "postgresql:///%s?host=%s&user=xueshi", name, test_pg());
	return 0;
}

/*
 * The demo database on PostgreSQL, made once (xueshictl demo
 * --preset-years, as the SQLite servers get it) into a template named after
 * the build's xueshictl (its size and time: a new build makes a new one),
 * its evidence beside the cluster; each server's database a copy of the
 * template (CREATE DATABASE … TEMPLATE: a file copy, not the thousands of
 * statements the demo is) and its evidence a copy of the template's. 0, or
 * -1 (then the caller loads the demo itself).
 */
static int
pg_demo_copy(const char *dir, const char *store, char *url, size_t len)
{
	char ctl[1024], tpl[64], name[64], sql[256], ev[1200], turl[1200], cmd[3000];
	struct stat sb;

	snprintf(ctl, sizeof(ctl), "%s/xueshictl", env_builddir());
	if (stat(ctl, &sb) != 0)
		return -1;
	snprintf(tpl, sizeof(tpl), "xs_tpl_%lld_%lld", (long long)sb.st_mtime, (long long)sb.st_size % 100000);
	snprintf(ev, sizeof(ev), "%s/../%s-evidence", test_pg(), tpl);
	if (access(ev, F_OK) != 0) {
		char build[1300], *demo[] = { ctl, "demo", turl, "--preset-years", NULL };
		int rc;
		snprintf(build, sizeof(build), "%s.part", ev);
		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", build);
		if (system(cmd) != 0)
			return -1;
		snprintf(sql, sizeof(sql), "DROP DATABASE IF EXISTS %s", tpl);
		pg_admin(sql);
		snprintf(sql, sizeof(sql), "CREATE DATABASE %s", tpl);
		if (pg_admin(sql) != 0)
			return -1;
		snprintf(turl, sizeof(turl), "postgresql:///%s?host=%s&user=xueshi", tpl, test_pg());
		setenv("XUESHI_DATADIR", env_srcdir(), 1);
		setenv("XUESHI_EVIDENCE", build, 1);
		rc = run_wait(demo);
		unsetenv("XUESHI_EVIDENCE");
		if (rc != 0 || rename(build, ev) != 0) {
			fprintf(stderr, "harness: the demo template could not be made\n");
			return -1;
		}
	}
	pg_name(dir, name, sizeof(name));
	snprintf(sql, sizeof(sql), "DROP DATABASE IF EXISTS %s", name);
	pg_admin(sql);
	snprintf(sql, sizeof(sql), "CREATE DATABASE %s TEMPLATE %s", name, tpl);
	if (pg_admin(sql) != 0)
		return -1;
	snprintf(url, len, "postgresql:///%s?host=%s&user=xueshi", name, test_pg());
	/* Into the evidence directory (a test's own file system may be mounted there already). */
	snprintf(cmd, sizeof(cmd), "mkdir -p '%s/evidence' && cp -a '%s/.' '%s/evidence/'", store, ev, store);
	return system(cmd) == 0 ? 0 : -1;
}

static void
pg_drop(const struct server *s)
{
	char name[64], sql[128];

	pg_name(s->dir, name, sizeof(name));
	snprintf(sql, sizeof(sql), "DROP DATABASE IF EXISTS %s WITH (FORCE)", name);
	pg_admin(sql);
}

int
server_restart(struct server *s)
{
	if (s->dir[0] == '\0' || s->port <= 0)
		return -1;
	server_halt(s);
	return launch(s);
}

static int pg_demo_copy(const char *dir, const char *store, char *url, size_t len);

/*
 * The demo database on SQLite, made once per build (xueshictl demo
 * --preset-years into tests/demo-template-… of the build directory, named
 * after the build's xueshictl: a new build makes a new one), and each
 * server's database and evidence a copy of it: the demo is thousands of
 * statements and some 1,700 files, made once instead of for each of the
 * suite's servers. 0, or -1 (the caller then makes the demo itself).
 */
static int
sqlite_demo_copy(const char *db, const char *ev)
{
	char ctl[1024], tpl[1400], part[1500], tdb[1600], tev[1600], cmd[5000];
	struct stat sb;

	snprintf(ctl, sizeof(ctl), "%s/xueshictl", env_builddir());
	if (stat(ctl, &sb) != 0)
		return -1;
	snprintf(tpl, sizeof(tpl), "%s/tests/demo-template-%lld-%lld", env_builddir(),
	    (long long)sb.st_mtime, (long long)sb.st_size % 100000);
	if (access(tpl, F_OK) != 0) {
		char pdb[1600], pev[1600], *demo[] = { ctl, "demo", pdb, "--preset-years", NULL };
		int rc;
		snprintf(part, sizeof(part), "%s.part%d", tpl, (int)getpid());
		snprintf(pdb, sizeof(pdb), "%s/xueshi.db", part);
		snprintf(pev, sizeof(pev), "%s/evidence", part);
		snprintf(cmd, sizeof(cmd), "rm -rf '%s' && mkdir -p '%s'", part, part);
		if (system(cmd) != 0)
			return -1;
		setenv("XUESHI_DATADIR", env_srcdir(), 1);
		setenv("XUESHI_EVIDENCE", pev, 1);
		rc = run_wait(demo);
		unsetenv("XUESHI_EVIDENCE");
		/* Another test program may have made it meanwhile: its copy is as good. */
		if (rc != 0 || (rename(part, tpl) != 0 && access(tpl, F_OK) != 0)) {
			fprintf(stderr, "harness: the demo template could not be made\n");
			return -1;
		}
		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", part);
		if (system(cmd) != 0)
			return -1;
	}
	snprintf(tdb, sizeof(tdb), "%s/xueshi.db", tpl);
	snprintf(tev, sizeof(tev), "%s/evidence", tpl);
	snprintf(cmd, sizeof(cmd), "cp '%s' '%s' && mkdir -p '%s' && cp -a '%s/.' '%s/'", tdb, db, ev, tev, ev);
	if (system(cmd) != 0)
		return -1;
	/* A write-ahead log left beside it (the demo closes cleanly: there is none) goes too. */
	snprintf(cmd, sizeof(cmd), "[ ! -f '%s-wal' ] || cp '%s-wal' '%s-wal'", tdb, tdb, db);
	return system(cmd) == 0 ? 0 : -1;
}

static int start_hosts;

static int
server_start_with(struct server *s, const char *store, int limits)
{
	char ctl[1024], db[1024], ev[1100];
	const char *tmp = getenv("TMPDIR");

	memset(s, 0, sizeof(*s));
	snprintf(s->dir, sizeof(s->dir), "%s/xs-it-XX" "XX" "XX", tmp ? tmp : "/tmp");
	if (mkdtemp(s->dir) == NULL)
		return -1;
	snprintf(ctl, sizeof(ctl), "%s/xueshictl", env_builddir());
	snprintf(db, sizeof(db), "%s/xueshi.db", store ? store : s->dir);
	/*
	 * On PostgreSQL (XUESHI_TEST_PG names the test cluster's socket
	 * directory, tests/pg/cluster.sh): a database of its own per server.
	 */
	if (test_pg() != NULL) {
		/* The demo made once per build and cluster, each server's a copy of it. */
		int copied;
		snprintf(s->store, sizeof(s->store), "%s", store ? store : s->dir);
		copied = !start_fresh ? pg_demo_copy(s->dir, s->store, db, sizeof(db)) : -1;
		if (copied < 0 && pg_create(s->dir, db, sizeof(db)) != 0)
			return -1;
		if (copied == 0) {
			snprintf(s->db, sizeof(s->db), "%s", db);
			setenv("XUESHI_DATADIR", env_srcdir(), 1);
			setenv("XUESHI_RENDER_CHECK", "1", 0);
			goto started;
		}
	}
	snprintf(s->db, sizeof(s->db), "%s", db);
	snprintf(ev, sizeof(ev), "%s/evidence", store ? store : s->dir);
	setenv("XUESHI_DATADIR", env_srcdir(), 1);
	setenv("XUESHI_EVIDENCE", ev, 1);
	/*
	 * Every HTML page of the suite also written by libxml2's serializer and
	 * compared with ours (core/html_out.h): a difference is a 500 and a
	 * line in the program's log, which the log scan reports.
	 */
	setenv("XUESHI_RENDER_CHECK", "1", 0);
	/* The demo made once per build, each server's a copy of it (sqlite_demo_copy). */
	if (!start_fresh && test_pg() == NULL && sqlite_demo_copy(db, ev) == 0) {
		unsetenv("XUESHI_EVIDENCE");
		goto started;
	}
	{
		/* The presets' own years: the tests' values are worked out from them. */
		char *demo[] = { ctl, "demo", db, "--preset-years", NULL };
		char *init[] = { ctl, "init", db, NULL };
		const char *what = start_fresh ? "init" : "demo";
		int rc = run_wait(start_fresh ? init : demo);
		unsetenv("XUESHI_EVIDENCE");
		start_fresh = 0;
		if (rc != 0) {
			fprintf(stderr, "harness: xueshictl %s failed\n", what);
			return -1;
		}
	}
started:
	s->port = free_port();
	if (s->port <= 0)
		return -1;
	snprintf(s->base, sizeof(s->base), "http://127.0.0.1:%d", s->port);
	s->limits = limits;
	s->hosts = start_hosts;
	start_hosts = 0;
	return launch(s);
}

int
server_start_hosts(struct server *s, int hosts)
{
	start_hosts = hosts;
	return server_start_with(s, NULL, 0);
}

static void
rm_rf(const char *dir)
{
	char *argv[] = { "/bin/rm", "-rf", (char *)dir, NULL };
	run_wait(argv);
}

void
server_halt(struct server *s)
{
	pid_t group = s->pid;
	int st;

	if (group <= 0)
		return;
	/* Ask run-local.sh alone: it stops its programs gracefully. */
	kill(group, SIGTERM);
	for (int i = 0; i < 200; i++) {
		if (waitpid(group, &st, WNOHANG) == group) {
			s->pid = 0;
			break;
		}
		usleep(50 * 1000);
	}
	if (s->pid > 0) {
		kill(-group, SIGKILL);
		waitpid(group, &st, 0);
		s->pid = 0;
	}
	/* Whatever is left of the group (a worker still ending) gets a moment. */
	for (int i = 0; i < 100 && kill(-group, 0) == 0; i++)
		usleep(50 * 1000);
	kill(-group, SIGKILL);
}

void
server_stop(struct server *s)
{
	server_halt(s);
	if (s->dir[0] != '\0' && server_is_pg(s) && getenv("XUESHI_KEEP_TEST_DIR") == NULL)
		pg_drop(s);
	if (s->dir[0] != '\0' && getenv("XUESHI_KEEP_TEST_DIR") == NULL)
		rm_rf(s->dir);
}

struct buf {
	char *p;
	size_t n;
};

static size_t
collect(char *data, size_t size, size_t nmemb, void *arg)
{
	struct buf *b = arg;
	size_t n = size * nmemb;
	char *np = realloc(b->p, b->n + n + 1);

	if (np == NULL)
		return 0;
	memcpy(np + b->n, data, n);
	b->p = np;
	b->n += n;
	b->p[b->n] = '\0';
	return n;
}

struct client {
	CURL *c;
	char header[256];  /* sent with every request when set (client_set_header) */
};

void
client_set_header(struct client *cl, const char *header)
{
	snprintf(cl->header, sizeof(cl->header), "%s", header ? header : "");
}

struct client *
client_new(void)
{
	struct client *cl = calloc(1, sizeof(*cl));

	if (cl == NULL)
		return NULL;
	cl->c = curl_easy_init();
	if (cl->c == NULL) {
		free(cl);
		return NULL;
	}
	curl_easy_setopt(cl->c, CURLOPT_COOKIEFILE, ""); /* cookies in memory */
	return cl;
}

void
client_free(struct client *cl)
{
	if (cl == NULL)
		return;
	curl_easy_cleanup(cl->c);
	free(cl);
}

int
http_do(const struct server *s, const char *method, const char *path,
    const char *content_type, const char *body, size_t body_len,
    const char *const *extra_headers, struct reply *r)
{
	return client_do(NULL, s, method, path, content_type, body, body_len,
	    extra_headers, r);
}

int
client_do(struct client *cl, const struct server *s, const char *method,
    const char *path, const char *content_type, const char *body,
    size_t body_len, const char *const *extra_headers, struct reply *r)
{
	CURL *c = cl ? cl->c : curl_easy_init();
	struct curl_slist *hl = NULL;
	struct buf b = { NULL, 0 }, h = { NULL, 0 };
	char url[2048], ct[512];
	CURLcode rc;

	memset(r, 0, sizeof(*r));
	if (c == NULL)
		return -1;
	snprintf(url, sizeof(url), "%s%s", s->base, path);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &b);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, collect);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, &h);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 30L);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_PATH_AS_IS, 1L);
	if (strcmp(method, "POST") == 0) {
		curl_easy_setopt(c, CURLOPT_POST, 1L);
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, body ? body : "");
		curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, (long)body_len);
	} else if (strcmp(method, "HEAD") == 0)
		curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
	else if (strcmp(method, "GET") != 0)
		curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
	if (content_type != NULL) {
		snprintf(ct, sizeof(ct), "Content-Type: %s", content_type);
		hl = curl_slist_append(hl, ct);
	}
	hl = curl_slist_append(hl, "Expect:");
	for (const char *const *e = extra_headers; e != NULL && *e != NULL; e++)
		hl = curl_slist_append(hl, *e);
	if (cl != NULL && cl->header[0] != '\0')
		hl = curl_slist_append(hl, cl->header);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, hl);
	rc = curl_easy_perform(c);
	if (rc == CURLE_OK)
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r->status);
	curl_slist_free_all(hl);
	if (cl == NULL)
		curl_easy_cleanup(c);
	else {
		/* Back to a plain GET for the next request on this handle. */
		curl_easy_setopt(c, CURLOPT_HTTPHEADER, NULL);
		curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, NULL);
		curl_easy_setopt(c, CURLOPT_NOBODY, 0L);
		curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
	}
	r->body = b.p ? b.p : strdup("");
	r->len = b.n;
	r->headers = h.p ? h.p : strdup("");
	r->hlen = h.n;
	return rc == CURLE_OK ? 0 : -1;
}

void
reply_free(struct reply *r)
{
	free(r->body);
	free(r->headers);
	memset(r, 0, sizeof(*r));
}

char *
reply_header(const struct reply *r, const char *name)
{
	size_t n = strlen(name);
	const char *p = r->headers;

	while (p != NULL && *p) {
		const char *eol = strstr(p, "\r\n");
		size_t ll = eol ? (size_t)(eol - p) : strlen(p);
		if (ll > n && strncasecmp(p, name, n) == 0 && p[n] == ':') {
			const char *v = p + n + 1;
			while (*v == ' ')
				v++;
			return strndup(v, ll - (size_t)(v - p));
		}
		p = eol ? eol + 2 : NULL;
	}
	return NULL;
}

xmlDocPtr
reply_xml(const struct reply *r)
{
	return xmlReadMemory(r->body, (int)r->len, "reply.xml", NULL,
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
}

char *
xpath_string(xmlDocPtr doc, const char *expr)
{
	xmlXPathContextPtr x;
	xmlXPathObjectPtr o;
	char *out = NULL;
	char full[1024];

	if (doc == NULL)
		return strdup("");
	snprintf(full, sizeof(full), "string(%s)", expr);
	x = xmlXPathNewContext(doc);
	o = xmlXPathEvalExpression(BAD_CAST full, x);
	if (o != NULL && o->type == XPATH_STRING && o->stringval != NULL)
		out = strdup((const char *)o->stringval);
	xmlXPathFreeObject(o);
	xmlXPathFreeContext(x);
	return out ? out : strdup("");
}

long
xpath_long(xmlDocPtr doc, const char *expr)
{
	xmlXPathContextPtr x;
	xmlXPathObjectPtr o;
	long out = LONG_MIN;
	char full[1024];

	if (doc == NULL)
		return LONG_MIN;
	snprintf(full, sizeof(full), "number(%s)", expr);
	x = xmlXPathNewContext(doc);
	o = xmlXPathEvalExpression(BAD_CAST full, x);
	if (o != NULL && o->type == XPATH_NUMBER && o->floatval == o->floatval)
		out = (long)o->floatval;
	xmlXPathFreeObject(o);
	xmlXPathFreeContext(x);
	return out;
}

int
reply_contains(const struct reply *r, const char *needle)
{
	return r->body != NULL && strstr(r->body, needle) != NULL;
}

int
raw_request(const struct server *s, const char *data, size_t len, int timeout_ms)
{
	struct sockaddr_in a;
	int fd, status = 0;
	char buf[64];
	size_t got = 0, sent = 0;
	struct timespec t0, t1;

	fd = socket(AF_INET, SOCK_STREAM, 0);
	if (fd < 0)
		return 0;
	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_port = htons((unsigned short)s->port);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (connect(fd, (struct sockaddr *)&a, sizeof(a)) < 0) {
		close(fd);
		return 0;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	while (sent < len) {
		ssize_t w = send(fd, data + sent, len - sent, MSG_NOSIGNAL);
		if (w <= 0)
			break; /* the server may answer and close before reading it all */
		sent += (size_t)w;
	}
	/* No half-close: nginx takes that for a client gone away (499). */
	for (;;) {
		struct pollfd p = { fd, POLLIN, 0 };
		long elapsed;
		ssize_t k;
		clock_gettime(CLOCK_MONOTONIC, &t1);
		elapsed = (t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000;
		if (elapsed >= timeout_ms || got >= sizeof(buf) - 1)
			break;
		if (poll(&p, 1, (int)(timeout_ms - elapsed)) <= 0)
			break;
		k = recv(fd, buf + got, sizeof(buf) - 1 - got, 0);
		if (k <= 0)
			break;
		got += (size_t)k;
	}
	buf[got] = '\0';
	if (got >= 12 && strncmp(buf, "HTTP/1.", 7) == 0)
		status = atoi(buf + 9);
	close(fd);
	return status;
}

static int
cmp_pid(const void *a, const void *b)
{
	pid_t x = *(const pid_t *)a, y = *(const pid_t *)b;
	return (x > y) - (x < y);
}

int
worker_pids(const struct server *s, const char *prog, pid_t *pids, int max)
{
	char path[1024], line[4096];
	FILE *f;
	long master = 0;
	int n = 0;

	snprintf(path, sizeof(path), "%s/run/%s.pid", s->dir, prog);
	if ((f = fopen(path, "r")) == NULL)
		return 0;
	if (fscanf(f, "%ld", &master) != 1)
		master = 0;
	fclose(f);
	if (master <= 0)
		return 0;
	snprintf(path, sizeof(path), "/proc/%ld/task/%ld/children", master, master);
	if ((f = fopen(path, "r")) == NULL)
		return 0;
	if (fgets(line, sizeof(line), f) != NULL) {
		char *p = line, *end;
		for (;;) {
			long v = strtol(p, &end, 10);
			if (end == p || n >= max)
				break;
			pids[n++] = (pid_t)v;
			p = end;
		}
	}
	fclose(f);
	qsort(pids, (size_t)n, sizeof(*pids), cmp_pid);
	return n;
}

char *
client_cookie(struct client *cl, const char *name)
{
	struct curl_slist *list = NULL, *p;
	char *out = NULL;

	if (curl_easy_getinfo(cl->c, CURLINFO_COOKIELIST, &list) != CURLE_OK)
		return NULL;
	for (p = list; p != NULL; p = p->next) {
		/* Netscape format: domain, flag, path, secure, expiry, name, value. */
		char *copy = strdup(p->data), *f[7], *save = NULL, *tok;
		int n = 0;
		if (copy == NULL)
			break;
		for (tok = strtok_r(copy, "\t", &save); tok && n < 7; tok = strtok_r(NULL, "\t", &save))
			f[n++] = tok;
		if (n == 7 && strcmp(f[5], name) == 0) {
			free(out);
			out = strdup(f[6]);
		}
		free(copy);
	}
	curl_slist_free_all(list);
	return out;
}

int
server_log_reports(const struct server *s)
{
	char cmd[1400];

	/* A worker killed by signal 9 was killed from outside (a test that kills workers), not a crash. */
	snprintf(cmd, sizeof(cmd),
	    "grep -n -E 'Sanitizer|runtime error|killed by signal|render check:' %s/logs/*.log %s/host*/logs/*.log 2>/dev/null"
	    " | grep -v 'killed by signal 9,'", s->dir, s->dir);
	if (system(cmd) == 0) {
		fprintf(stderr, "harness: the programs' logs hold the reports above\n");
		return 1;
	}
	return 0;
}

int
client_post_multipart(struct client *cl, const struct server *s, const char *path,
    const char *const *fields, const struct upload *files, size_t nfiles,
    struct reply *r)
{
	CURL *c = cl->c;
	curl_mime *mime = curl_mime_init(c);
	struct buf b = { NULL, 0 }, h = { NULL, 0 };
	struct curl_slist *hl = curl_slist_append(NULL, "Expect:");
	char url[2048];
	CURLcode rc;

	if (cl->header[0] != '\0')
		hl = curl_slist_append(hl, cl->header);

	memset(r, 0, sizeof(*r));
	for (const char *const *f = fields; f != NULL && f[0] != NULL; f += 2) {
		curl_mimepart *part = curl_mime_addpart(mime);
		curl_mime_name(part, f[0]);
		curl_mime_data(part, f[1], CURL_ZERO_TERMINATED);
	}
	for (size_t i = 0; i < nfiles; i++) {
		curl_mimepart *part = curl_mime_addpart(mime);
		curl_mime_name(part, files[i].field);
		curl_mime_filename(part, files[i].filename);
		curl_mime_type(part, files[i].type ? files[i].type : "application/octet-stream");
		curl_mime_data(part, files[i].data, files[i].len);
	}
	snprintf(url, sizeof(url), "%s%s", s->base, path);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_MIMEPOST, mime);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &b);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, collect);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, &h);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, hl);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 60L);
	rc = curl_easy_perform(c);
	if (rc == CURLE_OK)
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r->status);
	curl_easy_setopt(c, CURLOPT_MIMEPOST, NULL);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, NULL);
	curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
	curl_mime_free(mime);
	curl_slist_free_all(hl);
	r->body = b.p ? b.p : strdup("");
	r->len = b.n;
	r->headers = h.p ? h.p : strdup("");
	r->hlen = h.n;
	return rc == CURLE_OK ? 0 : -1;
}
