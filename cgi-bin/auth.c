/*
 * auth.c - the public program: the home page, login, logout, the password
 * change, and (accounts.c) the account lifecycle.
 */
#include "core/app.h"
#include "pages/verify.h"
#include "store/home.h"
#include "store/audit.h"
#include "store/store.h"
#include <sodium.h>
#include "core/form.h"
#include "core/render.h"
#include "pages/accounts.h"
#include "pages/inbox.h"
#include "core/failure.h"
#include "core/files.h"
#include "store/deadline.h"
#include "pages/districts.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

/* GET / : the districts this installation serves. */
static int
page_home(struct ctx *c)
{
	xmlNodePtr root, list;
	struct home_district *v;
	size_t n;
	enum db_result r;

	if ((root = app_page(c, "home")) == NULL || (list = xml_node(root, "districts")) == NULL)
		return 500;
	if ((r = store_home_districts(c->db, c->a, &v, &n)) != DB_OK)
		return app_status(r);
	for (size_t i = 0; i < n; i++) {
		xmlNodePtr d = xml_node(list, "district");
		if (d == NULL)
			return 500;
		xml_attr_int(d, "id", v[i].id);
		xml_attr(d, "code", v[i].code);
		xml_attr(d, "self-registration", v[i].self_registration ? "yes" : "no");
		xml_text(d, "name", v[i].name);
		xml_text(d, "province", v[i].province);
		xml_text(d, "city", v[i].city);
		xml_text(d, "authority", v[i].authority);
		if (v[i].year_id > 0) {
			xmlNodePtr y = xml_node(d, "current-year");
			if (y == NULL)
				return 500;
			xml_attr_int(y, "id", v[i].year_id);
			xml_attr(y, "label", v[i].year_label);
			xml_attr(y, "starts", v[i].starts_on);
			xml_attr(y, "ends", v[i].ends_on);
			xml_attr(y, "register-deadline", v[i].register_deadline);
		}
	}
	return 200;
}

/* A "next" that is a plain local path, or NULL. */
static const char *
safe_next(const char *next)
{
	if (next == NULL || next[0] != '/' || next[1] == '/' || strlen(next) > 512)
		return NULL;
	if (strspn(next, "abcdefghijklmnopqrstuvwxyz0123456789/-_") != strlen(next))
		return NULL;
	return next;
}

static int
login_form(struct ctx *c, struct form *f, const char *next)
{
	if (app_page(c, "login") == NULL)
		return 500;
	form_begin(f, c, "login");
	if (next != NULL && f->node != NULL) {
		xmlNodePtr v = xml_text(f->node, "value", next);
		if (v != NULL)
			xml_attr(v, "name", "next");
	}
	return 200;
}

/* GET /login */
static int
page_login(struct ctx *c)
{
	struct form f;

	if (c->user != NULL)
		return app_redirect(c, "/");
	return login_form(c, &f, safe_next(app_field_text(c, "next")));
}

static void
session_cookie(struct ctx *c, const char *token, int max_age)
{
	char *v = arena_printf(c->a,
	    "xs_session=%s; Path=/; Max-Age=%d; HttpOnly; SameSite=Lax%s",
	    token, max_age, c->req->https ? "; Secure" : "");
	if (v != NULL)
		http_header_add(c->resp, "Set-Cookie", v);
}

/* POST /login */
static int
post_login(struct ctx *c)
{
	struct form f;
	const char *login = app_field_text(c, "login"), *password = app_field_text(c, "password");
	const char *next = safe_next(app_field_text(c, "next"));
	char token[AUTH_TOKEN_HEX + 1];
	long long account = 0, retry = 0;
	enum login_result r;
	int status;

	if ((status = login_form(c, &f, next)) != 200)
		return status;
	if (f.errors)
		return 200;
	r = auth_login(c->db, login, password, c->req->remote_addr, c->wall, token,
	    &account, &retry);
	switch (r) {
	case LOGIN_OK:
		session_cookie(c, token, AUTH_ABSOLUTE);
		sodium_memzero(token, sizeof(token));
		return app_redirect(c, next ? next : "/");
	case LOGIN_SLOWED:
	case LOGIN_LOCKED: {
		char buf[32];
		snprintf(buf, sizeof(buf), "%lld", retry > 0 ? retry : 1);
		http_header_add(c->resp, "Retry-After", buf);
		form_error(&f, "login", auth_login_code(r));
		if (f.node != NULL)
			xml_attr_int(f.node, "retry-after", retry);
		return 429;
	}
	case LOGIN_BUSY:
		return 503;
	case LOGIN_ERROR:
		return 500;
	default:
		form_error(&f, "login", auth_login_code(r));
		return 200;
	}
}

