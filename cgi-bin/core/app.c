/* app.c - see app.h: routing, the request cycle, FastCGI / CGI / prefork. */
#include "app.h"
#include "failure.h"
#include "nav.h"
#include "render.h"
#include "domain/rules.h"
#include "utf8.h"
#include "store/scope.h"
#include "store/notify.h"
#include "store/assess.h"

#include <fcgiapp.h>

#include <errno.h>
#include <malloc.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <strings.h>
#include <unistd.h>

/* ------------------------------------------------------------- routing */

int
app_match(const char *pattern, const char *path, struct ctx *c)
{
	const char *p = pattern, *s = path;
	int nid = 0, ncode = 0;

	while (*p != '\0') {
		if (*p == '{') {
			const char *close = strchr(p, '}');
			size_t n = 0;
			if (close == NULL)
				return 0;
			while (s[n] != '\0' && s[n] != '/')
				n++;
			if (n == 0)
				return 0;
			if (strncmp(p, "{code}", 6) != 0) {
				/* {id}, {record}, {teacher_year} ...: a number, of the kind named */
				static const char *const kinds[OBJ__MAX] = {
					"{id}", "{record}", "{teacher_year}", "{evidence}", "{school}",
					"{account}", "{import}", "{year}", "{district}", "{item}", "{group}",
					"{catalogue_import}", "{project}", "{notice}", "{event}"
				};
				enum object_kind kind = OBJ__MAX;
				long long v = 0;
				if (n > 15 || s[0] == '0')
					return 0;
				for (size_t i = 0; i < n; i++) {
					if (s[i] < '0' || s[i] > '9')
						return 0;
					v = v * 10 + (s[i] - '0');
				}
				for (int k = 0; k < OBJ__MAX; k++)
					if (strncmp(p, kinds[k], (size_t)(close - p + 1)) == 0 &&
					    strlen(kinds[k]) == (size_t)(close - p + 1))
						kind = (enum object_kind)k;
				if (nid >= APP_MAX_ARGS || kind == OBJ__MAX)
					return 0;
				if (c != NULL) {
					c->id[nid] = v;
					c->id_kind[nid] = kind;
				}
				nid++;
			} else {
				/* {code}: a short lower-case name. */
				if (n > 64)
					return 0;
				for (size_t i = 0; i < n; i++)
					if (!((s[i] >= 'a' && s[i] <= 'z') ||
					    (s[i] >= '0' && s[i] <= '9') ||
					    s[i] == '-' || s[i] == '_'))
						return 0;
				if (ncode >= APP_MAX_ARGS)
					return 0;
				if (c != NULL) {
					c->code[ncode] = arena_strndup(c->a, s, n);
					if (c->code[ncode] == NULL)
						return 0;
				}
				ncode++;
			}
			p = close + 1;
			s += n;
			continue;
		}
		if (*p != *s)
			return 0;
		p++;
		s++;
	}
	if (*s != '\0')
		return 0;
	if (c != NULL) {
		c->nid = nid;
		c->ncode = ncode;
	}
	return 1;
}

xmlNodePtr
app_page(struct ctx *c, const char *name)
{
	xmlNodePtr root = render_page(c->a, name);
	xmlNodePtr req;

	if (root == NULL)
		return NULL;
	c->page = root;
	c->stylesheet = arena_printf(c->a, "pages/%s", name);
	if (c->stylesheet == NULL)
		return NULL;
	req = xml_node(root, "request");
	if (req != NULL) {
		xml_attr(req, "path", c->req->path);
		xml_attr(req, "method", c->req->method_name);
	}
	app_page_context(c);
	return root;
}

unsigned
app_role_bit(enum role_name r)
{
	return 1u << ((unsigned)r + 1);
}

const char *
app_hours(struct ctx *c, long long t)
{
	char buf[32];

	return arena_strdup(c->a, rules_hours_format(t, buf, sizeof(buf)));
}

