/*
 * test_limits.c - the shipped nginx limits (deploy/nginx/xueshi.conf, which
 * deploy/run-local.sh serves with its paths replaced), with the per-address
 * limits on (server_start_limited):
 *
 *   - the quick start's config carries every limit of the site file;
 *   - every upload route takes bodies above 1 MB, other routes answer 413
 *     with nginx's Chinese page (status kept), 32 MB is the ceiling;
 *   - 500 slow clients trickling request bodies do not starve normal
 *     traffic, and an address over its connection limit gets the Chinese 503;
 *   - 3,000 requests whose clients hang up at once (one at a time) are shed
 *     per address, and the home page answers at once afterwards, served by
 *     the same workers.
 *
 * Many clients are simulated by binding client sockets to other loopback
 * addresses (127.0.0.N are all loopback on Linux); the ordinary requests
 * come from 127.0.0.1.
 */
#include "harness.h"

#include <check.h>
#include <curl/curl.h>

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static struct server srv;
static int sanitizer_reports;

/* What nginx's pages say (xsl/strings.zh-CN.xml, error.*). */
#define TEXT_413 "提交的内容超过了服务器允许的大小"
#define TEXT_503 "系统当前访问人数过多"

static void
setup(void)
{
	struct rlimit rl;

	curl_global_init(CURL_GLOBAL_DEFAULT);
	/* 500 client sockets, plus curl's and the harness's. */
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < 2048) {
		rl.rlim_cur = rl.rlim_max < 2048 ? rl.rlim_max : 2048;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
	if (server_start_limited(&srv) != 0) {
		server_stop(&srv);
		fprintf(stderr, "test_limits: could not start the server\n");
		exit(1);
	}
}

static void
teardown(void)
{
	server_halt(&srv);
	sanitizer_reports += server_log_reports(&srv);
	server_stop(&srv);
	curl_global_cleanup();
}

static long
now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* A TCP connection to the server from loopback address 127.0.0.host, or -1. */
static int
connect_from(int host)
{
	struct sockaddr_in a;
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

	if (fd < 0)
		return -1;
	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(0x7f000000u | (unsigned)host);
	if (bind(fd, (struct sockaddr *)&a, sizeof(a)) != 0) {
		close(fd);
		return -1;
	}
	a.sin_port = htons((unsigned short)srv.port);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (connect(fd, (struct sockaddr *)&a, sizeof(a)) != 0) {
		close(fd);
		return -1;
	}
	return fd;
}

static int
send_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = send(fd, p, n, MSG_NOSIGNAL);
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/*
 * Read a response from fd until the server closes or timeout_ms pass; into
 * buf (NUL-terminated, truncated to size). Returns the status of its first
 * line, 0 when none came.
 */
static int
read_response(int fd, char *buf, size_t size, int timeout_ms)
{
	size_t got = 0;
	long t0 = now_ms();
	int status = 0;

	for (;;) {
		struct pollfd p = { fd, POLLIN, 0 };
		long left = timeout_ms - (now_ms() - t0);
		char scratch[4096];
		ssize_t k;
		if (left <= 0 || poll(&p, 1, (int)left) <= 0)
			break;
		if (got < size - 1)
			k = recv(fd, buf + got, size - 1 - got, 0);
		else
			k = recv(fd, scratch, sizeof(scratch), 0);
		if (k <= 0)
			break;
		if (got < size - 1)
			got += (size_t)k;
		buf[got] = '\0';
		/* A whole response is in: do not wait for nginx's lingering close. */
		{
			const char *end = strstr(buf, "\r\n\r\n"), *cl = strstr(buf, "\nContent-Length:");
			if (end != NULL && cl != NULL && cl < end &&
			    got >= (size_t)(end + 4 - buf) + strtoul(cl + 16, NULL, 10))
				break;
		}
	}
	buf[got] = '\0';
	if (strncmp(buf, "HTTP/1.", 7) == 0 && strlen(buf) >= 12)
		status = atoi(buf + 9);
	return status;
}

/* ------------------------------------------------ the config itself */

