/* accounts.c - see accounts.h: the pages of the account lifecycle, through store/account. */
#include "pages/accounts.h"
#include "core/form.h"
#include "core/render.h"
#include "store/account.h"
#include "store/audit.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

static const char LOGIN_CHARS[] =
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-@";

static xmlNodePtr
account_node(struct ctx *c, xmlNodePtr parent, const struct account_row *r)
{
	xmlNodePtr n = xml_node(parent, "account");

	if (n == NULL)
		return NULL;
	xml_attr_int(n, "id", r->id);
	xml_attr(n, "login", r->login);
	xml_attr(n, "role", r->role);
	xml_attr(n, "active", r->active ? "yes" : "no");
	if (r->must_change)
		xml_attr(n, "must-change-password", "yes");
	if (r->locked_until > c->wall)
		xml_attr(n, "locked", "yes");
	xml_attr(n, "created", r->created);
	xml_text(n, "name", r->name);
	if (r->district)
		xml_text(n, "district", r->district);
	if (r->school) {
		xmlNodePtr s = xml_text(n, "school", r->school);
		if (s)
			xml_attr_int(s, "id", r->school_id);
	}
	if (r->teacher) {
		xmlNodePtr t = xml_text(n, "teacher", r->teacher);
		if (t) {
			xml_attr_int(t, "id", r->teacher_id);
			xml_attr(t, "staff-no", r->staff_no ? r->staff_no : "");
		}
	}
	return n;
}

int
accounts_list(struct ctx *c)
{
	xmlNodePtr root, list;
	struct account_row *v;
	size_t n;
	enum db_result r;

	if ((root = app_page(c, "accounts")) == NULL || (list = xml_node(root, "accounts")) == NULL)
		return 500;
	if ((r = store_accounts_managed(c->db, c->a, auth_role_name(c->user->role),
	    c->user->district_id, c->user->school_id, &v, &n)) != DB_OK)
		return app_status(r);
	for (size_t i = 0; i < n; i++)
		if (account_node(c, list, &v[i]) == NULL)
			return 500;
	return 200;
}

/* The account the path names (the core has checked the caller manages it), under parent. */
static int
load_account(struct ctx *c, long long id, xmlNodePtr parent, struct account_row *out)
{
	struct account_row local;
	enum db_result r = store_account_get(c->db, c->a, id, out ? out : &local);

	if (r != DB_OK)
		return app_status(r);
	if (parent != NULL && account_node(c, parent, out ? out : &local) == NULL)
		return 500;
	return 200;
}

/* The choices the new-account form offers this caller. */
static int
creation_choices(struct ctx *c, xmlNodePtr root)
{
	xmlNodePtr ch = xml_node(root, "choices");
	struct account_choice *v;
	size_t n;
	const char *el;
	enum db_result r;

	if (ch == NULL)
		return 500;
	switch (c->user->role) {
	case ROLE_NAME_SYSTEM_ADMIN:
		xml_attr(ch, "roles", "district_admin");
		el = "district";
		break;
	case ROLE_NAME_DISTRICT_ADMIN:
		xml_attr(ch, "roles", "school_admin school_leader");
		el = "school";
		break;
	default:
		xml_attr(ch, "roles", "teacher");
		el = "teacher";
		break;
	}
	if ((r = store_account_choices(c->db, c->a, auth_role_name(c->user->role),
	    c->user->district_id, c->user->school_id, &v, &n)) != DB_OK)
		return app_status(r);
	for (size_t i = 0; i < n; i++) {
		xmlNodePtr e = xml_text(ch, el, v[i].name);
		if (e == NULL)
			return 500;
		xml_attr_int(e, "id", v[i].id);
		if (c->user->role == ROLE_NAME_SCHOOL_ADMIN) {
			xml_attr(e, "staff-no", v[i].staff_no);
			if (v[i].has_phone)
				xml_attr(e, "has-phone", "yes");
		}
	}
	return 200;
}

