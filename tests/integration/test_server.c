/*
 * test_server.c - the system through nginx: the home page as HTML and as
 * XML, errors, static files, 10,000 malformed requests, and the same binary
 * as FastCGI (fd 0 and --listen) and as plain CGI.
 */
#include "harness.h"

#include <check.h>
#include <curl/curl.h>
#include <libxml/parser.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static struct server srv;

static void
setup(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
	/* Every worker accounts for its memory every 3 requests (docs/operations.md). */
	setenv("XUESHI_MEMORY_LOG", "3", 1);
	if (server_start(&srv) != 0) {
		server_stop(&srv);
		fprintf(stderr, "test_server: could not start the server\n");
		exit(1);
	}
}

static int sanitizer_reports;

/* Stop the server, then read what its programs logged: a sanitizer report is a failure. */
static void
teardown(void)
{
	server_halt(&srv);
	sanitizer_reports += server_log_reports(&srv);
	server_stop(&srv);
	curl_global_cleanup();
}

static struct reply
get(const char *path, const char *const *headers)
{
	struct reply r;

	ck_assert_int_eq(http_do(&srv, "GET", path, NULL, NULL, 0, headers, &r), 0);
	return r;
}

START_TEST(test_home_html_in_chinese)
{
	struct reply r = get("/", NULL);
	char *ct = reply_header(&r, "Content-Type");

	ck_assert_int_eq(r.status, 200);
	ck_assert_ptr_nonnull(ct);
	ck_assert_str_eq(ct, "text/html; charset=utf-8");
	ck_assert(reply_contains(&r, "<html lang=\"zh-CN\""));
	ck_assert(reply_contains(&r, "本系统服务的区（县）"));
	ck_assert(reply_contains(&r, "五通桥区"));
	ck_assert(reply_contains(&r, "五华区"));
	ck_assert(reply_contains(&r, "2021-2022"));
	ck_assert(reply_contains(&r, "/static/css/print.css"));
	free(ct);
	ct = reply_header(&r, "X-Content-Type-Options");
	ck_assert_ptr_nonnull(ct);
	ck_assert_str_eq(ct, "nosniff");
	free(ct);
	ct = reply_header(&r, "Content-Security-Policy");
	ck_assert_ptr_nonnull(ct);
	ck_assert(strstr(ct, "object-src 'none'") != NULL);
	ck_assert(strstr(ct, "frame-ancestors 'none'") != NULL);
	free(ct);
	reply_free(&r);
}
END_TEST

START_TEST(test_home_xml_lists_districts_with_current_year)
{
	struct reply r = get("/?format=xml", NULL);
	xmlDocPtr d;
	char *s, *ct = reply_header(&r, "Content-Type");

	ck_assert_int_eq(r.status, 200);
	ck_assert_str_eq(ct, "application/xml; charset=utf-8");
	free(ct);
	d = reply_xml(&r);
	ck_assert_ptr_nonnull(d);
	ck_assert_int_eq(xpath_long(d, "count(/page[@name='home']/districts/district)"), 2);
	s = xpath_string(d, "/page/districts/district[@code='wutongqiao']/current-year/@label");
	ck_assert_str_eq(s, "2021-2022");
	free(s);
	s = xpath_string(d, "/page/districts/district[@code='wutongqiao']/current-year/@starts");
	ck_assert_str_eq(s, "2021-07-01");
	free(s);
	s = xpath_string(d, "/page/districts/district[@code='wutongqiao']/@self-registration");
	ck_assert_str_eq(s, "yes");
	free(s);
	s = xpath_string(d, "/page/districts/district[@code='wuhua']/@self-registration");
	ck_assert_str_eq(s, "no");
	free(s);
	s = xpath_string(d, "/page/districts/district[@code='wuhua']/name");
	ck_assert_str_eq(s, "五华区");
	free(s);
	xmlFreeDoc(d);
	reply_free(&r);
}
END_TEST

START_TEST(test_accept_header_gives_xml)
{
	const char *h[] = { "Accept: application/xml", NULL };
	struct reply r = get("/", h);
	xmlDocPtr d = reply_xml(&r);

	ck_assert_int_eq(r.status, 200);
	ck_assert_ptr_nonnull(d);
	ck_assert_int_eq(xpath_long(d, "count(/page/districts/district)"), 2);
	xmlFreeDoc(d);
	reply_free(&r);
}
END_TEST

START_TEST(test_unknown_path_is_404_with_code)
{
	struct reply r = get("/no/such/page?format=xml", NULL);
	xmlDocPtr d = reply_xml(&r);
	char *s;

	ck_assert_int_eq(r.status, 404);
	s = xpath_string(d, "/page[@name='error']/error/@code");
	ck_assert_str_eq(s, "not_found");
	free(s);
	xmlFreeDoc(d);
	reply_free(&r);
	r = get("/no/such/page", NULL);
	ck_assert_int_eq(r.status, 404);
	ck_assert(reply_contains(&r, "您访问的页面不存在"));
	reply_free(&r);
}
END_TEST