/* Every limit line of the site file is in the config the quick start runs. */
START_TEST(test_quick_start_carries_the_shipped_limits)
{
	char path[1024], line[1024];
	FILE *site, *conf;
	char *text;
	size_t n = 0, cap = 1 << 20;
	int checked = 0;

	snprintf(path, sizeof(path), "%s/nginx.conf", srv.dir);
	conf = fopen(path, "r");
	ck_assert_ptr_nonnull(conf);
	text = malloc(cap);
	ck_assert_ptr_nonnull(text);
	n = fread(text, 1, cap - 1, conf);
	text[n] = '\0';
	fclose(conf);
	snprintf(path, sizeof(path), "%s/deploy/nginx/xueshi.conf", env_srcdir());
	site = fopen(path, "r");
	ck_assert_ptr_nonnull(site);
	while (fgets(line, sizeof(line), site) != NULL) {
		const char *p = line;
		while (*p == ' ' || *p == '\t')
			p++;
		if (strncmp(p, "limit_", 6) != 0 && strncmp(p, "error_page", 10) != 0 &&
		    strncmp(p, "client_", 7) != 0 && strncmp(p, "send_timeout", 12) != 0)
			continue;
		ck_assert_msg(strstr(text, p) != NULL, "run-local.sh's nginx.conf lacks: %s", p);
		checked++;
	}
	fclose(site);
	/* 5 zones, 4 limit_req (+ the login's 3), 2 limit_conn, 2 statuses, 3 error pages... */
	ck_assert_int_ge(checked, 20);
	ck_assert(strstr(text, "worker_connections 4096;") != NULL);
	free(text);
}
END_TEST

/* -------------------------------------------------- body size limits */

/*
 * POST a well-formed multipart body of about len bytes (one file part) to
 * path from 127.0.0.host; the status, the response in buf.
 */
static int
post_body(int host, const char *path, size_t len, char *buf, size_t size)
{
	static const char pre[] = "--xsbound\r\nContent-Disposition: form-data; "
	    "name=\"evidence\"; filename=\"a.txt\"\r\nContent-Type: text/plain\r\n\r\n";
	static const char post[] = "\r\n--xsbound--\r\n";
	char head[512];
	int fd = connect_from(host), n, status;
	size_t total = sizeof(pre) - 1 + len + sizeof(post) - 1;
	char *body;

	ck_assert_int_ge(fd, 0);
	n = snprintf(head, sizeof(head),
	    "POST %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
	    "Content-Type: multipart/form-data; boundary=xsbound\r\n"
	    "Content-Length: %zu\r\n\r\n", path, total);
	ck_assert_int_eq(send_all(fd, head, (size_t)n), 0);
	body = malloc(total);
	ck_assert_ptr_nonnull(body);
	memcpy(body, pre, sizeof(pre) - 1);
	memset(body + sizeof(pre) - 1, 'x', len);
	memcpy(body + sizeof(pre) - 1 + len, post, sizeof(post) - 1);
	/* nginx may answer 413 and close before reading it all. */
	send_all(fd, body, total);
	free(body);
	status = read_response(fd, buf, size, 30000);
	close(fd);
	return status;
}

/* Only the declared length: nginx decides on it before reading any body. */
static int
declared_only(int host, const char *path, const char *length, char *buf, size_t size)
{
	char head[512];
	int fd = connect_from(host), n, status;

	ck_assert_int_ge(fd, 0);
	n = snprintf(head, sizeof(head),
	    "POST %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
	    "Content-Type: multipart/form-data; boundary=xsbound\r\n"
	    "Content-Length: %s\r\n\r\n", path, length);
	ck_assert_int_eq(send_all(fd, head, (size_t)n), 0);
	status = read_response(fd, buf, size, 15000);
	close(fd);
	return status;
}

static const char *const upload_routes[] = {
	"/teacher/records/new", "/teacher/records/7/edit",
	"/school/records/new", "/school/records/12/edit",
	"/school/bulk", "/school/roster/import", "/district/years/3/catalogue/import",
};

/*
 * A 3 MB body reaches the program on every upload route: its answer (not
 * logged in: 404 or the way to the login page) carries the programs'
 * Content-Security-Policy, which nginx's own pages do not.
 */