const char *
app_now_text(struct ctx *c)
{
	time_t t = (time_t)c->now;
	struct tm tm;
	char buf[32];

	if (gmtime_r(&t, &tm) == NULL || strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		return "";
	return arena_printf(c->a, "%s", buf);
}

int
app_redirect(struct ctx *c, const char *path)
{
	if (http_redirect(c->resp, path) < 0)
		return 500;
	return 303;
}

void
app_page_context(struct ctx *c)
{
	xmlNodePtr u, t;

	if (c->page == NULL)
		return;
	if (c->user != NULL && (u = xml_node(c->page, "user")) != NULL) {
		xml_attr_int(u, "id", c->user->id);
		xml_attr(u, "login", c->user->login);
		xml_attr(u, "name", c->user->name);
		xml_attr(u, "role", auth_role_name(c->user->role));
		if (c->user->district_id)
			xml_attr_int(u, "district", c->user->district_id);
		if (c->user->school_id)
			xml_attr_int(u, "school", c->user->school_id);
		if (c->user->teacher_id)
			xml_attr_int(u, "teacher", c->user->teacher_id);
		if (c->user->must_change)
			xml_attr(u, "must-change-password", "yes");
		if (c->db != NULL) {
			/* The header's 消息 count: a failed read fails the page (never a partial one). */
			long long unread = 0;
			enum db_result r = store_inbox_unread(c->db, c->user->id, &unread);
			if (r == DB_OK)
				xml_attr_int(u, "unread", unread);
			else
				c->context_status = app_status(r);
		}
		if (c->user->role == ROLE_NAME_TEACHER)
			xml_attr(u, "registers", c->user->registers ? "yes" : "no");
	}
	if (c->csrf != NULL && (t = xml_node(c->page, "csrf")) != NULL)
		xml_attr(t, "token", c->csrf);
	/* The links the caller may follow (core/nav.h). */
	{
		unsigned bit = c->user == NULL ? ROLE_ANON : app_role_bit(c->user->role);
		xmlNodePtr nav = xml_node(c->page, "nav");
		for (size_t i = 0; nav != NULL && i < app_nnav; i++) {
			xmlNodePtr l;
			if (!(app_nav[i].roles & bit))
				continue;
			if ((app_nav[i].flags & NAV_REGISTERS) && (c->user == NULL || !c->user->registers))
				continue;
			if ((l = xml_node(nav, "link")) == NULL)
				break;
			xml_attr(l, "href", app_nav[i].path);
			xml_attr(l, "key", app_nav[i].key);
			if (c->req != NULL && c->req->path != NULL && strcmp(c->req->path, app_nav[i].path) == 0)
				xml_attr(l, "current", "yes");
		}
	}
}

/* ------------------------------------------------------ declared fields */

static const struct field_value absent = { "", 0, 0, 1, NULL, NULL, NULL, NULL, 0, 0 };

static int
field_index(const struct ctx *c, const char *name)
{
	const struct field *f = c->route ? c->route->fields : NULL;

	for (int i = 0; f != NULL && f[i].name != NULL && i < APP_MAX_FIELDS; i++)
		if (strcmp(f[i].name, name) == 0)
			return i;
	fprintf(stderr, "xueshi: %s: field %s is not declared\n",
	    c->route ? c->route->name : "?", name);
	return -1;
}

static const struct field_value *
field_value(struct ctx *c, const char *name)
{
	int i = field_index(c, name);
	return i < 0 ? &absent : &c->fv[i];
}

const char *
app_field_text(struct ctx *c, const char *name)
{
	const struct field_value *v = field_value(c, name);
	return v->ok ? v->text : "";
}

long long
app_field_int(struct ctx *c, const char *name)
{
	const struct field_value *v = field_value(c, name);
	return v->ok ? v->num : 0;
}

int
app_field_present(struct ctx *c, const char *name)
{
	const struct field_value *v = field_value(c, name);
	return v->ok && v->present;
}

long long *
app_field_ids(struct ctx *c, const char *name, size_t *n)
{
	const struct field_value *v = field_value(c, name);
	*n = v->nids;
	return v->ids;
}

size_t
app_field_refused(struct ctx *c, const char *name)
{
	return field_value(c, name)->refused;
}

const char *
app_field_keyed(struct ctx *c, const char *prefix, long long id, const char **error)
{
	const struct field_value *v = field_value(c, prefix);

	if (error != NULL)
		*error = NULL;
	for (size_t i = 0; i < v->nids; i++)
		if (v->ids[i] == id) {
			if (error != NULL)
				*error = v->errors[i];
			return v->texts[i];
		}
	return NULL;
}

/* The raw value of a field from where the route reads it (NULL: absent). */
static const char *
raw_field(const struct ctx *c, const struct field *f, size_t *k)
{
	const struct http_param *ps;
	size_t np;
	int from_query = (f->flags & FIELD_QUERY) || c->req->method != HTTP_POST;

	ps = from_query ? c->req->query : c->req->form;
	np = from_query ? c->req->nquery : c->req->nform;
	for (; *k < np; (*k)++)
		if (strcmp(ps[*k].name, f->name) == 0)
			return ps[(*k)++].value;
	return NULL;
}

/* Check one value against its declaration into v. */
static void
check_value(struct ctx *c, const struct field *f, const char *raw, struct field_value *v)
{
	size_t n;
	char *t;

	v->ok = 1;
	v->present = 0;
	v->num = 0;
	v->text = "";
	v->error = NULL;
	if (raw == NULL)
		raw = "";
	/* Trim surrounding blanks (and, in text, blank lines). */
	while (*raw == ' ' || *raw == '\t' || (f->type == FIELD_TEXT && (*raw == '\n' || *raw == '\r')))
		raw++;
	n = strlen(raw);
	while (n > 0 && (raw[n - 1] == ' ' || raw[n - 1] == '\t' || raw[n - 1] == '\n' ||
	    raw[n - 1] == '\r'))
		n--;
	if ((t = arena_strndup(c->a, raw, n)) == NULL) {
		v->ok = 0;
		v->error = "invalid";
		return;
	}
	v->text = t;
	if (!(f->type == FIELD_TEXT ? utf8_valid_text(t, n) : utf8_valid_line(t, n))) {
		v->ok = 0;
		v->error = "invalid";
		v->text = "";
		return;
	}
	if (n == 0) {
		if (f->flags & FIELD_REQUIRED) {
			v->ok = 0;
			v->error = "required";
		}
		return;
	}
	v->present = 1;
	switch (f->type) {
	case FIELD_LINE:
	case FIELD_TEXT:
	case FIELD_SECRET:
		if (utf8_length(t, n) > (size_t)(f->max > 0 ? f->max : 200)) {
			v->ok = 0;
			v->error = "too_long";
		}
		break;
	case FIELD_INT:
	case FIELD_ID: {
		char *end;
		long long lo = f->type == FIELD_ID ? 1 : f->min;
		long long hi = f->type == FIELD_ID ? (1LL << 53) : f->max;
		errno = 0;
		v->num = strtoll(t, &end, 10);
		if (errno != 0 || *end != '\0' || n > 20) {
			v->ok = 0;
			v->error = "not_a_number";
		} else if (v->num < lo || v->num > hi) {
			v->ok = 0;
			v->error = "out_of_range";
		}
		break;
	}
	case FIELD_DATE:
		if (!rules_date_valid(t)) {
			v->ok = 0;
			v->error = "bad_date";
		}
		break;
	case FIELD_CHOICE:
		v->ok = 0;
		v->error = "invalid";
		for (long long i = 0; f->choices != NULL && f->choices[i] != NULL; i++)
			if (strcmp(t, f->choices[i]) == 0) {
				v->ok = 1;
				v->error = NULL;
				v->num = i;
			}
		break;
	case FIELD_FLAG:
		v->text = "1";
		break;
	}
	if (!v->ok)
		v->num = 0;
}

/* Validate the route's declared fields into c->fv; count the errors. */
static void
check_fields(struct ctx *c)
{
	const struct field *f = c->route->fields;

	c->field_errors = 0;
	for (int i = 0; f != NULL && f[i].name != NULL && i < APP_MAX_FIELDS; i++) {
		size_t k = 0;
		const char *raw = raw_field(c, &f[i], &k);
		check_value(c, &f[i], raw, &c->fv[i]);
		if (f[i].flags & FIELD_PREFIX) {
			/* Every "<prefix><id>" of the form, each checked alone. */
			const struct http_param *ps = c->req->method == HTTP_POST ? c->req->form : c->req->query;
			size_t np = c->req->method == HTTP_POST ? c->req->nform : c->req->nquery, n = 0;
			size_t plen = strlen(f[i].name);
			c->fv[i] = absent;
			c->fv[i].ids = arena_alloc(c->a, (np + 1) * sizeof(long long));
			c->fv[i].texts = arena_alloc(c->a, (np + 1) * sizeof(char *));
			c->fv[i].errors = arena_alloc(c->a, (np + 1) * sizeof(char *));
			if (c->fv[i].ids == NULL || c->fv[i].texts == NULL || c->fv[i].errors == NULL) {
				c->fv[i].nids = 0;
				c->field_errors++;
				continue;
			}
			for (size_t j = 0; j < np; j++) {
				const char *rest = ps[j].name;
				char *end;
				long long id;
				struct field_value one;
				if (strncmp(rest, f[i].name, plen) != 0)
					continue;
				rest += plen;
				if (*rest < '1' || *rest > '9' || strlen(rest) > 15)
					continue;
				id = strtoll(rest, &end, 10);
				if (*end != '\0')
					continue;
				check_value(c, &f[i], ps[j].value, &one);
				c->fv[i].ids[n] = id;
				c->fv[i].texts[n] = one.text;
				c->fv[i].errors[n] = one.ok ? NULL : one.error;
				n++;
			}
			c->fv[i].nids = n;
			continue;
		}
		if ((f[i].flags & FIELD_MULTI) && f[i].type == FIELD_ID) {
			/* Every repeat, each a valid id. */
			size_t cap = 16, n = 0;
			long long *ids = arena_alloc(c->a, cap * sizeof(*ids));
			k = 0;
			while (ids != NULL && (raw = raw_field(c, &f[i], &k)) != NULL) {
				struct field_value one;
				check_value(c, &f[i], raw, &one);
				if (!one.ok || !one.present)
					continue;
				if (n == cap) {
					long long *more = arena_alloc(c->a, 2 * cap * sizeof(*more));
					if (more == NULL)
						break;
					memcpy(more, ids, n * sizeof(*ids));
					ids = more;
					cap *= 2;
				}
				ids[n++] = one.num;
			}
			c->fv[i].ids = ids;
			c->fv[i].nids = n;
		}
		if (!c->fv[i].ok)
			c->field_errors++;
	}
}

/* ------------------------------------------------------------ the scope */

/*
 * One object against the route's scope: the caller's own (a teacher's
 * records), school, district, or an account the caller manages. 1 when
 * allowed; 0 (answered as not found) otherwise or when the object does not
 * exist; -1 when the store failed (*r set).
 */
static int
owner_allows(struct ctx *c, enum object_kind kind, long long id, enum db_result *r)
{
	const struct user *u = c->user;
	struct owner o;

	*r = store_owner(c->db, kind, id, u != NULL ? u->school_id : 0, &o);
	if (*r == DB_NOTFOUND)
		return 0;
	if (*r != DB_OK)
		return -1;
	if (u == NULL)
		return 0;
	if (kind == OBJ_ACCOUNT)
		/* Accounts: the ones the caller manages (docs/accounts.md). */
		return (u->role == ROLE_NAME_SYSTEM_ADMIN && strcmp(o.role, "district_admin") == 0) ||
		    (u->role == ROLE_NAME_DISTRICT_ADMIN && o.district_id == u->district_id &&
		    (strcmp(o.role, "school_admin") == 0 || strcmp(o.role, "school_leader") == 0)) ||
		    (u->role == ROLE_NAME_SCHOOL_ADMIN && o.school_id == u->school_id &&
		    o.district_id == u->district_id && strcmp(o.role, "teacher") == 0);
	switch (c->route->scope) {
	case SCOPE_PUBLIC:
	case SCOPE_ALL:
		return 1;
	case SCOPE_OWN:
		return u->teacher_id != 0 && o.teacher_id == u->teacher_id;
	case SCOPE_SCHOOL:
		return u->school_id != 0 && o.school_id == u->school_id &&
		    o.district_id == u->district_id;
	case SCOPE_DISTRICT:
		return u->role == ROLE_NAME_SYSTEM_ADMIN || o.district_id == u->district_id;
	default:
		return 0;
	}
}

/* Every object the path names: 1 allowed, 0 not found, -1 store failure. */
static int
scope_allows(struct ctx *c, enum db_result *r)
{
	for (int i = 0; i < c->nid; i++) {
		int ok;
		if (c->id_kind[i] == OBJ_NONE)
			continue;
		if ((ok = owner_allows(c, c->id_kind[i], c->id[i], r)) != 1)
			return ok;
	}
	return 1;
}

/*
 * Every object the declared fields name (after check_fields): a value out
 * of scope gives 0 (not found); a FIELD_SCOPE_SKIP list keeps only the ids
 * in scope and counts the others in refused. -1: store failure.
 */
static int
scope_fields(struct ctx *c, enum db_result *r)
{
	const struct field *f = c->route->fields;

	for (int i = 0; f != NULL && f[i].name != NULL && i < APP_MAX_FIELDS; i++) {
		struct field_value *v = &c->fv[i];
		int ok;
		if (f[i].type != FIELD_ID || f[i].object == OBJ_NONE)
			continue;
		if (f[i].flags & FIELD_MULTI) {
			size_t kept = 0;
			for (size_t j = 0; j < v->nids; j++) {
				if ((ok = owner_allows(c, f[i].object, v->ids[j], r)) < 0)
					return -1;
				if (!ok && !(f[i].flags & FIELD_SCOPE_SKIP))
					return 0;
				if (ok)
					v->ids[kept++] = v->ids[j];
				else
					v->refused++;
			}
			v->nids = kept;
			continue;
		}
		if (!v->ok || !v->present)
			continue;
		if ((ok = owner_allows(c, f[i].object, v->num, r)) != 1)
			return ok;
	}
	return 1;
}

static const char *
error_code(int status)
{
	switch (status) {
	case 400: return "bad_request";
	case 403: return "forbidden";
	case 404: return "not_found";
	case 405: return "method_not_allowed";
	case 413: return "too_large";
	case 415: return "unsupported_media_type";
	case 503: return "busy";
	default:  return "internal";
	}
}

/* The error page: XML <error status code/>, HTML through error.xsl. */
static void render_error_code(struct ctx *c, int status, const char *code);

static void
render_error(struct ctx *c, int status)
{
	render_error_code(c, status, error_code(status));
}

static void
render_error_code(struct ctx *c, int status, const char *code)
{
	xmlNodePtr root, err;
	int as_xml = render_wants_xml(c->req);

	http_response_init(c->resp, c->a);
	c->resp->status = status;
	if (status == 405)
		http_header_add(c->resp, "Allow", "GET, HEAD, POST");
	if (status == 503)
		http_header_add(c->resp, "Retry-After", "5");
	root = app_page(c, "error");
	if (root == NULL)
		goto plain;
	err = xml_node(root, "error");
	if (err == NULL)
		goto plain;
	xml_attr_int(err, "status", status);
	xml_attr(err, "code", code);
	/* For the access tests: which of the core's checks refused (not in production). */
	if (c->cfg != NULL && c->cfg->fault_injection && c->refused_by != NULL)
		http_header_add(c->resp, "X-Xueshi-Refused", c->refused_by);
	if (render_respond(c->resp, root, c->stylesheet, as_xml) == 0)
		return;
plain:
	/* Last resort when even the error page cannot be made. */
	http_body(c->resp, "text/plain; charset=utf-8", http_reason(status),
	    strlen(http_reason(status)));
}

static int
caller_roles(struct ctx *c)
{
	return c->user == NULL ? ROLE_ANON : (int)app_role_bit(c->user->role);
}

/* The host part of an URL ("https://h:p/x" gives "h:p"), compared to Host. */
static int
same_origin(const char *url, const char *host)
{
	const char *p;
	size_t n;

	if (host == NULL)
		return 0;
	if (strncmp(url, "http://", 7) == 0)
		p = url + 7;
	else if (strncmp(url, "https://", 8) == 0)
		p = url + 8;
	else
		return 0;
	n = strcspn(p, "/?#");
	return strlen(host) == n && strncasecmp(p, host, n) == 0;
}

/*
 * Who is calling, and the CSRF token for this response: the session's for a
 * user; for anonymous callers a double-submit cookie, set when missing.
 */
static enum db_result
resolve_caller(struct ctx *c)
{
	const char *token = http_cookie(c->req, "xs_session");
	const char *anon = http_cookie(c->req, "xs_csrf");
	enum db_result err = DB_OK;

	c->user = NULL;
	if (token != NULL && c->db != NULL)
		c->user = auth_session_user(c->db, c->a, token, c->wall, &err);
	if (err != DB_OK)
		return err;
	if (c->user != NULL) {
		c->csrf = c->user->csrf;
		return DB_OK;
	}
	if (anon != NULL && strlen(anon) == AUTH_TOKEN_HEX) {
		c->csrf = anon;
		return DB_OK;
	}
	{
		char *fresh = arena_alloc(c->a, AUTH_TOKEN_HEX + 1);
		char *cookie;
		if (fresh == NULL)
			return DB_OK;
		auth_random_hex(fresh);
		c->csrf = fresh;
		cookie = arena_printf(c->a, "xs_csrf=%s; Path=/; HttpOnly; SameSite=Lax%s",
		    fresh, c->req->https ? "; Secure" : "");
		c->set_csrf_cookie = cookie;
	}
	return DB_OK;
}

/* A POST must carry the CSRF token, and come from this site when it says where from. */
static int
post_allowed(struct ctx *c)
{
	const char *sent = http_form(c->req, "csrf");

	if (c->req->origin != NULL && strcmp(c->req->origin, "null") != 0 &&
	    !same_origin(c->req->origin, c->req->host))
		return 0;
	if (c->req->origin == NULL && c->req->referer != NULL &&
	    !same_origin(c->req->referer, c->req->host))
		return 0;
	if (c->user != NULL)
		return auth_token_equal(sent, c->user->csrf);
	return auth_token_equal(sent, http_cookie(c->req, "xs_csrf"));
}

void
app_handle(const struct program *prog, struct ctx *c, int parse_status)
{
	const struct route *match = NULL;
	int path_matched = 0, status;
	enum http_method m = c->req->method == HTTP_HEAD ? HTTP_GET : c->req->method;

	http_response_init(c->resp, c->a);
	if (parse_status != 0) {
		c->refused_by = "request";
		if (c->req->body_missing > 0)
			/* Not the client's doing as a rule: what passed the body on ended early. */
			fprintf(stderr, "xueshi: %d: the request body ended %zu bytes short of its Content-Length\n",
			    parse_status, c->req->body_missing);
		render_error(c, parse_status);
		return;
	}
	for (size_t i = 0; i < prog->nroutes; i++) {
		const struct route *r = &prog->routes[i];
		if (!app_match(r->pattern, c->req->path, NULL))
			continue;
		path_matched = 1;
		if (r->method == m) {
			match = r;
			break;
		}
	}
	if (match == NULL) {
		c->refused_by = "route";
		render_error(c, path_matched ? 405 : 404);
		return;
	}
	app_match(match->pattern, c->req->path, c);
	c->route = match;
	if (c->db == NULL) {
		/* Retried on the next request; the log says why (db_open). */
		render_error_code(c, 503, "db_unavailable");
		return;
	}
	{
		/*
		 * A session that could not be read (the database busy or failing)
		 * is not a stranger: a 503 to try again, never the 404 that a POST
		 * without a session gets, which would lose what was typed.
		 */
		enum db_result sr = resolve_caller(c);
		if (sr != DB_OK) {
			c->refused_by = "session";
			render_error(c, app_status(sr));
			return;
		}
	}
	if (c->set_csrf_cookie != NULL)
		http_header_add(c->resp, "Set-Cookie", c->set_csrf_cookie);
	if (!(match->roles & (unsigned)caller_roles(c))) {
		if (c->user == NULL && m == HTTP_GET) {
			/* Not logged in: to the login page, then back here. */
			char *next = arena_printf(c->a, "/login?next=%s", c->req->path);
			if (next != NULL && strlen(c->req->path) < 512 &&
			    strspn(c->req->path, "abcdefghijklmnopqrstuvwxyz0123456789/-_") ==
			    strlen(c->req->path) && http_redirect(c->resp, next) == 0)
				return;
			if (http_redirect(c->resp, "/login") == 0)
				return;
		}
		/* Logged in without the right, or a POST: as if it did not exist. */
		c->refused_by = "role";
		render_error(c, 404);
		return;
	}
	if (m == HTTP_POST && !post_allowed(c)) {
		render_error_code(c, 403, "csrf");
		return;
	}
	if (c->user != NULL && c->user->must_change &&
	    !(match->flags & ROUTE_DURING_PASSWORD_CHANGE)) {
		if (http_redirect(c->resp, "/account/password") == 0)
			return;
	}
	c->page = NULL;
	failure_reset();
	/* The objects the path names must be in the caller's scope. */
	{
		enum db_result sr = DB_OK;
		int allowed = scope_allows(c, &sr);
		if (allowed == 1) {
			check_fields(c);
			allowed = scope_fields(c, &sr);
		}
		if (allowed <= 0) {
			if (allowed == 0)
				c->refused_by = "scope";
			render_error(c, allowed == 0 ? 404 : app_status(sr));
			return;
		}
	}
	/* A page's reads see one snapshot (core/db.h); a write ends it first. */
	if (m == HTTP_GET)
		db_read_begin(c->db);
	if (c->cfg->fault_injection && c->req->fault_at != NULL)
		db_fault_arm(c->db, atol(c->req->fault_at));
	status = match->handler(c);
	db_read_end(c->db);
	/* The page's context (the header's count) could not be read: the page fails whole. */
	if (c->context_status >= 400 && status != 303 && !c->raw_body) {
		if (c->page != NULL) {
			xmlNodePtr root = c->page;
			xmlUnlinkNode(root);
			xmlFreeNode(root);
			c->page = NULL;
		}
		status = c->context_status;
	}
	/* Nothing half-done: a handler that left its transaction open loses it. */
	if (db_in_transaction(c->db)) {
		fprintf(stderr, "xueshi: %s %s: transaction left open, rolled back\n",
		    match->name, c->req->path ? c->req->path : "");
		db_rollback(c->db);
		if (status < 400)
			status = 500;
	}
	/*
	 * The disk is full, the database or evidence directory read-only: not a
	 * bug of the request. 503 with what happened (the form, where there is
	 * one, kept as typed); the SQLite or errno text to the log.
	 */
	if (status >= 500) {
		const char *what, *detail;
		enum failure_kind fk = failure_get(&what, &detail);
		if (fk != FAILURE_NONE) {
			fprintf(stderr, "xueshi: %s %s: %s: %s: %s\n", match->name,
			    c->req->path ? c->req->path : "", failure_code(fk), what, detail);
			if (c->page == NULL) {
				render_error_code(c, 503, failure_code(fk));
				return;
			}
			xml_attr(xml_node(c->page, "storage-error"), "code", failure_code(fk));
			http_header_add(c->resp, "Retry-After", "60");
			status = 503;
		}
	}
	if (status == 303) {
		c->resp->status = 303;
		return;
	}
	if (c->raw_body && (status == 200 || (c->route->flags & ROUTE_RAW_ANY_STATUS))) {
		c->resp->status = status;
		return;
	}
	if (status >= 400 && c->page == NULL) {
		render_error(c, status);
		return;
	}
	if (c->page == NULL) {
		render_error(c, 500);
		return;
	}
	c->resp->status = status;
	if (render_respond_with(c->resp, c->page, c->stylesheet,
	    render_wants_xml(c->req), c->xsl_params) < 0)
		render_error(c, 500);
}

/* ------------------------------------------------------------ one request */

int
app_parse_clock(const char *s, long long *now)
{
	int y, mo, d, h, mi, sec, oh = 0, om = 0, n = 0;
	char sign = 0;
	struct tm tm;
	time_t t;

	if (*s >= '0' && *s <= '9' && strspn(s, "0123456789") == strlen(s) && strlen(s) <= 12) {
		*now = atoll(s);
		return 0;
	}
	if (sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &sec, &n) != 6 || n != 19)
		return -1;
	s += n;
	if (strcmp(s, "Z") != 0) {
		if ((s[0] != '+' && s[0] != '-') || strlen(s) != 6 || s[3] != ':' ||
		    sscanf(s + 1, "%2d:%2d", &oh, &om) != 2 || oh > 14 || om > 59)
			return -1;
		sign = s[0];
	}
	if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60)
		return -1;
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = sec;
	if ((t = timegm(&tm)) == (time_t)-1)
		return -1;
	*now = (long long)t - (sign == '-' ? -1 : sign == '+' ? 1 : 0) * (oh * 3600LL + om * 60LL);
	return 0;
}