START_TEST(test_post_to_get_only_page_is_405)
{
	struct reply r;

	ck_assert_int_eq(http_do(&srv, "POST", "/", "application/x-www-form-urlencoded",
	    "a=1", 3, NULL, &r), 0);
	ck_assert_int_eq(r.status, 405);
	ck_assert(reply_contains(&r, "此页面不支持该操作方式"));
	reply_free(&r);
}
END_TEST

START_TEST(test_bad_query_is_400_in_chinese)
{
	struct reply r = get("/?q=%E4%B8", NULL);

	ck_assert_int_eq(r.status, 400);
	ck_assert(reply_contains(&r, "请求格式不正确"));
	reply_free(&r);
}
END_TEST

START_TEST(test_head_has_no_body)
{
	struct reply r;

	ck_assert_int_eq(http_do(&srv, "HEAD", "/", NULL, NULL, 0, NULL, &r), 0);
	ck_assert_int_eq(r.status, 200);
	ck_assert_uint_eq(r.len, 0);
	reply_free(&r);
}
END_TEST

START_TEST(test_static_css_served)
{
	struct reply r = get("/static/css/screen.css", NULL);

	ck_assert_int_eq(r.status, 200);
	ck_assert(reply_contains(&r, "max-width"));
	reply_free(&r);
	r = get("/static/../xueshi.db", NULL);
	ck_assert_int_ne(r.status, 200);
	reply_free(&r);
}
END_TEST

/* ------------------------------------------------ malformed requests */

static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

static uint32_t
rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (uint32_t)(rng_state >> 11);
}

struct gen {
	char *p;
	size_t n, cap;
};

static void
g_add(struct gen *g, const char *s, size_t n)
{
	if (g->n + n + 1 > g->cap) {
		g->cap = (g->n + n + 1) * 2;
		g->p = realloc(g->p, g->cap);
		ck_assert_ptr_nonnull(g->p);
	}
	memcpy(g->p + g->n, s, n);
	g->n += n;
	g->p[g->n] = '\0';
}

static void
g_str(struct gen *g, const char *s)
{
	g_add(g, s, strlen(s));
}

static void
g_fmt(struct gen *g, const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	g_add(g, buf, (size_t)n);
}

static void
g_fill(struct gen *g, char c, size_t n)
{
	char *tmp = malloc(n);
	ck_assert_ptr_nonnull(tmp);
	memset(tmp, c, n);
	g_add(g, tmp, n);
	free(tmp);
}

static const char *bad_escapes[] = {
	"%zz", "%", "%4", "%G1", "%%", "%0", "%00", "%C0%AF", "%ED%A0%80",
	"%F4%90%80%80", "%E4%B8", "%80", "%FF", "%FE%FF", "%C1%BF", "%E0%80%AF",
	"%F8%88%80%80%80", "%1B", "%7F", "%C2%85", "%08"
};
#define NBAD (sizeof(bad_escapes) / sizeof(bad_escapes[0]))

static void
request_line(struct gen *g, const char *method, const char *target)
{
	g_fmt(g, "%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n",
	    method, target);
}

/* A multipart body; kind picks the defect. Returns the body in b. */
static void
multipart_body(struct gen *b, int kind, const char *bnd)
{
	switch (kind) {
	case 0: /* truncated: no closing delimiter */
		g_fmt(b, "--%s\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nvalue", bnd);
		break;
	case 1: /* nested multipart */
		g_fmt(b, "--%s\r\nContent-Disposition: form-data; name=\"a\"\r\n"
		    "Content-Type: multipart/mixed; boundary=inner\r\n\r\n"
		    "--inner\r\nContent-Disposition: file; filename=\"x\"\r\n\r\nx\r\n--inner--\r\n"
		    "\r\n--%s--\r\n", bnd, bnd);
		break;
	case 2: /* part without a name */
		g_fmt(b, "--%s\r\nContent-Disposition: form-data\r\n\r\nx\r\n--%s--\r\n", bnd, bnd);
		break;
	case 3: /* no headers at all */
		g_fmt(b, "--%s\r\n\r\nx\r\n--%s--\r\n", bnd, bnd);
		break;
	case 4: /* invalid UTF-8 in a field */
		g_fmt(b, "--%s\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n\xc0\xaf\r\n--%s--\r\n", bnd, bnd);
		break;
	case 5: /* header block never ends */
		g_fmt(b, "--%s\r\nContent-Disposition: form-data; name=\"a\"\r\n", bnd);
		g_fill(b, 'h', 9000);
		break;
	case 6: /* garbage after the delimiter */
		g_fmt(b, "--%sXX\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n--%s--\r\n", bnd, bnd);
		break;
	case 7: /* unterminated quote */
		g_fmt(b, "--%s\r\nContent-Disposition: form-data; name=\"a\r\n\r\nx\r\n--%s--\r\n", bnd, bnd);
		break;
	default: /* boundary never appears */
		g_fill(b, 'z', 2000 + rnd() % 4000);
		break;
	}
}

