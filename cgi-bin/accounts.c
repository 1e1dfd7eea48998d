/* accounts.c - see accounts.h */
#include "accounts.h"
#include "store/sql.h"
#include "store/audit.h"
#include "core/form.h"
#include "core/render.h"

#include <stdio.h>
#include <string.h>

/* The accounts the caller manages: see accounts.h. ?1 role, ?2 district, ?3 school. */
#define SCOPE_SQL \
	" ((?1 = 'system_admin' AND a.role = 'district_admin')" \
	" OR (?1 = 'district_admin' AND a.district_id = ?2 AND a.role IN ('school_admin', 'school_leader'))" \
	" OR (?1 = 'school_admin' AND a.school_id = ?3 AND a.role = 'teacher'))"

#define ACCOUNT_COLUMNS \
	"SELECT a.id, a.login, a.display_name, a.role, a.active, a.must_change_password," \
	" a.locked_until, coalesce(a.district_id, 0), coalesce(a.school_id, 0)," \
	" coalesce(a.teacher_id, 0), d.name, s.name, t.name, t.staff_no, a.created_at" \
	" FROM account a LEFT JOIN district d ON d.id = a.district_id" \
	" LEFT JOIN school s ON s.id = a.school_id LEFT JOIN teacher t ON t.id = a.teacher_id"

static const char sql_list[] = ACCOUNT_COLUMNS " WHERE" SCOPE_SQL " ORDER BY a.role, a.login";
static const char sql_one[] = ACCOUNT_COLUMNS " WHERE" SCOPE_SQL " AND a.id = ?4";

static void
bind_scope(struct ctx *c, sqlite3_stmt *st)
{
	sqlite3_bind_text(st, 1, auth_role_name(c->user->role), -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, c->user->district_id);
	sqlite3_bind_int64(st, 3, c->user->school_id);
}