struct worker {
	const struct program *prog;
	struct config cfg;
	struct db *db;
};

static void
worker_db(struct worker *w)
{
	if (w->db == NULL && (w->db = db_open(w->cfg.db_path, 0)) != NULL)
		/* Each teacher-year's kept result changes in the transaction that changes it. */
		db_set_commit_hook(w->db, assess_commit_hook, NULL);
}

static void
serve_one(struct worker *w, const struct http_source *src,
    int (*write_fn)(void *, const char *, size_t), void *wctx)
{
	arena *a = arena_new();
	struct http_request req;
	struct http_response resp;
	struct ctx c;
	int rc;

	if (a == NULL) {
		static const char oom[] = "Status: 500 Internal Server Error\r\n"
		    "Content-Type: text/plain\r\n\r\n";
		write_fn(wctx, oom, sizeof(oom) - 1);
		return;
	}
	worker_db(w);
	rc = http_parse(&req, a, src, &w->cfg.limits, w->cfg.tmp_dir);
	memset(&c, 0, sizeof(c));
	c.a = a;
	c.now = c.wall = (long long)time(NULL);
	/* The tests' movable clock: only under the test switch, and only a well-formed value. */
	if (w->cfg.fault_injection && rc == 0 && req.clock_at != NULL)
		app_parse_clock(req.clock_at, &c.now);
	c.cfg = &w->cfg;
	c.db = w->db;
	c.req = &req;
	c.resp = &resp;
	app_handle(w->prog, &c, rc);
	/* The tests' fault injection: say whether the fault fired (db_request_done disarms it). */
	if (w->cfg.fault_injection && w->db != NULL && db_fault_fired(w->db))
		http_header_add(&resp, "X-Xueshi-Fault", "fired");
	http_write(&resp, req.method == HTTP_HEAD, write_fn, wctx);
	/* Nothing of this request survives into the next: no cursor left stepping. */
	db_request_done(w->db);
	arena_free(a);
}