/*
 * Make malformed request number i. Every request carries at least one
 * defect the application (or nginx before it) must refuse with a 4xx.
 */
static void
make_malformed(struct gen *g, unsigned i)
{
	const char *bad = bad_escapes[rnd() % NBAD];
	char target[256];

	g->n = 0;
	switch (i % 16) {
	case 0: /* bad escape in the path, or CR LF smuggled into it */
		snprintf(target, sizeof(target), "/a%sb", rnd() % 4 ? bad : "%0D%0ASet-Cookie:%20x=1");
		request_line(g, "GET", target);
		g_str(g, "\r\n");
		break;
	case 1: /* bad escape or invalid UTF-8 in the query */
		snprintf(target, sizeof(target), "/?x=1&name%u=%s&y=2", i, bad);
		request_line(g, "GET", target);
		g_str(g, "\r\n");
		break;
	case 2: /* a huge header line */
		request_line(g, "GET", "/?format=%zz");
		g_str(g, "X-Big: ");
		g_fill(g, 'a', 17000 + rnd() % 10000);
		g_str(g, "\r\n\r\n");
		break;
	case 3: /* a cookie over the bound */
		request_line(g, "GET", "/");
		g_str(g, "Cookie: a=");
		g_fill(g, 'c', 8500 + rnd() % 3000);
		g_str(g, "\r\n\r\n");
		break;
	case 4: { /* an urlencoded field over the bound */
		size_t n = 70000 + rnd() % 20000;
		request_line(g, "POST", "/");
		g_fmt(g, "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: %zu\r\n\r\n", n + 2);
		g_str(g, "a=");
		g_fill(g, 'v', n);
		break;
	}
	case 5: { /* too many fields */
		struct gen body = { 0 };
		for (unsigned k = 0; k < 2100; k++)
			g_fmt(&body, "f%u=1&", k);
		request_line(g, "POST", "/");
		g_fmt(g, "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: %zu\r\n\r\n", body.n);
		g_add(g, body.p, body.n);
		free(body.p);
		break;
	}
	case 6: case 7: case 8: { /* defective multipart bodies */
		struct gen body = { 0 };
		char bnd[40];
		snprintf(bnd, sizeof(bnd), "----xsb%u", rnd());
		multipart_body(&body, (int)(rnd() % 9), bnd);
		request_line(g, "POST", "/");
		g_fmt(g, "Content-Type: multipart/form-data; boundary=%s\r\nContent-Length: %zu\r\n\r\n", bnd, body.n);
		g_add(g, body.p, body.n);
		free(body.p);
		break;
	}
	case 9: { /* boundary too long, or missing */
		struct gen body = { 0 };
		char bnd[80];
		memset(bnd, 'b', 71);
		bnd[71] = '\0';
		g_fmt(&body, "--%s\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n--%s--\r\n", bnd, bnd);
		request_line(g, "POST", "/");
		if (rnd() % 2)
			g_fmt(g, "Content-Type: multipart/form-data; boundary=%s\r\n", bnd);
		else
			g_str(g, "Content-Type: multipart/form-data\r\n");
		g_fmt(g, "Content-Length: %zu\r\n\r\n", body.n);
		g_add(g, body.p, body.n);
		free(body.p);
		break;
	}
	case 10: { /* Content-Length shorter than the multipart body */
		struct gen body = { 0 };
		g_str(&body, "--B\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nvalue\r\n--B--\r\n");
		request_line(g, "POST", "/");
		g_fmt(g, "Content-Type: multipart/form-data; boundary=B\r\nContent-Length: %zu\r\n\r\n",
		    (size_t)(rnd() % (body.n - 1)));
		g_add(g, body.p, body.n);
		free(body.p);
		break;
	}
	case 11: /* Content-Length that is not a number, or two of them */
		request_line(g, "POST", "/");
		switch (rnd() % 4) {
		case 0: g_str(g, "Content-Length: abc\r\n"); break;
		case 1: g_str(g, "Content-Length: -5\r\n"); break;
		case 2: g_str(g, "Content-Length: 3\r\nContent-Length: 4\r\n"); break;
		default: g_str(g, "Content-Length: 99999999999999999999999\r\n"); break;
		}
		g_str(g, "Content-Type: application/x-www-form-urlencoded\r\n\r\na=1");
		break;
	case 12: /* a body type we do not take */
		request_line(g, "POST", "/");
		g_str(g, "Content-Type: application/json\r\nContent-Length: 7\r\n\r\n{\"a\":1}");
		break;
	case 13: /* a body on GET */
		request_line(g, "GET", "/");
		g_str(g, "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 3\r\n\r\na=1");
		break;
	case 14: /* raw bytes that are not UTF-8 in the path */
		g_str(g, "GET /\xff\xfe");
		g_fmt(g, "%u HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", i);
		break;
	default: /* a method we do not serve, or an URI over the bound */
		if (rnd() % 2) {
			request_line(g, "DELETE", "/");
			g_str(g, "\r\n");
		} else {
			g_str(g, "GET /?q=");
			g_fill(g, 'q', 9000 + rnd() % 3000);
			g_str(g, " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
		}
		break;
	}
}

/*
 * XUESHI_MEMORY_LOG=3: each worker writes a line to its program's log every
 * third request, with its resident memory, malloc's heap and SQLite's page
 * cache. 30 requests over 2 workers: one of them served at least 15.
 */
START_TEST(test_memory_log_every_n_requests)
{
	char path[700], line[512];
	FILE *f;
	long rss = 0, inuse = 0, lines = 0;

	for (int i = 0; i < 30; i++) {
		struct reply r = get("/", NULL);
		ck_assert_int_eq(r.status, 200);
		reply_free(&r);
	}
	snprintf(path, sizeof(path), "%s/logs/auth.log", srv.dir);
	f = fopen(path, "r");
	ck_assert_ptr_nonnull(f);
	while (fgets(line, sizeof(line), f) != NULL) {
		const char *m = strstr(line, "]: memory after ");
		long n = 0, kb = 0, use = 0;
		if (strncmp(line, "xueshi-auth[", 12) != 0 || m == NULL)
			continue;
		ck_assert_int_eq(sscanf(m, "]: memory after %ld requests: rss %ld kB, malloc in use %ld kB", &n, &kb, &use), 3);
		ck_assert_int_eq(n % 3, 0);
		ck_assert(strstr(m, " kB (page cache ") != NULL);
		lines++;
		rss = kb;
		inuse = use;
	}
	fclose(f);
	ck_assert_int_ge(lines, 5);
	/* A real process: a few MB resident (libxml2, libxslt, SQLite), some of it heap. */
	ck_assert_int_gt(rss, 1000);
#ifndef __SANITIZE_ADDRESS__
	/* (AddressSanitizer's allocator is not malloc's: mallinfo2 says 0 under it.) */
	ck_assert_int_gt(inuse, 100);
	ck_assert_int_lt(inuse, rss);
#else
	(void)inuse;
#endif
}
END_TEST

START_TEST(test_ten_thousand_malformed_requests_get_4xx)
{
	pid_t before[16], after[16];
	int nb, na, wrong = 0, count = 10000;
	struct gen g = { 0 };
	struct reply r;
	char first_wrong[200] = "";
	time_t t0 = time(NULL);

	nb = worker_pids(&srv, "auth", before, 16);
	ck_assert_int_eq(nb, 2);
	for (int i = 0; i < count; i++) {
		int status;
		make_malformed(&g, (unsigned)i);
		status = raw_request(&srv, g.p, g.n, 5000);
		if (status < 400 || status > 499) {
			if (wrong++ == 0)
				snprintf(first_wrong, sizeof(first_wrong),
				    "request %d (kind %d) got %d: %.80s", i, i % 16, status, g.p);
		}
		/* Bounded in time, whatever happens. */
		ck_assert_msg(time(NULL) - t0 < 600, "malformed requests took too long");
	}
	free(g.p);
	ck_assert_msg(wrong == 0, "%d of %d malformed requests not answered 4xx; first: %s",
	    wrong, count, first_wrong);
	na = worker_pids(&srv, "auth", after, 16);
	ck_assert_int_eq(na, nb);
	for (int i = 0; i < nb; i++)
		ck_assert_int_eq(after[i], before[i]);
	r = get("/?format=xml", NULL);
	ck_assert_int_eq(r.status, 200);
	reply_free(&r);
}
END_TEST

/* ---------------------------------------------- the same binary, CGI */

/* Run xueshi-auth as CGI with env; body to stdin; returns its stdout. */
static char *
run_cgi(char *const env[], const char *body)
{
	char prog[1024];
	int in[2], out[2];
	pid_t pid;
	struct gen g = { 0 };
	char buf[4096];
	ssize_t k;
	int st;

	snprintf(prog, sizeof(prog), "%s/xueshi-auth", env_builddir());
	ck_assert_int_eq(pipe(in), 0);
	ck_assert_int_eq(pipe(out), 0);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		char *argv[] = { prog, NULL };
		dup2(in[0], 0);
		dup2(out[1], 1);
		close(in[1]);
		close(out[0]);
		execve(prog, argv, env);
		_exit(127);
	}
	close(in[0]);
	close(out[1]);
	if (body != NULL)
		ck_assert_int_eq(write(in[1], body, strlen(body)), (ssize_t)strlen(body));
	close(in[1]);
	g_str(&g, "");
	while ((k = read(out[0], buf, sizeof(buf))) > 0)
		g_add(&g, buf, (size_t)k);
	close(out[0]);
	ck_assert_int_eq(waitpid(pid, &st, 0), pid);
	ck_assert(WIFEXITED(st));
	ck_assert_int_eq(WEXITSTATUS(st), 0);
	return g.p;
}