START_TEST(test_upload_routes_take_bodies_over_1m)
{
	static char buf[65536];

	for (size_t i = 0; i < sizeof(upload_routes) / sizeof(upload_routes[0]); i++) {
		int status = post_body(3, upload_routes[i], 3u * 1024 * 1024, buf, sizeof(buf));
		ck_assert_msg(status != 413 && status != 0 &&
		    strstr(buf, "Content-Security-Policy:") != NULL,
		    "POST %s with 3 MB: %d, want the program's answer: %.300s",
		    upload_routes[i], status, buf);
	}
}
END_TEST

/* Over 32 MB on an upload route, over 1 MB elsewhere: 413, in Chinese. */
START_TEST(test_over_the_limit_is_413_in_chinese)
{
	static char buf[65536];
	static const char *const small_routes[] = {
		"/login", "/teacher/records/7/submit", "/school/roster",
		"/school/roster/import/5/commit", "/school/bulk/x", "/district/review/bulk",
	};
	int status;

	for (size_t i = 0; i < sizeof(upload_routes) / sizeof(upload_routes[0]); i++) {
		status = declared_only(3, upload_routes[i], "33554433", buf, sizeof(buf));
		ck_assert_msg(status == 413, "%s, 32 MB + 1: %d", upload_routes[i], status);
		ck_assert_msg(strstr(buf, TEXT_413) != NULL, "%s: %.400s", upload_routes[i], buf);
		ck_assert(strstr(buf, "Content-Type: text/html") != NULL);
	}
	for (size_t i = 0; i < sizeof(small_routes) / sizeof(small_routes[0]); i++) {
		status = declared_only(3, small_routes[i], "1048577", buf, sizeof(buf));
		ck_assert_msg(status == 413, "%s, 1 MB + 1: %d", small_routes[i], status);
		ck_assert_msg(strstr(buf, TEXT_413) != NULL, "%s: %.400s", small_routes[i], buf);
		ck_assert(strstr(buf, "<html lang=\"zh-CN\"") != NULL);
	}
	/* A body actually sent, 2 MB to the login form: the same page. */
	status = post_body(3, "/login", 2u * 1024 * 1024, buf, sizeof(buf));
	ck_assert_int_eq(status, 413);
	ck_assert(strstr(buf, TEXT_413) != NULL);
}
END_TEST

/* The error pages are internal: not reachable by their own path. */
START_TEST(test_error_pages_are_internal)
{
	struct reply r;

	ck_assert_int_eq(http_do(&srv, "GET", "/_err/413.html", NULL, NULL, 0, NULL, &r), 0);
	ck_assert_int_eq(r.status, 404);
	reply_free(&r);
}
END_TEST

/* ---------------------------------------------------- slow clients */

static size_t
discard(char *data, size_t size, size_t nmemb, void *arg)
{
	(void)data;
	(void)arg;
	return size * nmemb;
}

/* n concurrent GETs of the home page from 127.0.0.1: how many got 200. */
static int
home_pages_at_once(int n)
{
	CURLM *m = curl_multi_init();
	CURL *e[16];
	char url[128];
	int running = 0, ok = 0;

	ck_assert_int_le(n, 16);
	snprintf(url, sizeof(url), "%s/", srv.base);
	for (int i = 0; i < n; i++) {
		e[i] = curl_easy_init();
		curl_easy_setopt(e[i], CURLOPT_URL, url);
		curl_easy_setopt(e[i], CURLOPT_TIMEOUT, 30L);
		curl_easy_setopt(e[i], CURLOPT_NOSIGNAL, 1L);
		curl_easy_setopt(e[i], CURLOPT_FORBID_REUSE, 1L);
		curl_easy_setopt(e[i], CURLOPT_WRITEFUNCTION, discard);
		curl_multi_add_handle(m, e[i]);
	}
	do {
		curl_multi_perform(m, &running);
		if (running)
			curl_multi_poll(m, NULL, 0, 1000, NULL);
	} while (running);
	for (int i = 0; i < n; i++) {
		long status = 0;
		curl_easy_getinfo(e[i], CURLINFO_RESPONSE_CODE, &status);
		if (status == 200)
			ok++;
		curl_multi_remove_handle(m, e[i]);
		curl_easy_cleanup(e[i]);
	}
	curl_multi_cleanup(m);
	return ok;
}