/* -------------------------------------------------------------- FastCGI */

static const char *
fcgi_param(void *ctx, const char *name)
{
	FCGX_Request *rq = ctx;
	return FCGX_GetParam(name, rq->envp);
}

static long
fcgi_read(void *ctx, char *buf, size_t len)
{
	FCGX_Request *rq = ctx;
	int want = len > 1 << 30 ? 1 << 30 : (int)len;
	int n = FCGX_GetStr(buf, want, rq->in);
	int err;

	if (n < want && (err = FCGX_GetError(rq->in)) != 0)
		/* The web server's side of the connection failed: say how, for the log. */
		fprintf(stderr, "xueshi: reading the request body from the web server: %s\n",
		    err > 0 ? strerror(err) : "FastCGI protocol error (the connection ended)");
	return n < 0 ? -1 : n;
}

static int
fcgi_write(void *ctx, const char *buf, size_t len)
{
	FCGX_Stream *out = ctx;

	while (len > 0) {
		int chunk = len > 1 << 20 ? 1 << 20 : (int)len;
		if (FCGX_PutStr(buf, chunk, out) != chunk)
			return -1;
		buf += chunk;
		len -= (size_t)chunk;
	}
	return 0;
}

/* The worker's resident memory in bytes (0 when /proc cannot say). */
static size_t
resident_bytes(void)
{
	long pages = 0, resident = 0;
	FILE *f = fopen("/proc/self/statm", "r");

	if (f == NULL)
		return 0;
	if (fscanf(f, "%ld %ld", &pages, &resident) != 2 || resident < 0)
		resident = 0;
	fclose(f);
	return (size_t)resident * (size_t)sysconf(_SC_PAGESIZE);
}

