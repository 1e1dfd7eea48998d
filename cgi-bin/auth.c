/*
 * auth.c - the public program: the home page, login, logout, the password
 * change, and (accounts.c) the account lifecycle.
 */
#include "core/app.h"
#include "store/sql.h"
#include "store/audit.h"
#include "core/form.h"
#include "core/render.h"
#include "accounts.h"

#include <stdio.h>
#include <string.h>

static const char sql_districts[] =
    "SELECT d.id, d.code, d.name, d.province, d.city, d.authority,"
    "       d.self_registration, y.id, y.label, y.starts_on, y.ends_on,"
    "       y.register_deadline"
    "  FROM district d"
    "  LEFT JOIN school_year y ON y.district_id = d.id AND y.is_current = 1"
    " ORDER BY d.province, d.city, d.code";

static const char *
col(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

/* GET / : the districts this installation serves. */
static int
page_home(struct ctx *c)
{
	xmlNodePtr root, list;
	sqlite3_stmt *st;
	int rc;

	if ((root = app_page(c, "home")) == NULL)
		return 500;
	if ((list = xml_node(root, "districts")) == NULL)
		return 500;
	if ((st = db_stmt(c->db, sql_districts)) == NULL)
		return 500;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		xmlNodePtr d = xml_node(list, "district");
		if (d == NULL)
			return 500;
		xml_attr_int(d, "id", sqlite3_column_int64(st, 0));
		xml_attr(d, "code", col(st, 1));
		xml_attr(d, "self-registration",
		    sqlite3_column_int(st, 6) ? "yes" : "no");
		xml_text(d, "name", col(st, 2));
		xml_text(d, "province", col(st, 3));
		xml_text(d, "city", col(st, 4));
		xml_text(d, "authority", col(st, 5));
		if (sqlite3_column_type(st, 7) != SQLITE_NULL) {
			xmlNodePtr y = xml_node(d, "current-year");
			if (y == NULL)
				return 500;
			xml_attr_int(y, "id", sqlite3_column_int64(st, 7));
			xml_attr(y, "label", col(st, 8));
			xml_attr(y, "starts", col(st, 9));
			xml_attr(y, "ends", col(st, 10));
			xml_attr(y, "register-deadline", col(st, 11));
		}
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_result_of(rc) == DB_BUSY ? 503 : 500;
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
	return login_form(c, &f, safe_next(http_query(c->req, "next")));
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
	const char *login, *password, *next = safe_next(http_form(c->req, "next"));
	char token[AUTH_TOKEN_HEX + 1];
	long long account = 0, retry = 0;
	enum login_result r;
	int status;

	if ((status = login_form(c, &f, next)) != 200)
		return status;
	login = form_text(&f, "login", 1, 64, 0, 0);
	password = form_text(&f, "password", 1, AUTH_PASSWORD_MAX, 0, 1);
	if (login == NULL || password == NULL)
		return 200;
	r = auth_login(c->db, login, password, c->req->remote_addr, c->now, token,
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

/* POST /account/password: current, new, again. Ends the other sessions. */
static int
post_password(struct ctx *c)
{
	static const char sql_hash[] = "SELECT password_hash FROM account WHERE id = ?";
	struct form f;
	const char *current, *fresh, *again;
	char hash[crypto_pwhash_STRBYTES] = "";
	sqlite3_stmt *st;
	enum password_check pc;
	enum db_result r;
	struct audit_entry e = { 0 };

	if (app_page(c, "password") == NULL)
		return 500;
	form_begin(&f, c, "password");
	current = form_text(&f, "current", 1, AUTH_PASSWORD_MAX, 0, 1);
	fresh = form_text(&f, "new", 1, AUTH_PASSWORD_MAX * 4, 0, 1);
	again = form_text(&f, "again", 1, AUTH_PASSWORD_MAX * 4, 0, 1);
	if (current == NULL || fresh == NULL || again == NULL)
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
	if ((st = db_stmt(c->db, sql_hash)) == NULL)
		return 500;
	sqlite3_bind_int64(st, 1, c->user->id);
	if (sqlite3_step(st) == SQLITE_ROW)
		snprintf(hash, sizeof(hash), "%s", col(st, 0));
	sqlite3_reset(st);
	if (!auth_verify_password(hash, current)) {
		sodium_memzero(hash, sizeof(hash));
		form_error(&f, "current", "password_wrong");
		return 200;
	}
	sodium_memzero(hash, sizeof(hash));
	if ((r = db_begin(c->db)) != DB_OK)
		return r == DB_BUSY ? 503 : 500;
	r = auth_set_password(c->db, c->user->id, fresh, 0, c->user->session_id);
	e.account_id = c->user->id;
	e.district_id = c->user->district_id;
	e.action = "password_change";
	e.object_type = "account";
	e.object_id = c->user->id;
	e.client = c->req->remote_addr;
	if (r == DB_OK)
		r = audit_write(c->db, &e);
	if (r != DB_OK) {
		db_rollback(c->db);
		return r == DB_BUSY ? 503 : 500;
	}
	if ((r = db_commit(c->db)) != DB_OK)
		return r == DB_BUSY ? 503 : 500;
	return app_redirect(c, "/?password=changed");
}

static const struct route routes[] = {
	{ HTTP_GET, "/", page_home, ROLES_EVERYONE, SCOPE_PUBLIC, "home", 0, NULL },
	{ HTTP_GET, "/login", page_login, ROLES_EVERYONE, SCOPE_PUBLIC, "login", 0, NULL },
	{ HTTP_POST, "/login", post_login, ROLES_EVERYONE, SCOPE_PUBLIC, "login_post", 0, NULL },
	{ HTTP_POST, "/logout", post_logout, ROLES_USERS, SCOPE_OWN, "logout", ROUTE_DURING_PASSWORD_CHANGE, NULL },
	{ HTTP_GET, "/account/password", page_password, ROLES_USERS, SCOPE_OWN, "password", ROUTE_DURING_PASSWORD_CHANGE, NULL },
	{ HTTP_POST, "/account/password", post_password, ROLES_USERS, SCOPE_OWN, "password_post", ROUTE_DURING_PASSWORD_CHANGE, NULL },
	ACCOUNT_ROUTES
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
