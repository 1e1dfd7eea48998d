/*
 * app.h - what a program is: a table of routes, each {method, path pattern,
 * handler, roles, scope}, and the request context handlers receive.
 *
 * The core decides 404 (no pattern matches) and 405 (a pattern matches, not
 * the method) before any handler runs, and checks the route's roles against
 * the session (see the accounts work); handlers never parse the request.
 */
#ifndef XS_APP_H
#define XS_APP_H

#include <libxml/tree.h>
#include "arena.h"
#include "auth.h"
#include "config.h"
#include "db.h"
#include "http.h"

/* Roles, as bits so a route can allow several. */
enum role {
	ROLE_ANON = 1u << 0,          /* not logged in */
	ROLE_TEACHER = 1u << 1,       /* 教师 */
	ROLE_SCHOOL_ADMIN = 1u << 2,  /* 学校学时管理员 */
	ROLE_SCHOOL_LEADER = 1u << 3, /* 校长 (read-only) */
	ROLE_DISTRICT_ADMIN = 1u << 4,/* 区教师发展中心 */
	ROLE_SYSTEM_ADMIN = 1u << 5
};
#define ROLES_USERS (ROLE_TEACHER | ROLE_SCHOOL_ADMIN | ROLE_SCHOOL_LEADER | \
	ROLE_DISTRICT_ADMIN | ROLE_SYSTEM_ADMIN)
#define ROLES_EVERYONE (ROLE_ANON | ROLES_USERS)

/* Which objects a route may reach for the caller. */
enum scope {
	SCOPE_PUBLIC,   /* nothing private */
	SCOPE_OWN,      /* the caller's own records */
	SCOPE_SCHOOL,   /* the caller's school */
	SCOPE_DISTRICT, /* the caller's district */
	SCOPE_ALL,      /* everything (system admin) */
	SCOPE__MAX
};

#define APP_MAX_ARGS 4

struct ctx {
	arena *a;
	long long now;            /* unix seconds, fixed for the request */
	struct user *user;        /* NULL when anonymous */
	const char *csrf;         /* the token forms must carry */
	const char *set_csrf_cookie; /* a new anonymous CSRF cookie to send */
	const struct config *cfg;
	struct db *db;
	struct http_request *req;
	struct http_response *resp;
	const struct route *route;
	/* Path captures: "{id}" gives an integer, "{code}" a short name. */
	long long id[APP_MAX_ARGS];
	const char *code[APP_MAX_ARGS];
	int nid, ncode;
	/* The response document and the stylesheet, relative to xsl/ without
	 * ".xsl": app_page sets "pages/NAME"; print pages set "print/NAME". */
	xmlNodePtr page;
	const char *stylesheet;
	const char **xsl_params;  /* string parameters for the HTML only (render.h) */
	int raw_body;             /* the handler set the body itself (a file) */
};

/*
 * A handler fills ctx->page (via app_page) and returns the HTTP status: 200,
 * 303 after http_redirect, or an error status (the core then renders the
 * error page unless the handler built its own document).
 */
typedef int (*handler_fn)(struct ctx *c);

struct route {
	enum http_method method;
	const char *pattern;  /* "/", "/districts/{code}", "/records/{id}" */
	handler_fn handler;
	unsigned roles;       /* enum role bits allowed to call it */
	enum scope scope;
	const char *name;     /* a stable name for logs and the access tests */
	unsigned flags;       /* ROUTE_* */
};

/* The route stays reachable while the password must be changed. */
#define ROUTE_DURING_PASSWORD_CHANGE 1u

struct program {
	const char *name;
	const struct route *routes;
	size_t nroutes;
};

/*
 * Start the response document for this request: <page name="NAME"> with the
 * request's context (path, format) and remember NAME as the stylesheet.
 * Returns the root element or NULL on out of memory.
 */
xmlNodePtr app_page(struct ctx *c, const char *name);

/* The role bit (enum role) of a logged-in user's role. */
unsigned app_role_bit(enum role_name r);

/* 303 to path (a local path) and return 303: `return app_redirect(c, "/")`. */
int app_redirect(struct ctx *c, const char *path);

/*
 * The one mapping from a store result to an HTTP status: DB_OK 200,
 * DB_NOTFOUND 404, DB_CONSTRAINT 409, DB_BUSY 503 (with Retry-After, added
 * by the core), anything else 500.
 */
int app_status(enum db_result r);

/* Add <user .../> for c->user and <csrf token=""/> under the page root. */
void app_page_context(struct ctx *c);

/*
 * Match path against pattern, filling the captures in c (c may be NULL).
 * Returns 1 on a match, 0 otherwise. Exposed for the unit tests.
 */
int app_match(const char *pattern, const char *path, struct ctx *c);

/*
 * Handle one parsed request (parse_status is http_parse's result): route,
 * check, call the handler, render. Always leaves a complete response in resp.
 */
void app_handle(const struct program *prog, struct ctx *c, int parse_status);

/*
 * The program's main: FastCGI on the socket passed as fd 0, or
 * `--listen unix:PATH|HOST:PORT [--workers N]` with preforked workers,
 * or plain CGI when started by a server as a CGI script. Returns the exit
 * status.
 */
int app_main(const struct program *prog, int argc, char **argv);

#endif