static void
cgi_env(char **env, char *store, size_t storesz, const char *method,
    const char *uri, const char *query, const char *ctype, const char *clen)
{
	int n = 0;
	size_t used = 0;
	const char *pairs[][2] = {
		{ "GATEWAY_INTERFACE", "CGI/1.1" },
		{ "REQUEST_METHOD", method },
		{ "REQUEST_URI", uri },
		{ "QUERY_STRING", query },
		{ "CONTENT_TYPE", ctype },
		{ "CONTENT_LENGTH", clen },
		{ "XUESHI_DATADIR", env_srcdir() },
		{ "ASAN_OPTIONS", getenv("ASAN_OPTIONS") },
		{ "UBSAN_OPTIONS", getenv("UBSAN_OPTIONS") },
	};
	char dbv[1100];

	snprintf(dbv, sizeof(dbv), "XUESHI_DB=%s", srv.db);
	for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
		int w;
		if (pairs[i][1] == NULL)
			continue;
		w = snprintf(store + used, storesz - used, "%s=%s", pairs[i][0], pairs[i][1]);
		env[n++] = store + used;
		used += (size_t)w + 1;
	}
	env[n++] = strcpy(store + used, dbv);
	env[n] = NULL;
}

START_TEST(test_same_binary_as_plain_cgi)
{
	char *env[16], store[8192];
	char *out;

	cgi_env(env, store, sizeof(store), "GET", "/?format=xml", "format=xml", NULL, NULL);
	out = run_cgi(env, NULL);
	ck_assert_msg(strncmp(out, "Status: 200 OK\r\n", 16) == 0, "CGI said: %.200s", out);
	ck_assert(strstr(out, "Content-Type: application/xml") != NULL);
	ck_assert(strstr(out, "<district id=") != NULL);
	ck_assert(strstr(out, "五通桥区") != NULL);
	free(out);

	cgi_env(env, store, sizeof(store), "GET", "/", "", NULL, NULL);
	out = run_cgi(env, NULL);
	ck_assert(strncmp(out, "Status: 200 OK\r\n", 16) == 0);
	ck_assert(strstr(out, "本系统服务的区（县）") != NULL);
	free(out);

	cgi_env(env, store, sizeof(store), "POST", "/", "", "application/x-www-form-urlencoded", "3");
	out = run_cgi(env, "a=1");
	ck_assert(strncmp(out, "Status: 405", 11) == 0);
	free(out);

	cgi_env(env, store, sizeof(store), "GET", "/?a=%zz", "a=%zz", NULL, NULL);
	out = run_cgi(env, NULL);
	ck_assert(strncmp(out, "Status: 400", 11) == 0);
	free(out);

	/* A body shorter than its Content-Length. */
	cgi_env(env, store, sizeof(store), "POST", "/", "", "multipart/form-data; boundary=B", "500");
	out = run_cgi(env, "--B\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx");
	ck_assert(strncmp(out, "Status: 400", 11) == 0);
	free(out);
}
END_TEST