#define SLOW_CLIENTS 500
#define SLOW_ADDRS 46          /* 127.0.0.10 .. 127.0.0.55, 10 connections each */
#define SLOW_PER_ADDR 10
#define GREEDY_HOST 2          /* 127.0.0.2: 40 connections, over limit_conn's 32 */
#define GREEDY_CONNS (SLOW_CLIENTS - SLOW_ADDRS * SLOW_PER_ADDR)
#define CONN_LIMIT 32

START_TEST(test_normal_traffic_beside_500_slow_clients)
{
	static int fds[SLOW_CLIENTS];
	static char buf[16384];
	static const char head[] =
	    "POST /teacher/records/new HTTP/1.1\r\nHost: 127.0.0.1\r\n"
	    "Content-Type: multipart/form-data; boundary=xsbound\r\n"
	    "Content-Length: 1000000\r\n\r\n-";
	int nfds = 0, refused = 0, ok = 0, open_after = 0;
	long last_trickle, t0;

	ck_assert_int_eq(GREEDY_CONNS, 40);
	for (int a = 0; a < SLOW_ADDRS; a++)
		for (int k = 0; k < SLOW_PER_ADDR; k++) {
			int fd = connect_from(10 + a);
			ck_assert_msg(fd >= 0, "connect from 127.0.0.%d: %s", 10 + a, strerror(errno));
			ck_assert_int_eq(send_all(fd, head, sizeof(head) - 1), 0);
			fds[nfds++] = fd;
		}
	for (int k = 0; k < GREEDY_CONNS; k++) {
		int fd = connect_from(GREEDY_HOST);
		ck_assert(fd >= 0);
		ck_assert_int_eq(send_all(fd, head, sizeof(head) - 1), 0);
		fds[nfds++] = fd;
	}
	ck_assert_int_eq(nfds, SLOW_CLIENTS);

	/*
	 * The greedy address's connections over the limit are refused with
	 * the Chinese 503 as nginx reads their headers (up to 20 s to see all).
	 */
	t0 = now_ms();
	while (refused < GREEDY_CONNS - CONN_LIMIT && now_ms() - t0 < 20000) {
		struct pollfd p[GREEDY_CONNS];
		int base = SLOW_ADDRS * SLOW_PER_ADDR;
		for (int k = 0; k < GREEDY_CONNS; k++)
			p[k] = (struct pollfd){ fds[base + k], POLLIN, 0 };
		if (poll(p, GREEDY_CONNS, 500) <= 0)
			continue;
		for (int k = 0; k < GREEDY_CONNS; k++) {
			int status;
			if (p[k].fd < 0 || !(p[k].revents & (POLLIN | POLLHUP)))
				continue;
			status = read_response(p[k].fd, buf, sizeof(buf), 5000);
			ck_assert_msg(status == 503, "greedy connection %d: %d %.200s", k, status, buf);
			ck_assert(strstr(buf, TEXT_503) != NULL);
			close(fds[base + k]);
			fds[base + k] = -1;
			refused++;
		}
	}
	last_trickle = now_ms();
	ck_assert_int_eq(refused, GREEDY_CONNS - CONN_LIMIT);

	/*
	 * Normal traffic from 127.0.0.1: ten users at once, five times over
	 * about 3 s, while the others trickle a byte a second.
	 */
	last_trickle = t0 = now_ms();
	for (int round = 0; round < 5; round++) {
		ok += home_pages_at_once(10);
		while (now_ms() - t0 < 600L * (round + 1)) {
			struct pollfd p = { fds[0], POLLIN, 0 };
			/* Pacing; nginx dropping the first slow client would end it. */
			if (poll(&p, 1, 20) == 1)
				break;
		}
		if (now_ms() - last_trickle >= 1000) {
			for (int k = 0; k < nfds; k++)
				if (fds[k] >= 0)
					send_all(fds[k], "x", 1);
			last_trickle = now_ms();
		}
	}
	fprintf(stderr, "test_limits: %d of 50 requests (10 at a time) beside %d slow clients in %ld ms\n",
	    ok, nfds - refused, now_ms() - t0);
	/* The slow clients within their limit were still being served, not dropped. */
	for (int k = 0; k < nfds; k++) {
		struct pollfd p = { fds[k], POLLIN, 0 };
		if (fds[k] < 0)
			continue;
		if (poll(&p, 1, 0) == 0)
			open_after++;
		close(fds[k]);
	}
	ck_assert_msg(ok == 50, "%d of 50 normal requests failed", 50 - ok);
	ck_assert_int_eq(open_after, SLOW_CLIENTS - (GREEDY_CONNS - CONN_LIMIT));
}
END_TEST