/* POST /logout */
static int
post_logout(struct ctx *c)
{
	enum db_result r = auth_logout(c->db, c->user, c->req->remote_addr);

	if (r == DB_BUSY)
		return 503;
	if (r != DB_OK)
		return 500;
	session_cookie(c, "", 0);
	return app_redirect(c, "/");
}

/* GET /account/password */
static int
page_password(struct ctx *c)
{
	struct form f;

	if (app_page(c, "password") == NULL)
		return 500;
	form_begin(&f, c, "password");
	return 200;
}

/* The new password, and the audit row: one transaction (store_tx). */
struct change {
	struct ctx *c;
	const char *fresh;
};

static enum db_result
change_tx(struct db *db, void *arg)
{
	struct change *k = arg;
	struct ctx *c = k->c;
	struct audit_entry e = { 0 };
	enum db_result r = auth_set_password(db, c->user->id, k->fresh, 0, c->user->session_id);

	if (r != DB_OK)
		return r;
	e.account_id = c->user->id;
	e.district_id = c->user->district_id;
	e.action = "password_change";
	e.object_type = "account";
	e.object_id = c->user->id;
	e.client = c->req->remote_addr;
	return audit_write(db, &e);
}

/* POST /account/password: current, new, again. Ends the other sessions. */
static int
post_password(struct ctx *c)
{
	struct form f;
	const char *current = app_field_text(c, "current"), *fresh = app_field_text(c, "new");
	const char *again = app_field_text(c, "again");
	struct change k = { c, fresh };
	enum password_check pc;
	enum db_result r;
	int ok;

	if (app_page(c, "password") == NULL)
		return 500;
	form_begin(&f, c, "password");
	if (f.errors)
		return 200;
	if ((pc = auth_password_check(c->user->login, fresh)) != PASSWORD_OK) {
		form_error(&f, "new", auth_password_code(pc));
		return 200;
	}
	if (strcmp(fresh, again) != 0) {
		form_error(&f, "again", "password_mismatch");
		return 200;
	}
	if (strcmp(fresh, current) == 0) {
		form_error(&f, "new", "password_unchanged");
		return 200;
	}
	if ((ok = auth_check_password(c->db, c->user->id, current)) < 0)
		return 500;
	if (!ok) {
		form_error(&f, "current", "password_wrong");
		return 200;
	}
	if ((r = store_tx(c->db, change_tx, &k)) != DB_OK)
		return app_status(r);
	return app_redirect(c, "/?password=changed");
}

/*
 * GET /healthz: for monitoring (docs/operations.md "Monitoring"). 200 "ok"
 * only when the database takes a write (written and rolled back) and the
 * evidence directory takes a file (created and removed); else 503 with the
 * reason's code. Plain text, or <health/> when XML is asked for.
 */
static int
page_healthz(struct ctx *c)
{
	const char *code = NULL, *what = NULL, *detail = NULL;
	enum db_result r = store_health_write(c->db, c->now);
	int err, status;

	if (r == DB_BUSY)
		code = "db_busy";
	else if (r != DB_OK) {
		enum failure_kind fk = failure_get(&what, &detail);
		code = fk == FAILURE_READONLY ? "db_readonly" : fk == FAILURE_FULL ? "db_full" : "db_error";
	} else if ((err = files_dir_writable(c->cfg->evidence_dir)) != 0) {
		code = err == ENOSPC || err == EDQUOT ? "evidence_full" : "evidence_unwritable";
		detail = strerror(err);
	}
	if (code != NULL)
		fprintf(stderr, "xueshi: healthz: %s\n", code);
	/* Answered here: the core's storage-failure page would hide the reason. */
	failure_reset();
	status = code == NULL ? 200 : 503;
	http_header_add(c->resp, "Cache-Control", "no-store");
	if (status == 503)
		http_header_add(c->resp, "Retry-After", "10");
	if (render_wants_xml(c->req)) {
		const char *xml = code == NULL ?
		    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<health status=\"ok\"/>\n" :
		    arena_printf(c->a, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		    "<health status=\"fail\" code=\"%s\"/>\n", code);
		if (xml == NULL)
			return 500;
		http_body(c->resp, "application/xml; charset=utf-8", xml, strlen(xml));
	} else {
		const char *text = code == NULL ? "ok\n" : arena_printf(c->a, "%s\n", code);
		if (text == NULL)
			return 500;
		http_body(c->resp, "text/plain; charset=utf-8", text, strlen(text));
	}
	(void)detail;
	c->raw_body = 1;
	return status;
}