/*
 * --listen takes a unix socket or a loopback address only: ":PORT" would
 * bind every address, and libfcgi makes "::1:PORT" a socket file.
 */
START_TEST(test_listen_refuses_other_than_loopback)
{
	static const char *const bad[] = { ":18999", "0.0.0.0:18999", "::1:18999",
		"[::1]:18999", "127.0.0.1:", "127.0.0.1:99999", "127.0.0.1:80x",
		"127.0.0.1.5:18999", "10.0.0.1:18999", "localhostx:18999" };
	char prog[1024], dbv[1100], cmd[4096];

	snprintf(prog, sizeof(prog), "%s/xueshi-auth", env_builddir());
	snprintf(dbv, sizeof(dbv), "%s", srv.db); /* the file, or the PostgreSQL URL */
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int st;
		snprintf(cmd, sizeof(cmd), "cd '%s' && XUESHI_DB='%s' XUESHI_DATADIR='%s' "
		    "timeout 20 '%s' --listen '%s' --workers 1 2>/dev/null",
		    srv.dir, dbv, env_srcdir(), prog, bad[i]);
		st = system(cmd);
		ck_assert_msg(WIFEXITED(st) && WEXITSTATUS(st) == 1,
		    "--listen %s was not refused (status %d)", bad[i], st);
	}
	/* Nothing was created by the refused specs. */
	snprintf(cmd, sizeof(cmd), "%s/::1:18999", srv.dir);
	ck_assert_int_ne(access(cmd, F_OK), 0);
}
END_TEST