static const char *
col(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

static xmlNodePtr
account_node(struct ctx *c, xmlNodePtr parent, sqlite3_stmt *st)
{
	xmlNodePtr n = xml_node(parent, "account");

	if (n == NULL)
		return NULL;
	xml_attr_int(n, "id", sqlite3_column_int64(st, 0));
	xml_attr(n, "login", col(st, 1));
	xml_attr(n, "role", col(st, 3));
	xml_attr(n, "active", sqlite3_column_int(st, 4) ? "yes" : "no");
	if (sqlite3_column_int(st, 5))
		xml_attr(n, "must-change-password", "yes");
	if (sqlite3_column_int64(st, 6) > c->now)
		xml_attr(n, "locked", "yes");
	xml_attr(n, "created", col(st, 14));
	xml_text(n, "name", col(st, 2));
	if (col(st, 10))
		xml_text(n, "district", col(st, 10));
	if (col(st, 11)) {
		xmlNodePtr s = xml_text(n, "school", col(st, 11));
		if (s)
			xml_attr_int(s, "id", sqlite3_column_int64(st, 8));
	}
	if (col(st, 12)) {
		xmlNodePtr t = xml_text(n, "teacher", col(st, 12));
		if (t) {
			xml_attr_int(t, "id", sqlite3_column_int64(st, 9));
			xml_attr(t, "staff-no", col(st, 13));
		}
	}
	return n;
}

int
accounts_list(struct ctx *c)
{
	xmlNodePtr root, list;
	sqlite3_stmt *st;
	int rc;

	if ((root = app_page(c, "accounts")) == NULL || (list = xml_node(root, "accounts")) == NULL)
		return 500;
	if ((st = db_stmt(c->db, sql_list)) == NULL)
		return 500;
	bind_scope(c, st);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (account_node(c, list, st) == NULL) {
			sqlite3_reset(st);
			return 500;
		}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 200 : 500;
}

/* Load one account in scope under the page; 404 when out of scope. */
static int
load_account(struct ctx *c, long long id, xmlNodePtr parent, char *role,
    size_t rolesz, long long *school, int *active)
{
	sqlite3_stmt *st = db_stmt(c->db, sql_one);
	int found = 0;

	if (st == NULL)
		return 500;
	bind_scope(c, st);
	sqlite3_bind_int64(st, 4, id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		found = 1;
		if (parent != NULL)
			account_node(c, parent, st);
		if (role != NULL)
			snprintf(role, rolesz, "%s", col(st, 3));
		if (school != NULL)
			*school = sqlite3_column_int64(st, 8);
		if (active != NULL)
			*active = sqlite3_column_int(st, 4);
	}
	sqlite3_reset(st);
	return found ? 200 : 404;
}

/* The choices the new-account form offers this caller. */
static int
creation_choices(struct ctx *c, xmlNodePtr root)
{
	static const char sql_districts[] = "SELECT id, name FROM district ORDER BY code";
	static const char sql_schools[] =
	    "SELECT id, name FROM school WHERE district_id = ? AND active = 1 ORDER BY code";
	static const char sql_teachers[] =
	    "SELECT t.id, t.name, t.staff_no, t.phone FROM teacher t"
	    " JOIN teacher_year ty ON ty.teacher_id = t.id"
	    " JOIN school_year y ON y.id = ty.school_year_id AND y.is_current = 1"
	    " WHERE ty.school_id = ? AND t.active = 1"
	    " AND NOT EXISTS (SELECT 1 FROM account a WHERE a.teacher_id = t.id AND a.active = 1)"
	    " ORDER BY t.staff_no, t.name";
	xmlNodePtr ch = xml_node(root, "choices");
	sqlite3_stmt *st;
	int rc;

	if (ch == NULL)
		return 500;
	switch (c->user->role) {
	case ROLE_NAME_SYSTEM_ADMIN:
		xml_attr(ch, "roles", "district_admin");
		st = db_stmt(c->db, sql_districts);
		break;
	case ROLE_NAME_DISTRICT_ADMIN:
		xml_attr(ch, "roles", "school_admin school_leader");
		st = db_stmt(c->db, sql_schools);
		if (st)
			sqlite3_bind_int64(st, 1, c->user->district_id);
		break;
	default:
		xml_attr(ch, "roles", "teacher");
		st = db_stmt(c->db, sql_teachers);
		if (st)
			sqlite3_bind_int64(st, 1, c->user->school_id);
		break;
	}
	if (st == NULL)
		return 500;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *el = c->user->role == ROLE_NAME_SYSTEM_ADMIN ? "district" :
		    c->user->role == ROLE_NAME_DISTRICT_ADMIN ? "school" : "teacher";
		xmlNodePtr n = xml_text(ch, el, col(st, 1));
		if (n == NULL)
			continue;
		xml_attr_int(n, "id", sqlite3_column_int64(st, 0));
		if (c->user->role == ROLE_NAME_SCHOOL_ADMIN) {
			xml_attr(n, "staff-no", col(st, 2));
			if (col(st, 3) && *col(st, 3))
				xml_attr(n, "has-phone", "yes");
		}
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 200 : 500;
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
	if (load_account(c, id, root, NULL, 0, NULL, NULL) != 200)
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

static const char sql_insert_account[] =
    "INSERT INTO account (login, display_name, role, district_id, school_id, teacher_id,"
    " must_change_password) VALUES (?, ?, ?, ?, ?, ?, 1)";

/* Insert an account and give it a one-time password; inside a transaction. */
static enum db_result
insert_account(struct ctx *c, const char *login, const char *name, const char *role,
    long long district, long long school, long long teacher, char pw[11], long long *id)
{
	sqlite3_stmt *st = db_stmt(c->db, sql_insert_account);
	enum db_result r;
	int rc;

	if (st == NULL)
		return DB_ERROR;
	sqlite3_bind_text(st, 1, login, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, role, -1, SQLITE_STATIC);
	if (district)
		sqlite3_bind_int64(st, 4, district);
	if (school)
		sqlite3_bind_int64(st, 5, school);
	if (teacher)
		sqlite3_bind_int64(st, 6, teacher);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if ((r = db_result_of(rc)) != DB_OK)
		return r;
	*id = sqlite3_last_insert_rowid(db_handle(c->db));
	auth_one_time_password(pw);
	return auth_set_password(c->db, *id, pw, 1, 0);
}

static int
finish(struct ctx *c, enum db_result r)
{
	if (r != DB_OK) {
		db_rollback(c->db);
		return r == DB_BUSY ? 503 : 500;
	}
	r = db_commit(c->db);
	return r == DB_OK ? 0 : r == DB_BUSY ? 503 : 500;
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

int
accounts_create(struct ctx *c)
{
	static const char sql_school_in_district[] =
	    "SELECT 1 FROM school WHERE id = ? AND district_id = ?";
	static const char sql_district_exists[] = "SELECT 1 FROM district WHERE id = ?";
	static const char sql_teacher_in_school[] =
	    "SELECT t.name, t.staff_no, t.phone FROM teacher t JOIN teacher_year ty ON ty.teacher_id = t.id"
	    " JOIN school_year y ON y.id = ty.school_year_id AND y.is_current = 1"
	    " WHERE t.id = ? AND ty.school_id = ?";
	static const char *const admin_roles[] = { "school_admin", "school_leader" };
	static const char *const login_kinds[] = { "staff_no", "phone" };
	xmlNodePtr root = app_page(c, "account-new");
	struct form f;
	const char *login = NULL, *name = NULL, *role = NULL;
	long long district = 0, school = 0, teacher = 0, target = 0, id = 0;
	char pw[11], loginbuf[64], namebuf[64], after[256];
	sqlite3_stmt *st;
	enum db_result r;
	int found, status;

	if (root == NULL)
		return 500;
	form_begin(&f, c, "account");
	if (c->user->role == ROLE_NAME_SCHOOL_ADMIN) {
		int kind;
		form_int(&f, "teacher", 1, 1, 1LL << 53, &target);
		kind = form_choice(&f, "login_kind", 1, login_kinds, 2);
		if (f.errors)
			return creation_choices(c, root);
		if ((st = db_stmt(c->db, sql_teacher_in_school)) == NULL)
			return 500;
		sqlite3_bind_int64(st, 1, target);
		sqlite3_bind_int64(st, 2, c->user->school_id);
		found = sqlite3_step(st) == SQLITE_ROW;
		if (found) {
			snprintf(namebuf, sizeof(namebuf), "%s", col(st, 0));
			snprintf(loginbuf, sizeof(loginbuf), "%s", col(st, kind == 0 ? 1 : 2));
		}
		sqlite3_reset(st);
		if (!found) {
			form_error(&f, "teacher", "not_in_roster");
			return creation_choices(c, root);
		}
		if (loginbuf[0] == '\0') {
			form_error(&f, "login_kind", kind == 0 ? "no_staff_no" : "no_phone");
			return creation_choices(c, root);
		}
		login = loginbuf;
		name = namebuf;
		role = "teacher";
		district = c->user->district_id;
		school = c->user->school_id;
		teacher = target;
	} else {
		login = form_text(&f, "login", 1, 64, 0, 0);
		name = form_text(&f, "name", 1, 50, 0, 0);
		if (login != NULL && strspn(login, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-@") != strlen(login))
			form_error(&f, "login", "login_chars");
		if (c->user->role == ROLE_NAME_SYSTEM_ADMIN) {
			role = "district_admin";
			if (form_int(&f, "district", 1, 1, 1LL << 53, &district) == 0) {
				if ((st = db_stmt(c->db, sql_district_exists)) == NULL)
					return 500;
				sqlite3_bind_int64(st, 1, district);
				found = sqlite3_step(st) == SQLITE_ROW;
				sqlite3_reset(st);
				if (!found)
					form_error(&f, "district", "invalid");
			}
		} else {
			int k = form_choice(&f, "role", 1, admin_roles, 2);
			role = k >= 0 ? admin_roles[k] : NULL;
			district = c->user->district_id;
			if (form_int(&f, "school", 1, 1, 1LL << 53, &school) == 0) {
				if ((st = db_stmt(c->db, sql_school_in_district)) == NULL)
					return 500;
				sqlite3_bind_int64(st, 1, school);
				sqlite3_bind_int64(st, 2, district);
				found = sqlite3_step(st) == SQLITE_ROW;
				sqlite3_reset(st);
				if (!found)
					form_error(&f, "school", "invalid");
			}
		}
		if (f.errors || login == NULL || name == NULL || role == NULL)
			return creation_choices(c, root);
	}
	if ((r = db_begin(c->db)) != DB_OK)
		return r == DB_BUSY ? 503 : 500;
	r = insert_account(c, login, name, role, district, school, teacher, pw, &id);
	if (r == DB_CONSTRAINT) {
		db_rollback(c->db);
		form_error(&f, c->user->role == ROLE_NAME_SCHOOL_ADMIN ? "login_kind" : "login", "login_taken");
		return creation_choices(c, root);
	}
	snprintf(after, sizeof(after), "{\"role\":\"%s\",\"school\":%lld,\"teacher\":%lld}", role, school, teacher);
	if (r == DB_OK)
		r = audit(c, "account_create", id, after);
	if ((status = finish(c, r)) != 0)
		return status;
	/* The created page replaces the form page. */
	xmlUnlinkNode(root);
	xmlFreeNode(root);
	c->page = NULL;
	status = show_one_time(c, id, pw, "created");
	sodium_memzero(pw, sizeof(pw));
	return status;
}

int
accounts_show(struct ctx *c)
{
	static const char sql_history[] =
	    "SELECT au.at, au.action, coalesce(actor.login, ''), au.client FROM audit au"
	    " LEFT JOIN account actor ON actor.id = au.account_id"
	    " WHERE au.object_type = 'account' AND au.object_id = ? ORDER BY au.id DESC LIMIT 50";
	xmlNodePtr root = app_page(c, "account"), hist;
	sqlite3_stmt *st;
	int status;

	if (root == NULL)
		return 500;
	if ((status = load_account(c, c->id[0], root, NULL, 0, NULL, NULL)) != 200)
		return status;
	if ((hist = xml_node(root, "history")) == NULL || (st = db_stmt(c->db, sql_history)) == NULL)
		return 500;
	sqlite3_bind_int64(st, 1, c->id[0]);
	while (sqlite3_step(st) == SQLITE_ROW) {
		xmlNodePtr e = xml_node(hist, "event");
		if (e == NULL)
			break;
		xml_attr(e, "at", col(st, 0));
		xml_attr(e, "action", col(st, 1));
		xml_attr(e, "by", col(st, 2));
	}
	sqlite3_reset(st);
	return 200;
}

static int
set_active(struct ctx *c, int active)
{
	static const char sql[] = "UPDATE account SET active = ? WHERE id = ?";
	sqlite3_stmt *st;
	enum db_result r;
	int status, rc;
	char path[64];

	if ((status = load_account(c, c->id[0], NULL, NULL, 0, NULL, NULL)) != 200)
		return status;
	if ((r = db_begin(c->db)) != DB_OK)
		return r == DB_BUSY ? 503 : 500;
	if ((st = db_stmt(c->db, sql)) == NULL)
		return finish(c, DB_ERROR);
	sqlite3_bind_int(st, 1, active);
	sqlite3_bind_int64(st, 2, c->id[0]);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	r = db_result_of(rc);
	if (r == DB_OK && !active)
		r = auth_end_sessions(c->db, c->id[0]);
	if (r == DB_OK)
		r = audit(c, active ? "account_enable" : "account_disable", c->id[0], NULL);
	if ((status = finish(c, r)) != 0)
		return status;
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

int
accounts_reset(struct ctx *c)
{
	char pw[11];
	enum db_result r;
	int status;

	if ((status = load_account(c, c->id[0], NULL, NULL, 0, NULL, NULL)) != 200)
		return status;
	auth_one_time_password(pw);
	if ((r = db_begin(c->db)) != DB_OK)
		return r == DB_BUSY ? 503 : 500;
	r = auth_set_password(c->db, c->id[0], pw, 1, 0);
	if (r == DB_OK)
		r = audit(c, "password_reset", c->id[0], NULL);
	if ((status = finish(c, r)) != 0)
		return status;
	status = show_one_time(c, c->id[0], pw, "reset");
	sodium_memzero(pw, sizeof(pw));
	return status;
}

/*
 * POST /accounts/{id}/handover: a school changes its hours admin (更换管理员).
 * The new admin gets a new account; the old one is disabled. Both in the
 * audit log, which the district reads at /audit.
 */
int
accounts_handover(struct ctx *c)
{
	static const char sql_disable[] = "UPDATE account SET active = 0 WHERE id = ?";
	xmlNodePtr root;
	struct form f;
	char role[32] = "", pw[11], after[200];
	const char *login, *name;
	long long school = 0, id = 0;
	int active = 0, status, rc;
	sqlite3_stmt *st;
	enum db_result r;

	if ((status = load_account(c, c->id[0], NULL, role, sizeof(role), &school, &active)) != 200)
		return status;
	if ((root = app_page(c, "account")) == NULL)
		return 500;
	load_account(c, c->id[0], root, NULL, 0, NULL, NULL);
	form_begin(&f, c, "handover");
	if (strcmp(role, "school_admin") != 0 || !active) {
		form_error(&f, "login", "handover_not_admin");
		return 200;
	}
	login = form_text(&f, "login", 1, 64, 0, 0);
	name = form_text(&f, "name", 1, 50, 0, 0);
	if (login != NULL && strspn(login, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-@") != strlen(login))
		form_error(&f, "login", "login_chars");
	if (f.errors || login == NULL || name == NULL)
		return 200;
	if ((r = db_begin(c->db)) != DB_OK)
		return r == DB_BUSY ? 503 : 500;
	r = insert_account(c, login, name, "school_admin", c->user->district_id, school, 0, pw, &id);
	if (r == DB_CONSTRAINT) {
		db_rollback(c->db);
		form_error(&f, "login", "login_taken");
		return 200;
	}
	if (r == DB_OK && (st = db_stmt(c->db, sql_disable)) != NULL) {
		sqlite3_bind_int64(st, 1, c->id[0]);
		rc = sqlite3_step(st);
		sqlite3_reset(st);
		r = db_result_of(rc);
	} else if (r == DB_OK)
		r = DB_ERROR;
	if (r == DB_OK)
		r = auth_end_sessions(c->db, c->id[0]);
	snprintf(after, sizeof(after), "{\"old\":%lld,\"new\":%lld,\"school\":%lld}", c->id[0], id, school);
	if (r == DB_OK)
		r = audit(c, "school_admin_handover", c->id[0], after);
	if ((status = finish(c, r)) != 0)
		return status;
	xmlUnlinkNode(root);
	xmlFreeNode(root);
	c->page = NULL;
	status = show_one_time(c, id, pw, "handover");
	sodium_memzero(pw, sizeof(pw));
	return status;
}

/* GET /audit: the district's audit log (all of it for the system admin). */
int
audit_list(struct ctx *c)
{
	/*
	 * Local time (the district's offset, UTC+8 by default), the actor and the
	 * object by name: a teacher's year by the teacher, a record by its
	 * teacher and item, an account by its name and login, a school by name.
	 */
	static const char sql[] =
	    "SELECT au.id, strftime('%Y-%m-%d %H:%M:%S', au.at, printf('%+d minutes',"
	    "  coalesce(d.utc_offset_minutes, 480))), au.action, au.object_type,"
	    " coalesce(au.object_id, 0), coalesce(actor.display_name, ''), coalesce(au.after, ''),"
	    " au.client, coalesce(actor.login, ''), coalesce(au.before, ''),"
	    " CASE au.object_type"
	    "  WHEN 'record' THEN (SELECT t.name || ' · ' || i.name FROM record r"
	    "   JOIN teacher_year ty ON ty.id = r.teacher_year_id JOIN teacher t ON t.id = ty.teacher_id"
	    "   JOIN item i ON i.id = r.item_id WHERE r.id = au.object_id)"
	    "  WHEN 'teacher_year' THEN (SELECT t.name || coalesce(' · ' || nullif(t.staff_no, ''), '')"
	    "   FROM teacher_year ty JOIN teacher t ON t.id = ty.teacher_id WHERE ty.id = au.object_id)"
	    "  WHEN 'account' THEN (SELECT a.display_name || ' (' || a.login || ')' FROM account a"
	    "   WHERE a.id = au.object_id)"
	    "  WHEN 'school' THEN (SELECT s.name FROM school s WHERE s.id = au.object_id)"
	    " END, coalesce(d.time_zone, 'Asia/Shanghai')"
	    " FROM audit au LEFT JOIN account actor ON actor.id = au.account_id"
	    " LEFT JOIN district d ON d.id = au.district_id"
	    " WHERE (?1 = 'system_admin' OR au.district_id = ?2)"
	    " AND (?3 IS NULL OR au.action = ?3)"
	    " ORDER BY au.id DESC LIMIT 200";
	/* Before and after, field by field (flat JSON objects). */
	static const char sql_fields[] =
	    "SELECT k, max(b), max(a) FROM ("
	    " SELECT key AS k, CASE WHEN type IN ('object', 'array') THEN json(value) ELSE value END"
	    "  AS b, NULL AS a FROM json_each(CASE WHEN json_valid(?1) THEN ?1 ELSE '{}' END)"
	    " UNION ALL SELECT key, NULL, CASE WHEN type IN ('object', 'array') THEN json(value)"
	    "  ELSE value END FROM json_each(CASE WHEN json_valid(?2) THEN ?2 ELSE '{}' END))"
	    " GROUP BY k ORDER BY k";
	xmlNodePtr root = app_page(c, "audit"), list;
	const char *action = http_query(c->req, "action");
	sqlite3_stmt *st;
	int rc;

	if (root == NULL || (list = xml_node(root, "audit")) == NULL)
		return 500;
	if (action != NULL && strspn(action, "abcdefghijklmnopqrstuvwxyz_") != strlen(action))
		action = NULL;
	xml_attr(list, "action", action);
	if ((st = db_stmt(c->db, sql)) == NULL)
		return 500;
	sqlite3_bind_text(st, 1, auth_role_name(c->user->role), -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, c->user->district_id);
	if (action != NULL)
		sqlite3_bind_text(st, 3, action, -1, SQLITE_TRANSIENT);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		xmlNodePtr e = xml_node(list, "event");
		if (e == NULL)
			break;
		xml_attr_int(e, "id", sqlite3_column_int64(st, 0));
		xml_attr(e, "at", col(st, 1));
		xml_attr(e, "time-zone", col(st, 11));
		xml_attr(e, "action", col(st, 2));
		xml_attr(e, "object-type", col(st, 3));
		xml_attr_int(e, "object-id", sqlite3_column_int64(st, 4));
		xml_attr(e, "by", col(st, 8));
		xml_attr(e, "by-name", col(st, 5));
		xml_attr(e, "client", col(st, 7));
		if (sqlite3_column_type(st, 10) != SQLITE_NULL)
			xml_text(e, "object", col(st, 10));
		if (col(st, 6)[0])
			xml_text(e, "details", col(st, 6));
		if (col(st, 9)[0] || col(st, 6)[0]) {
			sqlite3_stmt *fs = db_stmt(c->db, sql_fields);
			char *before = arena_strdup(c->a, col(st, 9)), *after = arena_strdup(c->a, col(st, 6));
			if (fs == NULL || before == NULL || after == NULL)
				break;
			sqlite3_bind_text(fs, 1, before, -1, SQLITE_STATIC);
			sqlite3_bind_text(fs, 2, after, -1, SQLITE_STATIC);
			while (sqlite3_step(fs) == SQLITE_ROW) {
				xmlNodePtr ch = xml_node(e, "change");
				if (ch == NULL)
					break;
				xml_attr(ch, "field", col(fs, 0));
				if (sqlite3_column_type(fs, 1) != SQLITE_NULL)
					xml_attr(ch, "before", col(fs, 1));
				if (sqlite3_column_type(fs, 2) != SQLITE_NULL)
					xml_attr(ch, "after", col(fs, 2));
			}
			sqlite3_reset(fs);
		}
	}
	sqlite3_reset(st);
	return 200;
}