int
accounts_new(struct ctx *c)
{
	xmlNodePtr root = app_page(c, "account-new");
	struct form f;

	if (root == NULL)
		return 500;
	form_begin(&f, c, "account");
	return creation_choices(c, root);
}

/* Render the page that shows a one-time password once (HTML only). */
static int
show_one_time(struct ctx *c, long long id, const char *password, const char *why)
{
	xmlNodePtr root = app_page(c, "account-password");
	const char **params;

	if (root == NULL)
		return 500;
	xml_attr(root, "reason", why);
	if (load_account(c, id, root, NULL) != 200)
		return 500;
	params = arena_alloc(c->a, 3 * sizeof(*params));
	if (params == NULL)
		return 500;
	params[0] = "one_time_password";
	params[1] = arena_strdup(c->a, password);
	params[2] = NULL;
	c->xsl_params = params;
	return 200;
}

static enum db_result
audit(struct ctx *c, const char *action, long long object, const char *after)
{
	struct audit_entry e = { 0 };

	e.account_id = c->user->id;
	e.district_id = c->user->district_id;
	e.action = action;
	e.object_type = "account";
	e.object_id = object;
	e.after = after;
	e.client = c->req->remote_addr;
	return audit_write(c->db, &e);
}

/* A new account with a one-time password, and its audit row: one transaction (store_tx). */
struct create {
	struct ctx *c;
	const char *login, *name, *role, *action;
	long long district, school, teacher, id;
	long long disable;       /* handover: the account the new one replaces */
	char pw[11];
};

static enum db_result
create_tx(struct db *db, void *arg)
{
	struct create *k = arg;
	struct audit_json j;
	enum db_result r;

	if ((r = store_account_insert(db, k->login, k->name, k->role, k->district, k->school,
	    k->teacher, &k->id)) != DB_OK)
		return r;
	auth_one_time_password(k->pw);
	if ((r = auth_set_password(db, k->id, k->pw, 1, 0)) != DB_OK)
		return r;
	audit_json_begin(&j, k->c->a);
	if (k->disable > 0) {
		if ((r = store_account_set_active(db, k->disable, 0)) != DB_OK ||
		    (r = auth_end_sessions(db, k->disable)) != DB_OK)
			return r;
		audit_json_int(&j, "old", k->disable);
		audit_json_int(&j, "new", k->id);
		audit_json_int(&j, "school", k->school);
	} else {
		audit_json_str(&j, "role", k->role);
		audit_json_int(&j, "school", k->school);
		audit_json_int(&j, "teacher", k->teacher);
	}
	return audit(k->c, k->action, k->disable > 0 ? k->disable : k->id, audit_json_end(&j));
}

/* Required fields the caller's role needs (the route declares them all optional). */
static void
need(struct ctx *c, struct form *f, const char *name)
{
	if (!app_field_present(c, name)) {
		/* A field the core already refused keeps that error only. */
		const struct field *fs = c->route->fields;
		for (int i = 0; fs != NULL && fs[i].name != NULL; i++)
			if (strcmp(fs[i].name, name) == 0 && c->fv[i].ok)
				form_error(f, name, "required");
	}
}