/* The same binary as FastCGI with its socket on fd 0 (spawn-fcgi, mod_fcgid). */
START_TEST(test_same_binary_as_fastcgi_on_fd0)
{
	char prog[1024], sock[1100], cmd[4096];
	FILE *p;
	char buf[8192];
	size_t n;
	pid_t pid;
	int st;

	snprintf(prog, sizeof(prog), "%s/xueshi-auth", env_builddir());
	snprintf(sock, sizeof(sock), "%s/run/fd0.sock", srv.dir);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		char dbv[1100];
		snprintf(dbv, sizeof(dbv), "%s", srv.db); /* the file, or the PostgreSQL URL */
		setenv("XUESHI_DB", dbv, 1);
		setenv("XUESHI_DATADIR", env_srcdir(), 1);
		execlp("spawn-fcgi", "spawn-fcgi", "-n", "-s", sock, "-M", "0600",
		    "--", prog, (char *)NULL);
		_exit(127);
	}
	for (int i = 0; i < 100 && access(sock, F_OK) != 0; i++)
		usleep(50 * 1000);
	ck_assert_int_eq(access(sock, F_OK), 0);
	snprintf(cmd, sizeof(cmd),
	    "env -i REQUEST_METHOD=GET REQUEST_URI='/?format=xml' QUERY_STRING=format=xml "
	    "cgi-fcgi -bind -connect %s", sock);
	p = popen(cmd, "r");
	ck_assert_ptr_nonnull(p);
	n = fread(buf, 1, sizeof(buf) - 1, p);
	buf[n] = '\0';
	pclose(p);
	/* libfcgi's graceful stop; a clean exit also means no leak report. */
	kill(pid, SIGUSR1);
	ck_assert_int_eq(waitpid(pid, &st, 0), pid);
	ck_assert(WIFEXITED(st));
	ck_assert_int_eq(WEXITSTATUS(st), 0);
	ck_assert_msg(strstr(buf, "Status: 200 OK") != NULL, "FastCGI said: %.200s", buf);
	ck_assert(strstr(buf, "<page name=\"home\"") != NULL);
	ck_assert(strstr(buf, "wutongqiao") != NULL);
}
END_TEST

/* The output and exit status of a program run with XUESHI_DB set to db (malloc'd). */
static char *
migrate_with_db(const char *db)
{
	char cmd[2400], buf[1024];
	FILE *p;
	size_t n;

	snprintf(cmd, sizeof(cmd), "cd %s && env XUESHI_DB='%s' XUESHI_DATADIR=%s"
	    " %s/xueshi-auth --migrate 2>&1; echo \"rc=$?\"", srv.dir, db, env_srcdir(), env_builddir());
	p = popen(cmd, "r");
	ck_assert_ptr_nonnull(p);
	n = fread(buf, 1, sizeof(buf) - 1, p);
	buf[n] = '\0';
	ck_assert_int_eq(pclose(p), 0);
	return strdup(buf);
}

/*
 * XUESHI_DB names a PostgreSQL database by a postgresql:// URL: a server
 * that is not there is said so (no file of that name made, a failing exit);
 * "postgresql:" without the URL's form is refused with what to write.
 */
START_TEST(test_a_postgresql_url_is_a_database_not_a_file)
{
	char url[1200], path[1200], *out;

	snprintf(url, sizeof(url), "postgresql:///xueshi?host=%s/no-server-here", srv.dir);
	out = migrate_with_db(url);
	ck_assert_msg(strstr(out, "cannot connect to PostgreSQL") != NULL, "%s", out);
	ck_assert_msg(strstr(out, "rc=0") == NULL, "%s", out);
	free(out);
	out = migrate_with_db("postgresql:xueshi");
	ck_assert_msg(strstr(out, "a PostgreSQL database is named by a URL") != NULL, "%s", out);
	ck_assert_msg(strstr(out, "rc=2") != NULL, "%s", out);
	free(out);
	snprintf(path, sizeof(path), "%s/postgresql:", srv.dir);
	ck_assert_int_ne(access(path, F_OK), 0);
	snprintf(path, sizeof(path), "%s/postgresql:xueshi", srv.dir);
	ck_assert_int_ne(access(path, F_OK), 0);
}
END_TEST

