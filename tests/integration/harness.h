/*
 * harness.h - integration tests against the real thing: nginx and the
 * xueshi programs started by deploy/run-local.sh on a free port in a
 * temporary directory, driven with libcurl, asserted on with XPath.
 */
#ifndef XS_HARNESS_H
#define XS_HARNESS_H

#include <stddef.h>
#include <sys/types.h>
#include <libxml/tree.h>

struct server {
	char dir[512];     /* temporary state directory */
	int port;
	pid_t pid;         /* run-local.sh, leader of its own process group */
	char base[64];     /* "http://127.0.0.1:PORT" */
	char db[1024];     /* the database file (in dir, or in the store), or PostgreSQL's URL */
	char store[512];   /* where the evidence is (evidence/ of it): dir, or the store */
	int limits;        /* nginx keeps its per-address limits */
	int hosts;         /* sets of the programs, as web hosts (run-local.sh --hosts); 0 means 1 */
};

struct reply {
	long status;
	char *body;
	size_t len;
	char *headers;     /* raw header block */
	size_t hlen;
};

/*
 * PostgreSQL (issue 18): XUESHI_TEST_PG is the test cluster's socket
 * directory (tests/pg/cluster.sh); when set, every server gets a database
 * of its own there (pg_create makes it and its URL) and s->db is its URL.
 */
const char *test_pg(void);
int server_is_pg(const struct server *s);
int pg_create(const char *dir, char *url, size_t len);

/* Paths from the test environment (set by make check). */
const char *env_srcdir(void);
const char *env_builddir(void);

/*
 * Make a temporary directory with a demo database, start run-local.sh on a
 * free port and wait until the home page answers. Returns 0 or -1.
 */
int server_start(struct server *s);

/*
 * The same with the database and the evidence files in store (a directory
 * the test made, e.g. a small tmpfs), the rest in the temporary directory.
 */
int server_start_in(struct server *s, const char *store);

/*
 * As server_start, but nginx keeps the shipped per-address limits
 * (limit_req, limit_conn of deploy/nginx/xueshi.conf). server_start leaves
 * them out (XUESHI_NGINX_LIMITS=off): the suite's many quick requests from
 * 127.0.0.1, logins above all, would meet them.
 */
int server_start_limited(struct server *s);

/*
 * As server_start, with hosts sets of the programs (each as a web host
 * would run it: deploy/run-host.sh in DIR/host1 ... DIR/hostN, with its own
 * sockets, logs and temporary files) on the one database and evidence
 * directory, behind one nginx upstream per program.
 */
int server_start_hosts(struct server *s, int hosts);

/* The same on a new database made by `xueshictl init` alone: no district, no account. */
int server_start_fresh(struct server *s);

/*
 * Start s again on its directory, port and database, as after a crash or a
 * reboot (whatever is left of the old process group is stopped first).
 * Returns 0 when the home page answers, -1 otherwise.
 */
int server_restart(struct server *s);

/* Stop everything the server started (gracefully first); keep its directory. */
void server_halt(struct server *s);

/*
 * After server_halt: 1 when the programs' logs hold a sanitizer report or a
 * worker killed by a signal (printed to stderr), 0 when clean.
 */
int server_log_reports(const struct server *s);

/* server_halt, then remove its directory. */
void server_stop(struct server *s);

/*
 * One HTTP request with libcurl. method "GET" or "POST"; body may be NULL;
 * extra_headers a NULL-terminated array or NULL. Returns 0 when a response
 * arrived. Free with reply_free.
 */
int http_do(const struct server *s, const char *method, const char *path,
    const char *content_type, const char *body, size_t body_len,
    const char *const *extra_headers, struct reply *r);

void reply_free(struct reply *r);

/* A client that keeps its cookies between requests (a browser session). */
struct client;
struct client *client_new(void);
void client_free(struct client *cl);

/* As http_do, through cl (NULL: a fresh client with no cookies). */
int client_do(struct client *cl, const struct server *s, const char *method,
    const char *path, const char *content_type, const char *body,
    size_t body_len, const char *const *extra_headers, struct reply *r);

struct upload {
	const char *field, *filename, *type;
	const void *data;
	size_t len;
};

/*
 * POST multipart/form-data through cl: fields as NULL-terminated name, value
 * pairs, then files. Returns 0 when a response arrived (free r).
 */
int client_post_multipart(struct client *cl, const struct server *s, const char *path,
    const char *const *fields, const struct upload *files, size_t nfiles,
    struct reply *r);

/*
 * Send header ("X-Xueshi-Now: 2022-07-01T10:00:00+08:00") with every later
 * request of cl; NULL or "" stops it.
 */
void client_set_header(struct client *cl, const char *header);

/* The value of cookie name in cl's jar (a new string to free), or NULL. */
char *client_cookie(struct client *cl, const char *name);

/* The value of header name in r (a new string to free), or NULL. */
char *reply_header(const struct reply *r, const char *name);

/* Parse r's body as XML (NULL if it is not). Free with xmlFreeDoc. */
xmlDocPtr reply_xml(const struct reply *r);

/* string(expr) over doc, a new string to free ("" when nothing matches). */
char *xpath_string(xmlDocPtr doc, const char *expr);

/* number(expr) over doc, as a long (LONG_MIN when not a number). */
long xpath_long(xmlDocPtr doc, const char *expr);

/* True when the body contains needle. */
int reply_contains(const struct reply *r, const char *needle);

/*
 * Send raw bytes on a new TCP connection to the server, half-close, and read
 * the status code of the first response line (0 when none arrived within the
 * timeout).
 */
int raw_request(const struct server *s, const char *data, size_t len,
    int timeout_ms);

/* The pids of the worker processes of program prog ("auth"), sorted. Returns the count. */
int worker_pids(const struct server *s, const char *prog, pid_t *pids, int max);

#endif