/*
 * XUESHI_MEMORY_LOG=N: one line every N requests with the worker's resident
 * memory, the heap malloc holds (in use, and free but kept), and SQLite's
 * share with its page cache: what of a worker's growth is a bounded cache
 * and what would be a leak (bench/rush --soak reads these lines).
 */
static void
log_memory(struct worker *w, long served)
{
	long long heap = 0, cache = 0;
	struct mallinfo2 mi = mallinfo2();

	db_memory(w->db, &heap, &cache);
	fprintf(stderr, "%s[%ld]: memory after %ld requests: rss %zu kB, malloc in use %zu kB,"
	    " free kept %zu kB, sqlite %lld kB (page cache %lld kB)\n", w->prog->name, (long)getpid(),
	    served, resident_bytes() / 1024, (mi.uordblks + mi.hblkhd) / 1024,
	    mi.fordblks / 1024, heap / 1024, cache / 1024);
}

/*
 * After a request that needed much memory (a batch print of 300 cards builds
 * some 300 MB of documents for 6 MB of HTML), malloc keeps what was freed
 * inside its heap, and the worker would stay that big for good. When more
 * than TRIM_KEPT bytes are free but kept and the worker is resident beyond
 * what is in use by more than that, the free pages go back to the system.
 * (malloc still counts them as free after: hence the look at /proc, which
 * only a worker with that much free heap pays for.)
 */