/*
 * One address asking faster than 20 a second beyond its burst of 100 gets
 * 429 with the Chinese page; static files count too (every location).
 */
START_TEST(test_too_many_requests_is_429_in_chinese)
{
	static const char get[] = "GET /static/css/screen.css HTTP/1.1\r\nHost: x\r\n"
	    "Connection: close\r\n\r\n";
	static char buf[16384], first429[16384];
	int ok = 0, limited = 0;

	first429[0] = '\0';
	for (int i = 0; i < 400; i++) {
		int fd = connect_from(5), status;
		ck_assert(fd >= 0);
		ck_assert_int_eq(send_all(fd, get, sizeof(get) - 1), 0);
		status = read_response(fd, buf, sizeof(buf), 10000);
		close(fd);
		if (status == 200)
			ok++;
		else if (status == 429) {
			if (limited++ == 0)
				memcpy(first429, buf, sizeof(buf));
		} else
			ck_abort_msg("request %d: %d %.200s", i, status, buf);
	}
	fprintf(stderr, "test_limits: 400 quick requests from one address: %d served, %d limited\n",
	    ok, limited);
	/* The burst at least, and the rate's share of the time taken. */
	ck_assert_int_ge(ok, 100);
	ck_assert_int_gt(limited, 0);
	ck_assert(strstr(first429, "请求过多") != NULL);
	ck_assert(strstr(first429, "<html lang=\"zh-CN\"") != NULL);
}
END_TEST

/*
 * /verify (public, no login) is limited harder than other pages: 60 a
 * minute per address, bursts of 20. 60 quick lookups from one address: the
 * burst (and the rate's share) is answered, the rest get 429; another
 * address is not slowed.
 */
START_TEST(test_verify_is_rate_limited)
{
	static const char get[] = "GET /verify?c=0000-0000-0000-0000 HTTP/1.1\r\nHost: x\r\n"
	    "Connection: close\r\n\r\n";
	static char buf[16384];
	int answered = 0, limited = 0;

	for (int i = 0; i < 60; i++) {
		int fd = connect_from(7), status;
		ck_assert(fd >= 0);
		ck_assert_int_eq(send_all(fd, get, sizeof(get) - 1), 0);
		status = read_response(fd, buf, sizeof(buf), 10000);
		close(fd);
		if (status == 404)
			answered++; /* the code is unknown: the page says so */
		else if (status == 429)
			limited++;
		else
			ck_abort_msg("lookup %d: %d %.200s", i, status, buf);
	}
	fprintf(stderr, "test_limits: 60 quick /verify lookups: %d answered, %d limited\n",
	    answered, limited);
	ck_assert_int_ge(answered, 21);
	ck_assert_int_gt(limited, 0);
	{
		int fd = connect_from(8);
		ck_assert(fd >= 0);
		ck_assert_int_eq(send_all(fd, get, sizeof(get) - 1), 0);
		ck_assert_int_eq(read_response(fd, buf, sizeof(buf), 10000), 404);
		close(fd);
	}
}
END_TEST

/* ------------------------------------------------- workers killed together */

/*
 * kill -9 of every worker of a program at once (the OOM killer, an
 * operator): the master replaces each at once, not one a second, and the
 * next request is served. Two auth workers here.
 */
START_TEST(test_workers_killed_together_come_back)
{
	pid_t before[16], after[16];
	int nb, na = 0, fresh = 0;
	long t0, waited;
	struct reply r;

	nb = worker_pids(&srv, "auth", before, 16);
	ck_assert_int_eq(nb, 2);
	t0 = now_ms();
	for (int i = 0; i < nb; i++)
		ck_assert_int_eq(kill(before[i], SIGKILL), 0);
	/* Both replaced (30 s at most under load), by workers that are not the old ones. */
	do {
		struct pollfd none = { -1, 0, 0 };
		poll(&none, 1, 20);
		na = worker_pids(&srv, "auth", after, 16);
		fresh = 0;
		for (int i = 0; i < na; i++)
			fresh += after[i] != before[0] && after[i] != before[1];
	} while ((na != 2 || fresh != 2) && now_ms() - t0 < 30000);
	waited = now_ms() - t0;
	ck_assert_msg(na == 2 && fresh == 2, "after %ld ms: %d workers, %d new", waited, na, fresh);
	fprintf(stderr, "test_limits: 2 auth workers killed at once were both back after %ld ms\n", waited);
	ck_assert_int_eq(http_do(&srv, "GET", "/", NULL, NULL, 0, NULL, &r), 0);
	ck_assert_int_eq(r.status, 200);
	reply_free(&r);
}
END_TEST