int
accounts_create(struct ctx *c)
{
	static const char *const admin_roles[] = { "school_admin", "school_leader" };
	xmlNodePtr root = app_page(c, "account-new");
	struct form f;
	struct create k;
	int status;
	enum db_result r;

	if (root == NULL)
		return 500;
	memset(&k, 0, sizeof(k));
	k.c = c;
	k.action = "account_create";
	form_begin(&f, c, "account");
	if (c->user->role == ROLE_NAME_SCHOOL_ADMIN) {
		const char *name, *staff_no, *phone;
		int kind;
		need(c, &f, "teacher");
		need(c, &f, "login_kind");
		if (f.errors)
			return creation_choices(c, root);
		kind = (int)app_field_int(c, "login_kind");
		r = store_roster_teacher(c->db, c->a, app_field_int(c, "teacher"), c->user->school_id,
		    &name, &staff_no, &phone);
		if (r == DB_NOTFOUND) {
			form_error(&f, "teacher", "not_in_roster");
			return creation_choices(c, root);
		}
		if (r != DB_OK)
			return app_status(r);
		k.login = kind == 0 ? staff_no : phone;
		if (*k.login == '\0') {
			form_error(&f, "login_kind", kind == 0 ? "no_staff_no" : "no_phone");
			return creation_choices(c, root);
		}
		k.name = name;
		k.role = "teacher";
		k.district = c->user->district_id;
		k.school = c->user->school_id;
		k.teacher = app_field_int(c, "teacher");
	} else {
		need(c, &f, "login");
		need(c, &f, "name");
		k.login = app_field_text(c, "login");
		k.name = app_field_text(c, "name");
		if (*k.login && strspn(k.login, LOGIN_CHARS) != strlen(k.login))
			form_error(&f, "login", "login_chars");
		if (c->user->role == ROLE_NAME_SYSTEM_ADMIN) {
			k.role = "district_admin";
			need(c, &f, "district");
			k.district = app_field_int(c, "district");
			if (k.district > 0) {
				int e = store_district_exists(c->db, k.district);
				if (e < 0)
					return 500;
				if (e == 0)
					form_error(&f, "district", "invalid");
			}
		} else {
			need(c, &f, "role");
			need(c, &f, "school");
			k.role = app_field_present(c, "role") ? admin_roles[app_field_int(c, "role")] : NULL;
			k.district = c->user->district_id;
			k.school = app_field_int(c, "school");
			if (k.school > 0) {
				int e = store_school_in_district(c->db, k.school, k.district);
				if (e < 0)
					return 500;
				if (e == 0)
					form_error(&f, "school", "invalid");
			}
		}
		if (f.errors || k.role == NULL)
			return creation_choices(c, root);
	}
	r = store_tx(c->db, create_tx, &k);
	if (r == DB_CONSTRAINT) {
		form_error(&f, c->user->role == ROLE_NAME_SCHOOL_ADMIN ? "login_kind" : "login", "login_taken");
		return creation_choices(c, root);
	}
	if (r != DB_OK)
		return app_status(r);
	/* The created page replaces the form page. */
	xmlUnlinkNode(root);
	xmlFreeNode(root);
	c->page = NULL;
	status = show_one_time(c, k.id, k.pw, "created");
	sodium_memzero(k.pw, sizeof(k.pw));
	return status;
}

int
accounts_show(struct ctx *c)
{
	xmlNodePtr root = app_page(c, "account"), hist;
	struct account_event *v;
	size_t n;
	int status;
	enum db_result r;

	if (root == NULL)
		return 500;
	if ((status = load_account(c, c->id[0], root, NULL)) != 200)
		return status;
	if ((r = store_account_history(c->db, c->a, c->id[0], &v, &n)) != DB_OK)
		return app_status(r);
	if ((hist = xml_node(root, "history")) == NULL)
		return 500;
	for (size_t i = 0; i < n; i++) {
		xmlNodePtr e = xml_node(hist, "event");
		if (e == NULL)
			return 500;
		xml_attr(e, "at", v[i].at);
		xml_attr(e, "action", v[i].action);
		xml_attr(e, "by", v[i].by);
	}
	return 200;
}

struct activity {
	struct ctx *c;
	int active;
};

static enum db_result
active_tx(struct db *db, void *arg)
{
	struct activity *k = arg;
	long long id = k->c->id[0];
	enum db_result r;

	if ((r = store_account_set_active(db, id, k->active)) != DB_OK)
		return r;
	if (!k->active && (r = auth_end_sessions(db, id)) != DB_OK)
		return r;
	return audit(k->c, k->active ? "account_enable" : "account_disable", id, NULL);
}