#define TRIM_KEPT ((size_t)32 << 20)

/*
 * mallinfo2 walks malloc's free lists (2% of a dashboard's time when asked
 * after every request): asked after a request that took TRIM_AFTER_MS or
 * more (those that need much memory are slow: a batch print takes seconds),
 * and every TRIM_CHECK_EVERY requests besides.
 */
#define TRIM_AFTER_MS 50
#define TRIM_CHECK_EVERY 64

static void
give_back_memory(void)
{
	struct mallinfo2 mi = mallinfo2();
	size_t rss;

	if (mi.fordblks <= TRIM_KEPT)
		return;
	rss = resident_bytes();
	if (rss > mi.uordblks + mi.hblkhd + TRIM_KEPT)
		malloc_trim(0);
}

/* Milliseconds of the monotonic clock. */
static long long
mono_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/*
 * The graceful stop (SIGUSR1 from the master). libfcgi's own handler has no
 * SA_RESTART, so a stop that came while a worker read a request's body cut
 * the read short (EINTR), and the request was answered 400 as if the client
 * had sent too little (bench/durability saw it when the master stopped with
 * nginx's worker still passing requests). Ours is blocked while a request is
 * served: the request ends whole, then the worker stops. Outside a request
 * it interrupts accept() and tells libfcgi to return from FCGX_Accept_r.
 */
static volatile sig_atomic_t worker_stop;

static void
on_worker_stop(int sig)
{
	(void)sig;
	worker_stop = 1;
	FCGX_ShutdownPending();
}

static int
fcgi_loop(struct worker *w, int sock)
{
	FCGX_Request rq;
	long served = 0;
	struct sigaction sa;
	sigset_t usr1;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_worker_stop; /* no SA_RESTART: accept() must return */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGUSR1, &sa, NULL);
	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	if (FCGX_InitRequest(&rq, sock, 0) != 0)
		return 1;
	while (!worker_stop && FCGX_Accept_r(&rq) >= 0) {
		struct http_source src = { fcgi_param, fcgi_read, &rq };
		long long t0 = mono_ms();
		sigprocmask(SIG_BLOCK, &usr1, NULL);
		serve_one(w, &src, fcgi_write, rq.out);
		FCGX_Finish_r(&rq);
		served++;
		if (mono_ms() - t0 >= TRIM_AFTER_MS || served % TRIM_CHECK_EVERY == 0)
			give_back_memory();
		if (w->cfg.memory_log_every > 0 && served % w->cfg.memory_log_every == 0)
			log_memory(w, served);
		/* A stop that came meanwhile is delivered here, and ends the loop. */
		sigprocmask(SIG_UNBLOCK, &usr1, NULL);
	}
	FCGX_Free(&rq, 1);
	return 0;
}

/* ------------------------------------------------------------------ CGI */

static const char *
cgi_param(void *ctx, const char *name)
{
	(void)ctx;
	if (strcmp(name, "HTTP_PROXY") == 0)
		return NULL; /* httpoxy */
	return getenv(name);
}

