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
#define APP_MAX_FIELDS 48

/*
 * What a path's number names ("/school/records/{record}"): the core finds
 * the object's owner (store/scope.h) and checks the route's scope against
 * it before the handler runs. {id} names nothing the core checks.
 */
enum object_kind {
	OBJ_NONE,
	OBJ_RECORD,       /* {record} */
	OBJ_TEACHER_YEAR, /* {teacher_year} */
	OBJ_EVIDENCE,     /* {evidence} */
	OBJ_SCHOOL,       /* {school} */
	OBJ_ACCOUNT,      /* {account} */
	OBJ_IMPORT,       /* {import}: a roster import */
	OBJ_YEAR,         /* {year}: a district's school year */
	OBJ_DISTRICT,     /* {district} */
	OBJ_ITEM,         /* {item}: a catalogue item */
	OBJ_GROUP,        /* {group}: a cap group */
	OBJ_CATALOGUE_IMPORT, /* {catalogue_import}: a catalogue spreadsheet kept for its commit */
	OBJ_PROJECT,      /* {project}: a training project (审批备案); its school is the filing one */
	OBJ_NOTICE,       /* {notice}: a district's notice (通报); a school reaches the published ones naming it */
	OBJ_EVENT,        /* {event}: a training event with sign-in; its school is the organising one */
	OBJ__MAX
};

/* A declared input: the core validates it before the handler runs. */
enum field_type {
	FIELD_LINE,    /* one line of text, at most max characters */
	FIELD_TEXT,    /* text with line breaks, at most max characters */
	FIELD_INT,     /* an integer in [min, max] */
	FIELD_ID,      /* a positive integer (an id), at most 2^53 */
	FIELD_DATE,    /* a real date YYYY-MM-DD */
	FIELD_CHOICE,  /* one of choices */
	FIELD_FLAG,    /* present or not (a checkbox): its text is never read */
	FIELD_SECRET   /* a line never echoed (a password) */
};

#define FIELD_REQUIRED 1u   /* absent or empty is an error "required" */
#define FIELD_QUERY    2u   /* from the query string (default: the form on POST,
                               the query string on GET) */
#define FIELD_MULTI    4u   /* may repeat (record=1&record=2): app_field_ids */
#define FIELD_PREFIX   8u   /* name is a prefix: every "<name><id>" of the form
                               (q1-17, q1-18 ...), each checked as the type says;
                               read one with app_field_keyed */
#define FIELD_SCOPE_SKIP 16u /* FIELD_MULTI with an object: ids out of scope are
                               taken out and counted (app_field_refused), not 404 */

struct field {
	const char *name;
	enum field_type type;
	unsigned flags;
	long long min, max;          /* INT: the range; LINE/TEXT/SECRET: max characters */
	const char *const *choices;  /* CHOICE: NULL-terminated */
	/*
	 * ID: the kind of object the id names, or OBJ_NONE. The core checks
	 * such an object against the route's scope as it checks the path's: a
	 * value out of scope (or not existing) answers 404 before the handler
	 * runs, one of a list too, except that with FIELD_SCOPE_SKIP the list
	 * loses such ids, counted in the value's refused (app_field_refused).
	 */
	enum object_kind object;
};

/* A validated value (for the core; handlers use the app_field_* calls). */
struct field_value {
	const char *text;  /* trimmed; "" when absent */
	long long num;     /* INT, ID; the index for CHOICE */
	int present;       /* given and not empty */
	int ok;            /* valid (an absent optional field is ok) */
	const char *error; /* the field error code when not ok */
	long long *ids;    /* FIELD_MULTI: the valid ids given; FIELD_PREFIX: the ids named */
	const char **texts;/* FIELD_PREFIX: each id's text ("" when invalid) */
	const char **errors;/* FIELD_PREFIX: each id's error code, NULL when valid */
	size_t nids;
	size_t refused;    /* FIELD_MULTI with an object: the ids the scope took out */
};

/*
 * The tests' clock (X-Xueshi-Now, honoured only under XUESHI_FAULT_INJECTION=1):
 * unix seconds, or YYYY-MM-DDTHH:MM:SS followed by Z or +HH:MM / -HH:MM.
 * 0 with *now set, or -1 (malformed: *now untouched).
 */
int app_parse_clock(const char *s, long long *now);

struct ctx {
	arena *a;
	long long now;            /* unix seconds, fixed for the request; under the test
	                             switch X-Xueshi-Now moves it (deadlines, audit) */
	long long wall;           /* the real clock: sessions and the login throttle */
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
	enum object_kind id_kind[APP_MAX_ARGS];
	/* The route's declared fields, validated: errors and values are put
	 * in the page's <form> by form_begin (core/form.h). */
	struct field_value fv[APP_MAX_FIELDS];
	int field_errors;
	/* The response document and the stylesheet, relative to xsl/ without
	 * ".xsl": app_page sets "pages/NAME"; print pages set "print/NAME". */
	xmlNodePtr page;
	const char *stylesheet;
	const char **xsl_params;  /* string parameters for the HTML only (render.h) */
	const char *refused_by;   /* the core's refusal: "route", "role", "scope" (test header) */
	int raw_body;             /* the handler set the body itself (a file) */
	int context_status;       /* app_page_context's read failed: the page's status instead */
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
	const struct field *fields; /* declared inputs, ending with { NULL }; may be NULL */
};

/* The route stays reachable while the password must be changed. */
#define ROUTE_DURING_PASSWORD_CHANGE 1u
#define ROUTE_RAW_ANY_STATUS 2u         /* the handler's own body also for a status other than 200 (/healthz) */

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

/* Tenths as people write hours (900 "90", 485 "48.5"; rules_hours_format), in the request's arena. */
const char *app_hours(struct ctx *c, long long t);

/* The request's time (the tests' clock included) as an ISO UTC timestamp, in the arena ("" on failure). */
const char *app_now_text(struct ctx *c);

/* 303 to path (a local path) and return 303: `return app_redirect(c, "/")`. */
int app_redirect(struct ctx *c, const char *path);

/*
 * A declared field's value (the route's fields): the text ("" when absent
 * or invalid), the number (0 when absent or invalid), whether it was given
 * (and valid), and for FIELD_MULTI every valid id given (in a; *n of them).
 * Asking for a field the route does not declare is a programming error:
 * it logs and answers as absent.
 */
const char *app_field_text(struct ctx *c, const char *name);
long long app_field_int(struct ctx *c, const char *name);
int app_field_present(struct ctx *c, const char *name);
long long *app_field_ids(struct ctx *c, const char *name, size_t *n);
/* FIELD_MULTI with an object: how many ids the core's scope check took out. */
size_t app_field_refused(struct ctx *c, const char *name);

/*
 * A FIELD_PREFIX field's value for one id ("q1-" and 17: the field
 * "q1-17"): its trimmed text, or NULL when the form does not have it. *error
 * (may be NULL) gets the field error code when the text is not valid for
 * the declared type, else NULL.
 */
const char *app_field_keyed(struct ctx *c, const char *prefix, long long id, const char **error);

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