static int
set_active(struct ctx *c, int active)
{
	struct activity k = { c, active };
	enum db_result r = store_tx(c->db, active_tx, &k);
	char path[64];

	if (r != DB_OK)
		return app_status(r);
	snprintf(path, sizeof(path), "/accounts/%lld", c->id[0]);
	return app_redirect(c, path);
}

int
accounts_disable(struct ctx *c)
{
	return set_active(c, 0);
}

int
accounts_enable(struct ctx *c)
{
	return set_active(c, 1);
}

struct reset {
	struct ctx *c;
	char pw[11];
};

static enum db_result
reset_tx(struct db *db, void *arg)
{
	struct reset *k = arg;
	enum db_result r;

	auth_one_time_password(k->pw);
	if ((r = auth_set_password(db, k->c->id[0], k->pw, 1, 0)) != DB_OK)
		return r;
	return audit(k->c, "password_reset", k->c->id[0], NULL);
}

int
accounts_reset(struct ctx *c)
{
	struct reset k;
	enum db_result r;
	int status;

	k.c = c;
	if ((r = store_tx(c->db, reset_tx, &k)) != DB_OK) {
		sodium_memzero(k.pw, sizeof(k.pw));
		return app_status(r);
	}
	status = show_one_time(c, c->id[0], k.pw, "reset");
	sodium_memzero(k.pw, sizeof(k.pw));
	return status;
}

/*
 * POST /accounts/{account}/handover: a school changes its hours admin (更换管理员).
 * The new admin gets a new account; the old one is disabled. Both in the
 * audit log, which the district reads at /audit.
 */
int
accounts_handover(struct ctx *c)
{
	xmlNodePtr root;
	struct form f;
	struct account_row old;
	struct create k;
	int status;
	enum db_result r;

	if ((status = load_account(c, c->id[0], NULL, &old)) != 200)
		return status;
	if ((root = app_page(c, "account")) == NULL || account_node(c, root, &old) == NULL)
		return 500;
	form_begin(&f, c, "handover");
	if (strcmp(old.role, "school_admin") != 0 || !old.active) {
		form_error(&f, "login", "handover_not_admin");
		return 200;
	}
	need(c, &f, "login");
	need(c, &f, "name");
	memset(&k, 0, sizeof(k));
	k.c = c;
	k.action = "school_admin_handover";
	k.login = app_field_text(c, "login");
	k.name = app_field_text(c, "name");
	if (*k.login && strspn(k.login, LOGIN_CHARS) != strlen(k.login))
		form_error(&f, "login", "login_chars");
	if (f.errors)
		return 200;
	k.role = "school_admin";
	k.district = c->user->district_id;
	k.school = old.school_id;
	k.disable = c->id[0];
	r = store_tx(c->db, create_tx, &k);
	if (r == DB_CONSTRAINT) {
		form_error(&f, "login", "login_taken");
		return 200;
	}
	if (r != DB_OK)
		return app_status(r);
	xmlUnlinkNode(root);
	xmlFreeNode(root);
	c->page = NULL;
	status = show_one_time(c, k.id, k.pw, "handover");
	sodium_memzero(k.pw, sizeof(k.pw));
	return status;
}