static long
cgi_read(void *ctx, char *buf, size_t len)
{
	(void)ctx;
	for (;;) {
		ssize_t n = read(STDIN_FILENO, buf, len);
		if (n < 0 && errno == EINTR)
			continue;
		return n;
	}
}

static int
cgi_write(void *ctx, const char *buf, size_t len)
{
	(void)ctx;
	return fwrite(buf, 1, len, stdout) == len ? 0 : -1;
}

/* -------------------------------------------------------------- prefork */

static volatile sig_atomic_t stop_requested;

static void
on_stop(int sig)
{
	(void)sig;
	stop_requested = 1;
}

static int
worker_main(struct worker *w, int sock)
{
	int rc;

	if (render_init(w->cfg.xsl_dir) < 0 || auth_init(w->cfg.tmp_dir) < 0) {
		fprintf(stderr, "%s: cannot set up XSLT or libsodium\n", w->prog->name);
		return 1;
	}
	rc = fcgi_loop(w, sock);
	db_close(w->db);
	w->db = NULL;
	render_cleanup();
	return rc;
}

static pid_t
spawn_worker(struct worker *w, int sock)
{
	pid_t pid = fork();

	if (pid == 0) {
		signal(SIGTERM, SIG_DFL);
		signal(SIGINT, SIG_IGN);
		signal(SIGHUP, SIG_DFL);
		/* exit, not _exit: LeakSanitizer checks a worker as it ends. */
		exit(worker_main(w, sock));
	}
	return pid;
}

/*
 * 127.A.B.C:PORT or localhost:PORT, nothing else: libfcgi binds every
 * address for ":PORT" and takes anything it cannot parse as a unix path
 * (so "::1:PORT" would become a socket file named like that).
 */
static int
loopback_spec(const char *spec)
{
	const char *colon = strrchr(spec, ':'), *p;
	unsigned a, b, c, d;
	char tail;
	long port;

	if (colon == NULL || colon[1] == '\0' || strlen(colon + 1) > 5)
		return 0;
	for (p = colon + 1; *p != '\0'; p++)
		if (*p < '0' || *p > '9')
			return 0;
	port = strtol(colon + 1, NULL, 10);
	if (port < 1 || port > 65535)
		return 0;
	if ((size_t)(colon - spec) == 9 && strncmp(spec, "localhost", 9) == 0)
		return 1;
	if (sscanf(spec, "%3u.%3u.%3u.%3u%c", &a, &b, &c, &d, &tail) != 5 || tail != ':')
		return 0;
	return a == 127 && b < 256 && c < 256 && d < 256 &&
	    strspn(spec, "0123456789.") == (size_t)(colon - spec);
}

static int
open_listen(const char *spec)
{
	int sock;

	if (strncmp(spec, "unix:", 5) == 0) {
		const char *path = spec + 5;
		mode_t old;
		unlink(path);
		old = umask(007);
		sock = FCGX_OpenSocket(path, 128);
		umask(old);
		if (sock >= 0)
			chmod(path, 0660);
	} else {
		if (!loopback_spec(spec)) {
			fprintf(stderr, "xueshi: refusing to listen on %s: use a unix socket or loopback\n", spec);
			return -1;
		}
		sock = FCGX_OpenSocket(spec, 128);
	}
	if (sock < 0)
		fprintf(stderr, "xueshi: cannot listen on %s\n", spec);
	return sock;
}