/* ------------------------------------------------ FastCGI, spoken directly */

/* One FastCGI record of request 1 (the header, then n bytes of content). */
static void
fcgi_record(int fd, int type, const void *content, size_t n)
{
	unsigned char h[8] = { 1, (unsigned char)type, 0, 1,
		(unsigned char)(n >> 8), (unsigned char)(n & 0xff), 0, 0 };
	ck_assert_int_eq(write(fd, h, 8), 8);
	if (n > 0)
		ck_assert_int_eq(write(fd, content, n), (ssize_t)n);
}

/* A name-value pair of FCGI_PARAMS (both shorter than 128 bytes) at p; its length. */
static size_t
fcgi_pair(unsigned char *p, const char *name, const char *value)
{
	size_t nl = strlen(name), vl = strlen(value);

	p[0] = (unsigned char)nl;
	p[1] = (unsigned char)vl;
	memcpy(p + 2, name, nl);
	memcpy(p + 2 + nl, value, vl);
	return 2 + nl + vl;
}

/* 1 when process pid has signal sig in the /proc status masks named (e.g. "SigBlk", or "ShdPnd" and "SigPnd"). */
static int
signal_in(pid_t pid, int sig, const char *mask1, const char *mask2)
{
	char path[64], line[256];
	FILE *f;
	int pending = 0;

	snprintf(path, sizeof(path), "/proc/%ld/status", (long)pid);
	if ((f = fopen(path, "r")) == NULL)
		return 0;
	while (fgets(line, sizeof(line), f) != NULL) {
		unsigned long long mask;
		const char *colon = strchr(line, ':');
		size_t nl = colon ? (size_t)(colon - line) : 0;
		if (colon == NULL || !((strlen(mask1) == nl && strncmp(line, mask1, nl) == 0) ||
		    (mask2 != NULL && strlen(mask2) == nl && strncmp(line, mask2, nl) == 0)))
			continue;
		if (sscanf(colon + 1, "%llx", &mask) == 1 && (mask & (1ULL << (sig - 1))))
			pending = 1;
	}
	fclose(f);
	return pending;
}

/*
 * The graceful stop while a request's body is still arriving: the worker
 * reads the rest and answers the request as it would have (here a school
 * admin's login: 303 with her session), then stops. The stop used to cut
 * the read short (EINTR in libfcgi), and the login was answered 400, as if
 * the browser had sent a malformed request.
 */