/* GET /audit: the district's audit log (all of it for the system admin). */
int
audit_list(struct ctx *c)
{
	xmlNodePtr root = app_page(c, "audit"), list;
	const char *action = app_field_text(c, "action");
	struct audit_event *v;
	size_t n;
	enum db_result r;

	if (root == NULL || (list = xml_node(root, "audit")) == NULL)
		return 500;
	if (*action == '\0' || strspn(action, "abcdefghijklmnopqrstuvwxyz_") != strlen(action))
		action = NULL;
	xml_attr(list, "action", action);
	if ((r = store_audit_events(c->db, c->a, c->user->role == ROLE_NAME_SYSTEM_ADMIN,
	    c->user->district_id, action, &v, &n)) != DB_OK)
		return app_status(r);
	for (size_t i = 0; i < n; i++) {
		xmlNodePtr e = xml_node(list, "event");
		if (e == NULL)
			return 500;
		xml_attr_int(e, "id", v[i].id);
		xml_attr(e, "at", v[i].at);
		xml_attr(e, "time-zone", v[i].time_zone);
		xml_attr(e, "action", v[i].action);
		xml_attr(e, "object-type", v[i].object_type);
		xml_attr_int(e, "object-id", v[i].object_id);
		xml_attr(e, "by", v[i].by);
		xml_attr(e, "by-name", v[i].by_name);
		xml_attr(e, "client", v[i].client);
		if (v[i].object != NULL)
			xml_text(e, "object", v[i].object);
		if (*v[i].details)
			xml_text(e, "details", v[i].details);
		for (size_t k = 0; k < v[i].nchanges; k++) {
			xmlNodePtr ch = xml_node(e, "change");
			if (ch == NULL)
				return 500;
			xml_attr(ch, "field", v[i].changes[k].field);
			if (v[i].changes[k].before != NULL)
				xml_attr(ch, "before", v[i].changes[k].before);
			if (v[i].changes[k].after != NULL)
				xml_attr(ch, "after", v[i].changes[k].after);
		}
	}
	return 200;
}

/* ------------------------------------------------ teacher accounts in bulk */

/* The school's roster teachers without an account, under root: how many, and how many lack each login. */
static int
bulk_choices(struct ctx *c, xmlNodePtr root, struct account_choice **v, size_t *n)
{
	xmlNodePtr b = xml_node(root, "bulk");
	long long no_staff = 0, no_phone = 0;
	enum db_result r;

	if (b == NULL)
		return 500;
	if ((r = store_account_choices(c->db, c->a, "school_admin", c->user->district_id,
	    c->user->school_id, v, n)) != DB_OK)
		return app_status(r);
	for (size_t i = 0; i < *n; i++) {
		no_staff += *(*v)[i].staff_no == '\0';
		no_phone += !(*v)[i].has_phone;
	}
	xml_attr_int(b, "without-account", (long long)*n);
	xml_attr_int(b, "without-staff-no", no_staff);
	xml_attr_int(b, "without-phone", no_phone);
	return 200;
}

int
accounts_bulk_page(struct ctx *c)
{
	xmlNodePtr root = app_page(c, "account-bulk");
	struct account_choice *v;
	struct form f;
	size_t n;

	if (root == NULL)
		return 500;
	form_begin(&f, c, "bulk");
	return bulk_choices(c, root, &v, &n);
}

/* One teacher of the bulk: made (id, password) or skipped (why). */
struct bulk_one {
	const struct account_choice *t;
	const char *login, *skipped;
	long long id;
	char pw[11];
	char hash[crypto_pwhash_STRBYTES];
};

struct bulk {
	struct ctx *c;
	struct bulk_one *v;
	size_t n;
	int kind;               /* 0 staff number, 1 phone */
};

static enum db_result
bulk_tx(struct db *db, void *arg)
{
	struct bulk *k = arg;
	enum db_result r;

	for (size_t i = 0; i < k->n; i++) {
		struct bulk_one *o = &k->v[i];
		struct audit_json j;
		int taken;
		if (o->skipped != NULL)
			continue;
		if ((taken = store_login_taken(db, o->login)) < 0)
			return DB_ERROR;
		if (taken) {
			o->skipped = "login_taken";
			continue;
		}
		if ((r = store_account_insert(db, o->login, o->t->name, "teacher", k->c->user->district_id,
		    k->c->user->school_id, o->t->id, &o->id)) != DB_OK ||
		    (r = auth_set_one_time_hash(db, o->id, o->hash)) != DB_OK)
			return r;
		audit_json_begin(&j, k->c->a);
		audit_json_str(&j, "role", "teacher");
		audit_json_int(&j, "school", k->c->user->school_id);
		audit_json_int(&j, "teacher", o->t->id);
		audit_json_int(&j, "bulk", 1);
		if ((r = audit(k->c, "account_create", o->id, audit_json_end(&j))) != DB_OK)
			return r;
	}
	return DB_OK;
}