static const struct field login_get_fields[] = {
	{ "next", FIELD_LINE, FIELD_QUERY, 0, 512, NULL, OBJ_NONE },
	{ NULL, 0, 0, 0, 0, NULL, OBJ_NONE }
};
static const struct field login_fields[] = {
	{ "login", FIELD_LINE, FIELD_REQUIRED, 0, 64, NULL, OBJ_NONE },
	{ "password", FIELD_SECRET, FIELD_REQUIRED, 0, AUTH_PASSWORD_MAX, NULL, OBJ_NONE },
	{ "next", FIELD_LINE, 0, 0, 512, NULL, OBJ_NONE },
	{ NULL, 0, 0, 0, 0, NULL, OBJ_NONE }
};
static const struct field password_fields[] = {
	{ "current", FIELD_SECRET, FIELD_REQUIRED, 0, AUTH_PASSWORD_MAX, NULL, OBJ_NONE },
	{ "new", FIELD_SECRET, FIELD_REQUIRED, 0, AUTH_PASSWORD_MAX * 4, NULL, OBJ_NONE },
	{ "again", FIELD_SECRET, FIELD_REQUIRED, 0, AUTH_PASSWORD_MAX * 4, NULL, OBJ_NONE },
	{ NULL, 0, 0, 0, 0, NULL, OBJ_NONE }
};

static const struct field inbox_read_fields[] = INBOX_READ_FIELDS;

static const struct route routes[] = {
	{ HTTP_GET, "/", page_home, ROLES_EVERYONE, SCOPE_PUBLIC, "home", 0, NULL },
	{ HTTP_GET, "/healthz", page_healthz, ROLES_EVERYONE, SCOPE_PUBLIC, "healthz", ROUTE_RAW_ANY_STATUS, NULL },
	{ HTTP_GET, "/verify", verify_page, ROLES_EVERYONE, SCOPE_PUBLIC, "verify", 0, (const struct field[])VERIFY_FIELDS },
	{ HTTP_GET, "/login", page_login, ROLES_EVERYONE, SCOPE_PUBLIC, "login", 0, login_get_fields },
	{ HTTP_POST, "/login", post_login, ROLES_EVERYONE, SCOPE_PUBLIC, "login_post", 0, login_fields },
	{ HTTP_POST, "/logout", post_logout, ROLES_USERS, SCOPE_OWN, "logout", ROUTE_DURING_PASSWORD_CHANGE, NULL },
	INBOX_ROUTES,
	{ HTTP_GET, "/account/password", page_password, ROLES_USERS, SCOPE_OWN, "password", ROUTE_DURING_PASSWORD_CHANGE, NULL },
	{ HTTP_POST, "/account/password", post_password, ROLES_USERS, SCOPE_OWN, "password_post", ROUTE_DURING_PASSWORD_CHANGE, password_fields },
	ACCOUNT_ROUTES,
	{ HTTP_GET, "/admin/districts", districts_page, ROLE_SYSTEM_ADMIN, SCOPE_ALL, "admin_districts", 0, NULL },
	{ HTTP_POST, "/admin/districts", districts_create, ROLE_SYSTEM_ADMIN, SCOPE_ALL, "admin_district_create", 0, (const struct field[])DISTRICT_CREATE_FIELDS },
	{ HTTP_GET, "/admin/districts/{district}", district_rename_page, ROLE_SYSTEM_ADMIN, SCOPE_ALL, "admin_district", 0, NULL },
	{ HTTP_POST, "/admin/districts/{district}", district_rename, ROLE_SYSTEM_ADMIN, SCOPE_ALL, "admin_district_rename", 0, (const struct field[])DISTRICT_RENAME_FIELDS },
};

const struct program program_auth = {
	"xueshi-auth", routes, sizeof(routes) / sizeof(routes[0])
};

#ifndef XS_NO_MAIN
int
main(int argc, char **argv)
{
	return app_main(&program_auth, argc, argv);
}
#endif