START_TEST(test_graceful_stop_finishes_the_body_being_read)
{
	char prog[1024], sock[1100], tmp[1100], dbv[1100], path[128], spec[1200];
	char csrf[65], cookie[100], clen[16], body[256], out[16384];
	unsigned char params[1024], begin[8] = { 0, 1, 0, 0, 0, 0, 0, 0 };
	size_t np = 0, got = 0, len, half;
	struct sockaddr_un sa;
	pid_t master, worker = 0;
	long k;
	int fd = -1, st;
	FILE *f;

	snprintf(prog, sizeof(prog), "%s/xueshi-auth", env_builddir());
	snprintf(sock, sizeof(sock), "%s/run/stop.sock", srv.dir);
	snprintf(spec, sizeof(spec), "unix:%s", sock);
	snprintf(tmp, sizeof(tmp), "%s/tmp", srv.dir);
	snprintf(dbv, sizeof(dbv), "%s", srv.db); /* the file, or the PostgreSQL URL */
	master = fork();
	ck_assert_int_ge(master, 0);
	if (master == 0) {
		setenv("XUESHI_DB", dbv, 1);
		setenv("XUESHI_DATADIR", env_srcdir(), 1);
		setenv("XUESHI_TMPDIR", tmp, 1);
		execl(prog, prog, "--listen", spec, "--workers", "1", (char *)NULL);
		_exit(127);
	}
	/* Its one worker, once it is there; then a connection to it. */
	snprintf(path, sizeof(path), "/proc/%ld/task/%ld/children", (long)master, (long)master);
	for (int i = 0; i < 600 && worker == 0; i++) {
		if (access(sock, F_OK) == 0 && (f = fopen(path, "r")) != NULL) {
			if (fscanf(f, "%ld", &k) == 1)
				worker = (pid_t)k;
			fclose(f);
		}
		if (worker == 0)
			usleep(100 * 1000);
	}
	ck_assert_int_gt(worker, 0);
	memset(&sa, 0, sizeof(sa));
	sa.sun_family = AF_UNIX;
	ck_assert_uint_lt(strlen(sock), sizeof(sa.sun_path));
	memcpy(sa.sun_path, sock, strlen(sock) + 1);
	fd = socket(AF_UNIX, SOCK_STREAM, 0);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(connect(fd, (struct sockaddr *)&sa, sizeof(sa)), 0);

	/* The double-submit CSRF pair of a visitor, and the login's form. */
	for (int i = 0; i < 64; i++)
		csrf[i] = "0123456789abcdef"[(i * 7 + 3) % 16];
	csrf[64] = '\0';
	snprintf(cookie, sizeof(cookie), "xs_csrf=%s", csrf);
	snprintf(body, sizeof(body), "csrf=%s&login=wtq-zg-admin&password=xueshi-demo-2026", csrf);
	len = strlen(body);
	snprintf(clen, sizeof(clen), "%zu", len);
	np += fcgi_pair(params + np, "REQUEST_METHOD", "POST");
	np += fcgi_pair(params + np, "REQUEST_URI", "/login");
	np += fcgi_pair(params + np, "QUERY_STRING", "");
	np += fcgi_pair(params + np, "CONTENT_TYPE", "application/x-www-form-urlencoded");
	np += fcgi_pair(params + np, "CONTENT_LENGTH", clen);
	np += fcgi_pair(params + np, "HTTP_HOST", "127.0.0.1");
	np += fcgi_pair(params + np, "HTTP_COOKIE", cookie);
	np += fcgi_pair(params + np, "REMOTE_ADDR", "127.0.0.1");
	np += fcgi_pair(params + np, "SERVER_PROTOCOL", "HTTP/1.1");
	fcgi_record(fd, 1, begin, sizeof(begin));   /* FCGI_BEGIN_REQUEST, the responder */
	fcgi_record(fd, 4, params, np);             /* FCGI_PARAMS */
	fcgi_record(fd, 4, NULL, 0);
	half = len / 2;
	fcgi_record(fd, 5, body, half);             /* FCGI_STDIN: half the body */

	/* Once the worker serves the request (it blocks the stop meanwhile) ... */
	for (int i = 0; i < 600 && !signal_in(worker, SIGUSR1, "SigBlk", NULL); i++)
		usleep(50 * 1000);
	ck_assert_msg(signal_in(worker, SIGUSR1, "SigBlk", NULL), "the worker did not take the request");
	/* ... the master is stopped; its stop reaches the worker, which holds it. */
	ck_assert_int_eq(kill(master, SIGTERM), 0);
	for (int i = 0; i < 600 && !signal_in(worker, SIGUSR1, "ShdPnd", "SigPnd"); i++)
		usleep(50 * 1000);
	ck_assert_msg(signal_in(worker, SIGUSR1, "ShdPnd", "SigPnd"), "the worker does not hold the stop while it reads");

	/* The rest of the body: the login goes through. */
	fcgi_record(fd, 5, body + half, len - half);
	fcgi_record(fd, 5, NULL, 0);
	for (;;) {
		ssize_t n = read(fd, out + got, sizeof(out) - 1 - got);
		if (n <= 0 || got + (size_t)n >= sizeof(out) - 1)
			break;
		got += (size_t)n;
	}
	out[got] = '\0';
	close(fd);
	ck_assert_msg(memmem(out, got, "Status: 303", 11) != NULL, "the login was answered: %.300s",
	    got > 16 ? out + 16 : out);
	ck_assert(memmem(out, got, "xs_session=", 11) != NULL);

	/* ... and then the worker and its master stop, cleanly. */
	ck_assert_int_eq(waitpid(master, &st, 0), master);
	ck_assert(WIFEXITED(st));
	ck_assert_int_eq(WEXITSTATUS(st), 0);
	ck_assert_int_ne(access(sock, F_OK), 0);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("server");
	TCase *tc = tcase_create("through nginx");
	SRunner *sr;
	int failed;

	tcase_add_unchecked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 900);
	tcase_add_test(tc, test_home_html_in_chinese);
	tcase_add_test(tc, test_home_xml_lists_districts_with_current_year);
	tcase_add_test(tc, test_accept_header_gives_xml);
	tcase_add_test(tc, test_unknown_path_is_404_with_code);
	tcase_add_test(tc, test_post_to_get_only_page_is_405);
	tcase_add_test(tc, test_bad_query_is_400_in_chinese);
	tcase_add_test(tc, test_head_has_no_body);
	tcase_add_test(tc, test_static_css_served);
	tcase_add_test(tc, test_memory_log_every_n_requests);
	tcase_add_test(tc, test_graceful_stop_finishes_the_body_being_read);
	tcase_add_test(tc, test_a_postgresql_url_is_a_database_not_a_file);
	tcase_add_test(tc, test_same_binary_as_plain_cgi);
	tcase_add_test(tc, test_same_binary_as_fastcgi_on_fd0);
	tcase_add_test(tc, test_listen_refuses_other_than_loopback);
	tcase_add_test(tc, test_ten_thousand_malformed_requests_get_4xx);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 && sanitizer_reports == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