static int
prefork(struct worker *w, const char *spec, int nworkers, const char *pidfile)
{
	pid_t *pids;
	long long *started;
	int *fast;
	int sock;
	struct sigaction sa;

	sock = open_listen(spec);
	if (sock < 0)
		return 1;
	if (pidfile != NULL) {
		FILE *f = fopen(pidfile, "w");
		if (f != NULL) {
			fprintf(f, "%ld\n", (long)getpid());
			fclose(f);
		}
	}
	pids = calloc((size_t)nworkers, sizeof(*pids));
	started = calloc((size_t)nworkers, sizeof(*started));
	fast = calloc((size_t)nworkers, sizeof(*fast));
	if (pids == NULL || started == NULL || fast == NULL)
		return 1;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	for (int i = 0; i < nworkers; i++) {
		pids[i] = spawn_worker(w, sock);
		started[i] = mono_ms();
	}
	while (!stop_requested) {
		int status;
		pid_t dead = wait(&status);
		if (dead < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		for (int i = 0; i < nworkers; i++) {
			if (pids[i] != dead)
				continue;
			if (WIFSIGNALED(status))
				fprintf(stderr, "%s: worker %ld killed by signal %d, restarting\n",
				    w->prog->name, (long)dead, WTERMSIG(status));
			else
				fprintf(stderr, "%s: worker %ld exited with %d, restarting\n",
				    w->prog->name, (long)dead, WEXITSTATUS(status));
			if (stop_requested)
				break;
			/*
			 * A worker that served a while is replaced at once, however
			 * many die together (kill -9 of them all, the OOM killer);
			 * one that dies within a second of its start again and again
			 * waits 50 ms, then 100, 200 ... up to 2 s: never a spin.
			 */
			if (mono_ms() - started[i] < 1000)
				fast[i]++;
			else
				fast[i] = 0;
			if (fast[i] > 0) {
				long ms = 50L << (fast[i] > 6 ? 6 : fast[i] - 1);
				struct timespec d;
				if (ms > 2000)
					ms = 2000;
				d.tv_sec = ms / 1000;
				d.tv_nsec = (ms % 1000) * 1000000L;
				while (nanosleep(&d, &d) != 0 && errno == EINTR && !stop_requested)
					;
			}
			pids[i] = spawn_worker(w, sock);
			started[i] = mono_ms();
		}
	}
	/*
	 * SIGUSR1 is libfcgi's graceful stop: a worker finishes its request and
	 * returns from its loop (so LeakSanitizer sees it end). Whoever is
	 * still there after 3 s gets SIGTERM, libfcgi's hard stop.
	 */
	for (int i = 0; i < nworkers; i++)
		if (pids[i] > 0)
			kill(pids[i], SIGUSR1);
	for (int tries = 0; tries < 60; tries++) {
		int left = 0;
		for (int i = 0; i < nworkers; i++) {
			if (pids[i] <= 0)
				continue;
			if (waitpid(pids[i], NULL, WNOHANG) == pids[i])
				pids[i] = 0;
			else
				left++;
		}
		if (left == 0)
			break;
		usleep(50 * 1000);
	}
	for (int i = 0; i < nworkers; i++)
		if (pids[i] > 0)
			kill(pids[i], SIGTERM);
	for (int i = 0; i < nworkers; i++)
		if (pids[i] > 0)
			waitpid(pids[i], NULL, 0);
	free(pids);
	free(started);
	free(fast);
	close(sock);
	if (strncmp(spec, "unix:", 5) == 0)
		unlink(spec + 5);
	if (pidfile != NULL)
		unlink(pidfile);
	return 0;
}

static void
usage(const char *name)
{
	fprintf(stderr,
	    "usage: %s                      (FastCGI on fd 0, or CGI)\n"
	    "       %s --listen unix:PATH|127.0.0.1:PORT [--workers N] [--pidfile FILE]\n"
	    "       %s --migrate           (apply database migrations and exit)\n",
	    name, name, name);
}

/*
 * malloc's per-thread cache (tcache) keeps 7 freed chunks of each small size
 * by default. A page frees thousands of small chunks at its end (the source
 * document, the transformation's result tree, the serializer's buffers);
 * past the 7 they go to malloc's bins, and the next request's first large
 * allocation merges them all (malloc_consolidate) only for the small ones
 * to be split again: a quarter of a dashboard's instructions were malloc's.
 * With room for TCACHE_COUNT of each size a request's chunks are reused as
 * they are, and the dashboard costs 13% fewer instructions (callgrind; see
 * bench/RESULTS.md). What the cache can keep is bounded: TCACHE_COUNT of
 * each of its 64 sizes (16 to 1,032 bytes), at most 34 MB, in practice a few
 * hundred kB; the give-back after a big request is unaffected beyond that.
 *
 * The count is a glibc tunable, read from GLIBC_TUNABLES when the process
 * starts and settable no other way. A FastCGI program (one that serves many
 * requests) that finds no tcache_count there sets it and executes itself
 * again, once; an operator's own glibc.malloc.tcache_count wins, as does
 * XUESHI_MALLOC_TUNE=off. Plain CGI (one request per process) is left as is.
 */
#define TCACHE_COUNT "1024"

static void
tune_malloc(char **argv)
{
	const char *cur = getenv("GLIBC_TUNABLES");
	const char *off = getenv("XUESHI_MALLOC_TUNE");
	char self[4096], tun[1024];
	ssize_t n;

	if (off != NULL && strcmp(off, "off") == 0)
		return;
	if (cur != NULL && strstr(cur, "glibc.malloc.tcache_count") != NULL)
		return;
	/* The binary itself (valgrind reports its client's here, not its own). */
	n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (n <= 0 || (size_t)n >= sizeof(self) - 1)
		return;
	self[n] = '\0';
	if (cur != NULL && cur[0] != '\0')
		n = snprintf(tun, sizeof(tun), "%s:glibc.malloc.tcache_count=" TCACHE_COUNT, cur);
	else
		n = snprintf(tun, sizeof(tun), "glibc.malloc.tcache_count=" TCACHE_COUNT);
	if (n < 0 || (size_t)n >= sizeof(tun))
		return;
	if (setenv("GLIBC_TUNABLES", tun, 1) != 0)
		return;
	execv(self, argv);
	/* Not executed (the binary moved, say): serve with malloc as it is. */
	fprintf(stderr, "xueshi: executing %s again with GLIBC_TUNABLES: %s\n", self, strerror(errno));
	if (cur != NULL)
		setenv("GLIBC_TUNABLES", cur, 1);
	else
		unsetenv("GLIBC_TUNABLES");
}

int
app_main(const struct program *prog, int argc, char **argv)
{
	struct worker w;
	const char *listen_spec = NULL, *pidfile = NULL;
	int nworkers = 2, migrate_only = 0;

	memset(&w, 0, sizeof(w));
	w.prog = prog;
	failure_install();
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--listen") == 0 && i + 1 < argc)
			listen_spec = argv[++i];
		else if (strcmp(argv[i], "--workers") == 0 && i + 1 < argc) {
			nworkers = atoi(argv[++i]);
			if (nworkers < 1 || nworkers > 256) {
				usage(prog->name);
				return 2;
			}
		} else if (strcmp(argv[i], "--pidfile") == 0 && i + 1 < argc)
			pidfile = argv[++i];
		else if (strcmp(argv[i], "--migrate") == 0)
			migrate_only = 1;
		else {
			usage(prog->name);
			return 2;
		}
	}
	if (listen_spec != NULL || (!migrate_only && !FCGX_IsCGI()))
		tune_malloc(argv);
	if (config_load(&w.cfg) < 0)
		return 2;
	/* libfcgi waits for the server to close after each response unless told not to. */
	setenv("LIBFCGI_OS_CLOSE_POLL_TIMEOUT", "0", 0);

	if (listen_spec != NULL || migrate_only) {
		/* Bring the schema up to date before any worker opens the database. */
		struct db *db = db_open(w.cfg.db_path, 1);
		int applied = 0;
		if (db == NULL)
			return 1;
		if (db_migrate(db, w.cfg.migrations_dir, &applied) != DB_OK) {
			db_close(db);
			return 1;
		}
		db_close(db);
		if (migrate_only)
			return 0;
	}
	if (FCGX_Init() != 0)
		return 1;
	if (listen_spec != NULL)
		return prefork(&w, listen_spec, nworkers, pidfile);
	if (!FCGX_IsCGI())
		return worker_main(&w, 0);

	/* Plain CGI: one request from the environment and stdin. */
	{
		struct http_source src = { cgi_param, cgi_read, NULL };
		if (render_init(w.cfg.xsl_dir) < 0 || auth_init(w.cfg.tmp_dir) < 0)
			return 1;
		serve_one(&w, &src, cgi_write, NULL);
		fflush(stdout);
		db_close(w.db);
		render_cleanup();
	}
	return 0;
}

int
app_status(enum db_result r)
{
	switch (r) {
	case DB_OK:
		return 200;
	case DB_NOTFOUND:
		return 404;
	case DB_CONSTRAINT:
		return 409;
	case DB_BUSY:
		return 503;
	default:
		return 500;
	}
}