/* ------------------------------------------------- hang-up flood */

START_TEST(test_hang_up_flood_then_home_answers_at_once)
{
	static const char req[] = "GET /?a=%zz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
	pid_t before[16], after[16];
	int nb, na, failed_connects = 0, home_failed = 0;
	struct reply r;
	long t0, flood_ms;

	nb = worker_pids(&srv, "auth", before, 16);
	ck_assert_int_eq(nb, 2);
	t0 = now_ms();
	for (int i = 0; i < 3000; i++) {
		int fd = connect_from(4);
		if (fd < 0) {
			failed_connects++;
			continue;
		}
		send_all(fd, req, sizeof(req) - 1);
		shutdown(fd, SHUT_WR);
		close(fd);
		/* Everybody else is served meanwhile: a home page every 100. */
		if (i % 100 == 99) {
			ck_assert_int_eq(http_do(&srv, "GET", "/", NULL, NULL, 0, NULL, &r), 0);
			if (r.status != 200)
				home_failed++;
			reply_free(&r);
		}
	}
	flood_ms = now_ms() - t0;
	ck_assert_msg(home_failed == 0, "%d of 30 home pages during the flood failed", home_failed);
	/*
	 * Shed per client: of the flood, nginx passed on at most the burst
	 * (100) and 20 a second (rate=20r/s) to the program; the rest it
	 * answered itself with 429 (its access log says which).
	 */
	{
		char path[1024], line[4096];
		int passed = 0, shed = 0;
		long bound = 100 + 20 * (flood_ms / 1000 + 1), waited = now_ms();
		snprintf(path, sizeof(path), "%s/logs/access.log", srv.dir);
		/* nginx logs a request when it ends: wait (30 s at most) for all. */
		do {
			FILE *f = fopen(path, "r");
			ck_assert_ptr_nonnull(f);
			passed = shed = 0;
			while (fgets(line, sizeof(line), f) != NULL) {
				const char *q;
				if (strncmp(line, "127.0.0.4 ", 10) != 0 ||
				    (q = strstr(line, "\" ")) == NULL)
					continue;
				if (atoi(q + 2) == 429)
					shed++;
				else
					passed++;
			}
			fclose(f);
			if (passed + shed >= 3000 - failed_connects)
				break;
			struct pollfd none = { -1, 0, 0 };
			poll(&none, 1, 100);
		} while (now_ms() - waited < 30000);
		fprintf(stderr, "test_limits: flood of 3000 in %ld ms: %d passed on, %d shed\n",
		    flood_ms, passed, shed);
		ck_assert_int_eq(passed + shed, 3000 - failed_connects);
		ck_assert_msg(passed <= bound, "%d flood requests reached the program (at most %ld)",
		    passed, bound);
	}
	na = worker_pids(&srv, "auth", after, 16);
	ck_assert_int_eq(na, nb);
	for (int i = 0; i < nb; i++)
		ck_assert_int_eq(after[i], before[i]);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("limits");
	TCase *tc = tcase_create("nginx limits");
	SRunner *sr;
	int failed;

	tcase_add_unchecked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, test_quick_start_carries_the_shipped_limits);
	tcase_add_test(tc, test_upload_routes_take_bodies_over_1m);
	tcase_add_test(tc, test_over_the_limit_is_413_in_chinese);
	tcase_add_test(tc, test_error_pages_are_internal);
	tcase_add_test(tc, test_normal_traffic_beside_500_slow_clients);
	tcase_add_test(tc, test_too_many_requests_is_429_in_chinese);
	tcase_add_test(tc, test_verify_is_rate_limited);
	tcase_add_test(tc, test_hang_up_flood_then_home_answers_at_once);
	tcase_add_test(tc, test_workers_killed_together_come_back);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 && sanitizer_reports == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