int
accounts_bulk_create(struct ctx *c)
{
	xmlNodePtr root = app_page(c, "account-bulk"), slips, skipped;
	struct account_choice *v;
	struct form f;
	struct bulk k;
	size_t n, made = 0, len = 0;
	enum db_result r;
	const char **params;
	char *pws;
	int status;

	if (root == NULL)
		return 500;
	form_begin(&f, c, "bulk");
	if ((status = bulk_choices(c, root, &v, &n)) != 200)
		return status;
	if (!app_field_present(c, "login_kind")) {
		form_error(&f, "login_kind", "required");
		return 422;
	}
	memset(&k, 0, sizeof(k));
	k.c = c;
	k.kind = (int)app_field_int(c, "login_kind");
	k.n = n;
	if (n > 0 && (k.v = arena_alloc(c->a, n * sizeof(*k.v))) == NULL)
		return 500;
	/* The passwords and their hashes before the transaction: it holds the write lock. */
	for (size_t i = 0; i < n; i++) {
		struct bulk_one *o = &k.v[i];
		memset(o, 0, sizeof(*o));
		o->t = &v[i];
		o->login = k.kind == 0 ? v[i].staff_no : v[i].phone;
		if (*o->login == '\0') {
			o->skipped = k.kind == 0 ? "no_staff_no" : "no_phone";
			continue;
		}
		auth_one_time_password(o->pw);
		if (auth_hash_one_time(o->pw, o->hash) != 0)
			return 500;
	}
	r = store_tx(c->db, bulk_tx, &k);
	if (r != DB_OK) {
		for (size_t i = 0; i < n; i++)
			sodium_memzero(k.v[i].pw, sizeof(k.v[i].pw));
		return app_status(r);
	}
	/* The slips: names and logins in the XML, the passwords only in the stylesheet's parameter. */
	if ((slips = xml_node(root, "slips")) == NULL || (skipped = xml_node(root, "skipped")) == NULL)
		return 500;
	{
		const char *school;
		if ((r = store_school_name(c->db, c->a, c->user->school_id, &school)) != DB_OK)
			return app_status(r);
		xml_attr(slips, "school", school);
		xml_attr(slips, "address", arena_printf(c->a, "%s://%s/", c->req->https ? "https" : "http",
		    c->req->host ? c->req->host : ""));
	}
	for (size_t i = 0; i < n; i++) {
		xmlNodePtr e;
		if (k.v[i].skipped != NULL) {
			if ((e = xml_text(skipped, "teacher", v[i].name)) == NULL)
				return 500;
			xml_attr(e, "reason", k.v[i].skipped);
			continue;
		}
		if ((e = xml_node(slips, "slip")) == NULL)
			return 500;
		xml_attr_int(e, "account", k.v[i].id);
		xml_attr(e, "login", k.v[i].login);
		xml_text(e, "name", v[i].name);
		made++;
		len += 11;
	}
	xml_attr_int(slips, "count", (long long)made);
	params = arena_alloc(c->a, 3 * sizeof(*params));
	pws = arena_alloc(c->a, len + 1);
	if (params == NULL || pws == NULL)
		return 500;
	len = 0;
	for (size_t i = 0; i < n; i++)
		if (k.v[i].skipped == NULL) {
			memcpy(pws + len, k.v[i].pw, 10);
			pws[len + 10] = ' ';
			len += 11;
			sodium_memzero(k.v[i].pw, sizeof(k.v[i].pw));
		}
	pws[len ? len - 1 : 0] = '\0';
	params[0] = "one_time_passwords";
	params[1] = pws;
	params[2] = NULL;
	c->xsl_params = params;
	return 200;
}
