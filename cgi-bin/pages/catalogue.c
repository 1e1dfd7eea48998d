/* pages/catalogue.c - see catalogue.h */
#include "pages/catalogue.h"

#include "core/form.h"
#include "core/render.h"
#include "domain/catalogue.h"
#include "domain/rules.h"
#include "store/audit.h"
#include "store/catalogue_edit.h"
#include "store/policy.h"

#include <stdio.h>
#include <string.h>

const char *const catalogue_rule_types[] = {
	"per_unit", "tiered_level", "as_certified", "points_quarters", "per_term",
	"roster", "trainee_multiplier", "once_per_certificate", "participant_limit", NULL
};
const char *const catalogue_roles[] = { "leader", "member", NULL };
const char *const catalogue_dirs[] = { "up", "down", NULL };

static const char *const tier_names[LEVEL__MAX] = {
	"tier_school", "tier_district", "tier_city", "tier_province", "tier_national"
};

static void
xml_hours(xmlNodePtr n, struct ctx *c, const char *name, long long t)
{
	xml_attr(n, name, app_hours(c, t));
}

/* ------------------------------------------------------- the year */

/* The year of the catalogue, under root: <year id label current confirmed/>. */
static int
year_node(struct ctx *c, xmlNodePtr root, long long year, struct year_policy *p)
{
	enum db_result r;
	xmlNodePtr y;

	if ((r = store_year_policy(c->db, c->a, year, p)) != DB_OK)
		return app_status(r);
	if ((y = xml_node(root, "year")) == NULL)
		return 500;
	xml_attr_int(y, "id", p->year_id);
	xml_attr(y, "label", p->label);
	if (p->is_current)
		xml_attr(y, "current", "1");
	xml_attr_int(y, "confirmed", p->confirmed);
	return 200;
}

static xmlNodePtr
group_node(struct ctx *c, xmlNodePtr parent, const struct group_edit *g)
{
	xmlNodePtr n = xml_node(parent, "group");

	if (n == NULL)
		return NULL;
	xml_attr_int(n, "id", g->id);
	xml_attr(n, "code", g->code);
	xml_hours(n, c, "cap", g->cap_tenths);
	xml_attr_int(n, "items", g->items);
	xml_text(n, "name", g->name);
	return n;
}

static int
groups_node(struct ctx *c, xmlNodePtr root, long long year)
{
	xmlNodePtr list = xml_node(root, "groups");
	struct group_edit *g;
	size_t n;
	enum db_result r;

	if (list == NULL)
		return 500;
	if ((r = store_catalogue_groups(c->db, c->a, year, &g, &n)) != DB_OK)
		return app_status(r);
	for (size_t i = 0; i < n; i++)
		if (group_node(c, list, &g[i]) == NULL)
			return 500;
	return 200;
}

/* <item .../> as the list and the group page show it. */
static xmlNodePtr
item_node(struct ctx *c, xmlNodePtr parent, const struct item_edit *e)
{
	xmlNodePtr n = xml_node(parent, "item");
	const struct setup_item *it = &e->it;

	if (n == NULL)
		return NULL;
	xml_attr_int(n, "id", e->id);
	xml_attr(n, "code", it->code);
	xml_attr(n, "rule-type", it->rule_type);
	xml_hours(n, c, "hours", it->hours_tenths);
	if (it->cap_tenths > 0)
		xml_hours(n, c, "cap", it->cap_tenths);
	if (e->group_id > 0) {
		xml_attr_int(n, "group", e->group_id);
		xml_attr(n, "group-name", e->group_name);
		xml_hours(n, c, "group-cap", e->group_cap_tenths);
	}
	if (it->normative)
		xml_attr(n, "normative", "1");
	if (it->needs_project)
		xml_attr(n, "needs-project", "1");
	if (!it->evidence_required)
		xml_attr(n, "no-evidence", "1");
	if (!it->active)
		xml_attr(n, "retired", "1");
	xml_attr(n, "asks", it->asks);
	xml_attr_int(n, "records", e->records);
	xml_text(n, "category", it->category);
	xml_text(n, "name", it->name);
	xml_text(n, "unit", it->unit);
	if (*it->conditions)
		xml_text(n, "conditions", it->conditions);
	if (*it->exclusions)
		xml_text(n, "exclusions", it->exclusions);
	if (*it->organisers)
		xml_text(n, "organisers", it->organisers);
	return n;
}

int
catalogue_current(struct ctx *c)
{
	struct year_policy *v;
	size_t n;
	enum db_result r;

	if ((r = store_district_years(c->db, c->a, c->user->district_id, &v, &n)) != DB_OK)
		return app_status(r);
	for (size_t i = 0; i < n; i++)
		if (v[i].is_current)
			return app_redirect(c, arena_printf(c->a, "/district/years/%lld/catalogue",
			    v[i].year_id));
	return app_redirect(c, "/district/years");
}

/* The catalogue page's document: the year, its groups and items (with their count and hours). */
static int
catalogue_doc(struct ctx *c, xmlNodePtr *root, long long year, struct year_policy *y)
{
	struct item_edit *v;
	long long total = 0, active = 0;
	xmlNodePtr list;
	size_t n;
	enum db_result r;
	int status;

	if ((*root = app_page(c, "district-catalogue")) == NULL)
		return 500;
	if ((status = year_node(c, *root, year, y)) != 200 ||
	    (status = groups_node(c, *root, year)) != 200)
		return status;
	if ((list = xml_node(*root, "items")) == NULL)
		return 500;
	if ((r = store_catalogue_items(c->db, c->a, year, &v, &n)) != DB_OK)
		return app_status(r);
	for (size_t i = 0; i < n; i++) {
		if (item_node(c, list, &v[i]) == NULL)
			return 500;
		if (v[i].it.active) {
			total += v[i].it.hours_tenths;
			active++;
		}
	}
	xml_attr_int(list, "active", active);
	xml_hours(list, c, "hours", total);
	return 200;
}

int
catalogue_page(struct ctx *c)
{
	struct year_policy y;
	xmlNodePtr root;
	int status = catalogue_doc(c, &root, c->id[0], &y);

	if (status == 200 && app_field_present(c, "saved"))
		xml_node(root, "saved");
	return status;
}

/* ------------------------------------------------------- the item form */

/* A saved item as the form's values. */
static void
item_values(struct ctx *c, struct form *f, const struct item_edit *e)
{
	const struct setup_item *it = &e->it;
	const struct item_params *p = &e->p;

	form_value(f, "code", it->code);
	form_value(f, "category", it->category);
	form_value(f, "name", it->name);
	form_value(f, "hours", app_hours(c, it->hours_tenths));
	form_value(f, "unit", it->unit);
	form_value(f, "conditions", it->conditions);
	form_value(f, "exclusions", it->exclusions);
	form_value(f, "organisers", it->organisers);
	form_value(f, "rule_type", it->rule_type);
	if (it->normative)
		form_value(f, "normative", "1");
	if (it->evidence_required)
		form_value(f, "evidence_required", "1");
	if (it->needs_project)
		form_value(f, "needs_project", "1");
	if (it->cap_tenths > 0)
		form_value(f, "cap", app_hours(c, it->cap_tenths));
	if (e->group_id > 0)
		form_value(f, "group", arena_printf(c->a, "%lld", e->group_id));
	for (int k = 0; catalogue_asks[k] != NULL; k++)
		if (catalogue_asks_has(it->asks, catalogue_asks[k]))
			form_value(f, arena_printf(c->a, "ask_%s", catalogue_asks[k]), "1");
	switch (p->type) {
	case RULE_TIERED_LEVEL:
		for (int l = 0; l < LEVEL__MAX; l++)
			if (p->tiers[l] > 0)
				form_value(f, tier_names[l], app_hours(c, p->tiers[l]));
		break;
	case RULE_AS_CERTIFIED:
		form_value(f, "certified_max", app_hours(c, p->certified_max));
		break;
	case RULE_POINTS_QUARTERS:
		form_value(f, "points_base", arena_printf(c->a, "%lld", p->points_base));
		form_value(f, "points_gain", arena_printf(c->a, "%lld", p->points_gain));
		form_value(f, "points_hours", app_hours(c, p->points_hours));
		form_value(f, "points_max", app_hours(c, p->points_max));
		form_value(f, "points_threshold", arena_printf(c->a, "%lld", p->points_threshold));
		break;
	case RULE_ROSTER:
		if (p->addon_video > 0)
			form_value(f, "addon_video", app_hours(c, p->addon_video));
		break;
	case RULE_TRAINEE_MULTIPLIER:
		form_value(f, "excellent_percent", arena_printf(c->a, "%d", p->excellent_percent));
		form_value(f, "quota_percent", arena_printf(c->a, "%d", p->quota_percent));
		break;
	case RULE_PARTICIPANT_LIMIT:
		form_value(f, "participant_role", p->participant_leader ? "leader" : "member");
		form_value(f, "participant_limit", arena_printf(c->a, "%d", p->participant_limit));
		break;
	default:
		break;
	}
}

/* An hours field in tenths: 0 when blank, -1 after a field error. */
static long long
hours_field(struct ctx *c, struct form *f, const char *name)
{
	long long t;

	if (!app_field_present(c, name))
		return 0;
	if ((t = rules_hours_parse(app_field_text(c, name))) < 0) {
		form_error(f, name, "bad_hours");
		return -1;
	}
	return t;
}

/* Lines typed in a text box, trimmed, blank lines dropped, joined by "\n". */
static const char *
lines(struct ctx *c, const char *s)
{
	size_t n = strlen(s), k = 0;
	char *out = arena_alloc(c->a, n + 1);

	if (out == NULL)
		return NULL;
	while (*s) {
		const char *e = s + strcspn(s, "\r\n");
		const char *b = s;
		while (b < e && (*b == ' ' || *b == '\t'))
			b++;
		const char *t = e;
		while (t > b && (t[-1] == ' ' || t[-1] == '\t'))
			t--;
		if (t > b) {
			if (k > 0)
				out[k++] = '\n';
			memcpy(out + k, b, (size_t)(t - b));
			k += (size_t)(t - b);
		}
		s = e;
		while (*s == '\r' || *s == '\n')
			s++;
	}
	out[k] = '\0';
	return out;
}

/*
 * The form's item into *e (year, id and group set by the caller's form):
 * 0, or the number of field errors (on the form).
 */
static int
item_from_form(struct ctx *c, struct form *f, struct item_edit *e)
{
	struct setup_item *it = &e->it;
	struct item_params *p = &e->p;
	const char *field, *code;
	char json[256], asks[80];
	size_t k = 0;

	it->code = app_field_text(c, "code");
	it->category = app_field_text(c, "category");
	it->name = app_field_text(c, "name");
	it->unit = app_field_text(c, "unit");
	it->conditions = lines(c, app_field_text(c, "conditions"));
	it->exclusions = lines(c, app_field_text(c, "exclusions"));
	it->organisers = lines(c, app_field_text(c, "organisers"));
	if (it->conditions == NULL || it->exclusions == NULL || it->organisers == NULL)
		return -1;
	it->normative = app_field_present(c, "normative");
	it->evidence_required = app_field_present(c, "evidence_required");
	it->needs_project = app_field_present(c, "needs_project");
	if (app_field_present(c, "code") && !catalogue_code_valid(it->code))
		form_error(f, "code", "bad_item_code");
	it->hours_tenths = hours_field(c, f, "hours");
	if ((it->cap_tenths = hours_field(c, f, "cap")) == 0)
		it->cap_tenths = -1;
	e->group_id = app_field_int(c, "group");
	asks[0] = '\0';
	for (int a = 0; catalogue_asks[a] != NULL; a++) {
		char name[32];
		snprintf(name, sizeof(name), "ask_%s", catalogue_asks[a]);
		if (app_field_present(c, name))
			k += (size_t)snprintf(asks + k, sizeof(asks) - k, "%s%s", k ? " " : "",
			    catalogue_asks[a]);
	}
	it->asks = arena_strdup(c->a, asks);

	memset(p, 0, sizeof(*p));
	p->type = app_field_present(c, "rule_type") ? (int)app_field_int(c, "rule_type") : -1;
	it->rule_type = p->type >= 0 ? catalogue_rule_types[p->type] : "";
	for (int l = 0; l < LEVEL__MAX; l++)
		p->tiers[l] = hours_field(c, f, tier_names[l]);
	p->certified_max = hours_field(c, f, "certified_max");
	p->points_base = app_field_int(c, "points_base");
	p->points_gain = app_field_int(c, "points_gain");
	p->points_hours = hours_field(c, f, "points_hours");
	p->points_max = hours_field(c, f, "points_max");
	p->points_threshold = app_field_int(c, "points_threshold");
	p->addon_video = hours_field(c, f, "addon_video");
	p->excellent_percent = app_field_present(c, "excellent_percent") ?
	    (int)app_field_int(c, "excellent_percent") : 125;
	p->quota_percent = app_field_present(c, "quota_percent") ?
	    (int)app_field_int(c, "quota_percent") : 10;
	p->participant_leader = app_field_present(c, "participant_role") &&
	    app_field_int(c, "participant_role") == 0;
	p->participant_limit = (int)app_field_int(c, "participant_limit");
	if (f->errors > 0 || it->asks == NULL)
		return f->errors > 0 ? f->errors : -1;
	if (p->type == RULE_PARTICIPANT_LIMIT && !app_field_present(c, "participant_role"))
		form_error(f, "participant_role", "required");
	if ((field = catalogue_params_check(p, it->hours_tenths, &code)) != NULL)
		form_error(f, field, code);
	if (f->errors > 0)
		return f->errors;
	if (catalogue_params_json(p, json, sizeof(json)) < 0 ||
	    (it->params = arena_strdup(c->a, json)) == NULL)
		return -1;
	return 0;
}

static void
item_json(struct audit_json *j, const struct item_edit *e)
{
	const struct setup_item *it = &e->it;

	audit_json_str(j, "code", it->code);
	audit_json_str(j, "category", it->category);
	audit_json_str(j, "name", it->name);
	audit_json_int(j, "hours_tenths", it->hours_tenths);
	audit_json_str(j, "unit", it->unit);
	audit_json_str(j, "rule_type", it->rule_type);
	audit_json_str(j, "params", it->params);
	audit_json_int(j, "cap_tenths", it->cap_tenths);
	audit_json_int(j, "cap_group_id", e->group_id);
	audit_json_int(j, "normative", it->normative);
	audit_json_int(j, "evidence_required", it->evidence_required);
	audit_json_int(j, "needs_project", it->needs_project);
	audit_json_str(j, "asks", it->asks);
	audit_json_int(j, "active", it->active);
}

/* ------------------------------------------------- changes and impact */

enum change_kind { CH_ITEM_SAVE, CH_ITEM_ACTIVE, CH_GROUP_SAVE, CH_GROUP_ITEMS, CH_GROUP_DELETE };

struct change {
	struct ctx *c;
	enum change_kind kind;
	long long year;
	const struct item_edit *before;   /* items: NULL for a new one */
	struct item_edit *item;
	int active;
	const struct group_edit *group_before;
	struct group_edit *group;
	const long long *items;
	size_t nitems;
	long long id;                     /* out: the item's or group's id */
};

static enum db_result
apply(struct db *db, void *arg)
{
	struct change *k = arg;

	switch (k->kind) {
	case CH_ITEM_SAVE:
		return store_item_save(db, k->item, &k->id);
	case CH_ITEM_ACTIVE:
		k->id = k->item->id;
		return store_item_set_active(db, k->item->id, k->active);
	case CH_GROUP_SAVE:
		return store_group_save(db, k->group, &k->id);
	case CH_GROUP_ITEMS:
		k->id = k->group->id;
		return store_group_set_items(db, k->year, k->group->id, k->items, k->nitems);
	case CH_GROUP_DELETE:
		k->id = k->group->id;
		return store_group_delete(db, k->group->id);
	}
	return DB_ERROR;
}

static const char *const action_names[] = {
	[CH_ITEM_SAVE] = "catalogue_item", [CH_ITEM_ACTIVE] = "catalogue_item",
	[CH_GROUP_SAVE] = "catalogue_group", [CH_GROUP_ITEMS] = "catalogue_group",
	[CH_GROUP_DELETE] = "catalogue_group_delete",
};

static enum db_result
apply_tx(struct db *db, void *arg)
{
	struct change *k = arg;
	struct audit_entry e = { 0 };
	struct audit_json before, after;
	enum db_result r;

	if ((r = apply(db, arg)) != DB_OK)
		return r;
	audit_json_begin(&before, k->c->a);
	audit_json_begin(&after, k->c->a);
	switch (k->kind) {
	case CH_ITEM_SAVE:
	case CH_ITEM_ACTIVE:
		if (k->before != NULL)
			item_json(&before, k->before);
		item_json(&after, k->item);
		if (k->kind == CH_ITEM_ACTIVE)
			audit_json_int(&after, "active", k->active);
		e.object_type = "item";
		break;
	default:
		if (k->group_before != NULL) {
			audit_json_str(&before, "code", k->group_before->code);
			audit_json_str(&before, "name", k->group_before->name);
			audit_json_int(&before, "cap_tenths", k->group_before->cap_tenths);
		}
		if (k->kind != CH_GROUP_DELETE) {
			audit_json_str(&after, "code", k->group->code);
			audit_json_str(&after, "name", k->group->name);
			audit_json_int(&after, "cap_tenths", k->group->cap_tenths);
		}
		if (k->kind == CH_GROUP_ITEMS)
			audit_json_ints(&after, "items", k->items, k->nitems);
		e.object_type = "cap_group";
		break;
	}
	e.account_id = k->c->user->id;
	e.district_id = k->c->user->district_id;
	e.action = action_names[k->kind];
	e.object_id = k->id;
	e.before = audit_json_end(&before);
	e.after = audit_json_end(&after);
	e.client = k->c->req->remote_addr;
	if (e.before == NULL || e.after == NULL)
		return DB_ERROR;
	return audit_write(db, &e);
}

void
catalogue_impact_node(struct ctx *c, xmlNodePtr root, const struct impact *im)
{
	xmlNodePtr n = xml_node(root, "impact");

	if (n == NULL)
		return;
	xml_attr_int(n, "teachers", im->teachers);
	xml_attr_int(n, "changed", im->changed);
	xml_attr_int(n, "pass-to-fail", im->pass_to_fail);
	xml_attr_int(n, "fail-to-pass", im->fail_to_pass);
	xml_attr_int(n, "confirmed", im->confirmed);
	for (size_t i = 0; i < im->nrows; i++) {
		const struct impact_row *r = &im->rows[i];
		xmlNodePtr t = xml_node(n, "teacher");
		if (t == NULL)
			return;
		xml_attr_int(t, "teacher-year", r->teacher_year_id);
		xml_attr(t, "name", r->name);
		xml_attr(t, "school", r->school);
		xml_hours(t, c, "before", r->before_tenths);
		xml_hours(t, c, "after", r->after_tenths);
		xml_attr(t, "before-pass", r->before_pass ? "1" : "0");
		xml_attr(t, "after-pass", r->after_pass ? "1" : "0");
		if (r->confirmed)
			xml_attr(t, "confirmed", "1");
	}
}

/*
 * Save k's change: refused (409) when the year is not current or when it
 * would alter results of a year with a confirmed school; shown (200, not
 * saved) when it alters results and confirm was not given; else saved.
 * Returns 0 when saved (k->id set), else the status of the page to show.
 */
static int
change_save(struct ctx *c, xmlNodePtr root, const struct year_policy *y, struct change *k)
{
	struct impact im;
	enum db_result r;

	if (!y->is_current) {
		xml_attr(xml_node(root, "refused"), "code", "year_not_current");
		return 409;
	}
	if ((r = store_catalogue_impact(c->db, c->a, k->year, apply, k, &im)) != DB_OK)
		return r == DB_CONSTRAINT ? -409 : app_status(r);
	if (im.confirmed > 0) {
		xml_attr(xml_node(root, "refused"), "code", "catalogue_locked");
		catalogue_impact_node(c, root, &im);
		return 409;
	}
	if (im.changed > 0 && !app_field_present(c, "confirm")) {
		catalogue_impact_node(c, root, &im);
		return 200;
	}
	if ((r = store_tx(c->db, apply_tx, k)) != DB_OK)
		return r == DB_CONSTRAINT ? -409 : app_status(r);
	return 0;
}

static int
item_form_doc(struct ctx *c, xmlNodePtr *root, long long year, struct year_policy *y)
{
	int status;

	if ((*root = app_page(c, "district-item")) == NULL)
		return 500;
	if ((status = year_node(c, *root, year, y)) != 200)
		return status;
	return groups_node(c, *root, year);
}

int
catalogue_new_page(struct ctx *c)
{
	struct year_policy y;
	xmlNodePtr root;
	struct form f;
	int status = item_form_doc(c, &root, c->id[0], &y);

	if (status != 200)
		return status;
	form_begin(&f, c, "item");
	form_value(&f, "evidence_required", "1");
	form_value(&f, "rule_type", "per_unit");
	return 200;
}

static int
item_post(struct ctx *c, long long year, const struct item_edit *before)
{
	struct year_policy y;
	struct item_edit e;
	struct change k;
	xmlNodePtr root;
	struct form f;
	int status = item_form_doc(c, &root, year, &y), errs;

	if (status != 200)
		return status;
	if (before != NULL)
		item_node(c, root, before);
	form_begin(&f, c, "item");
	memset(&e, 0, sizeof(e));
	e.year_id = year;
	e.id = before != NULL ? before->id : 0;
	if ((errs = item_from_form(c, &f, &e)) < 0)
		return 500;
	if (errs > 0)
		return 422;
	e.it.active = before != NULL ? before->it.active : 1;
	e.it.sort_order = before != NULL ? before->it.sort_order : 0;
	memset(&k, 0, sizeof(k));
	k.c = c;
	k.kind = CH_ITEM_SAVE;
	k.year = year;
	k.before = before;
	k.item = &e;
	if ((status = change_save(c, root, &y, &k)) == -409) {
		form_error(&f, "code", "item_code_taken");
		return 422;
	}
	if (status != 0)
		return status;
	return app_redirect(c, arena_printf(c->a, "/district/years/%lld/catalogue?saved=1#item-%lld",
	    year, k.id));
}

int
catalogue_new_post(struct ctx *c)
{
	return item_post(c, c->id[0], NULL);
}

int
catalogue_item_page(struct ctx *c)
{
	struct item_edit e;
	struct year_policy y;
	xmlNodePtr root;
	struct form f;
	enum db_result r;
	int status;

	if ((r = store_item_load(c->db, c->a, c->id[0], &e)) != DB_OK)
		return app_status(r);
	if ((status = item_form_doc(c, &root, e.year_id, &y)) != 200)
		return status;
	if (item_node(c, root, &e) == NULL)
		return 500;
	form_begin(&f, c, "item");
	item_values(c, &f, &e);
	return 200;
}

int
catalogue_item_post(struct ctx *c)
{
	struct item_edit e;
	enum db_result r;

	if ((r = store_item_load(c->db, c->a, c->id[0], &e)) != DB_OK)
		return app_status(r);
	return item_post(c, e.year_id, &e);
}

struct move {
	long long item;
	int dir;
};

static enum db_result
move_tx(struct db *db, void *arg)
{
	const struct move *m = arg;

	return store_item_move(db, m->item, m->dir);
}

/* The order changes no result: nothing to show before saving, nothing audited. */
int
catalogue_item_move(struct ctx *c)
{
	struct item_edit e;
	struct year_policy y;
	struct move m;
	enum db_result r;

	if ((r = store_item_load(c->db, c->a, c->id[0], &e)) != DB_OK ||
	    (r = store_year_policy(c->db, c->a, e.year_id, &y)) != DB_OK)
		return app_status(r);
	if (!y.is_current) {
		xmlNodePtr root;
		int status = catalogue_doc(c, &root, e.year_id, &y);
		if (status != 200)
			return status;
		xml_attr(xml_node(root, "refused"), "code", "year_not_current");
		return 409;
	}
	m.item = e.id;
	m.dir = app_field_int(c, "dir") == 0 ? -1 : 1;
	if ((r = store_tx(c->db, move_tx, &m)) != DB_OK)
		return app_status(r);
	return app_redirect(c, arena_printf(c->a, "/district/years/%lld/catalogue#item-%lld",
	    e.year_id, e.id));
}

static int
item_active(struct ctx *c, int active)
{
	struct item_edit e, after;
	struct year_policy y;
	struct change k;
	xmlNodePtr root;
	enum db_result r;
	int status;

	if ((r = store_item_load(c->db, c->a, c->id[0], &e)) != DB_OK)
		return app_status(r);
	if ((root = app_page(c, "district-item")) == NULL)
		return 500;
	if ((status = year_node(c, root, e.year_id, &y)) != 200)
		return status;
	if (item_node(c, root, &e) == NULL)
		return 500;
	after = e;
	after.it.active = active;
	memset(&k, 0, sizeof(k));
	k.c = c;
	k.kind = CH_ITEM_ACTIVE;
	k.year = e.year_id;
	k.before = &e;
	k.item = &after;
	k.active = active;
	if ((status = change_save(c, root, &y, &k)) != 0)
		return status < 0 ? 409 : status;
	return app_redirect(c, arena_printf(c->a, "/district/years/%lld/catalogue?saved=1#item-%lld",
	    e.year_id, e.id));
}

int
catalogue_item_retire(struct ctx *c)
{
	return item_active(c, 0);
}

int
catalogue_item_restore(struct ctx *c)
{
	return item_active(c, 1);
}

/* ---------------------------------------------------------- groups */

/* The group form's fields into *g: 0, or the errors. */
static int
group_from_form(struct ctx *c, struct form *f, struct group_edit *g)
{
	g->code = app_field_text(c, "code");
	g->name = app_field_text(c, "name");
	if (app_field_present(c, "code") && !catalogue_code_valid(g->code))
		form_error(f, "code", "bad_item_code");
	if (app_field_present(c, "cap") &&
	    ((g->cap_tenths = rules_hours_parse(app_field_text(c, "cap"))) <= 0))
		form_error(f, "cap", g->cap_tenths == 0 ? "out_of_range" : "bad_hours");
	return f->errors;
}

int
catalogue_group_add(struct ctx *c)
{
	struct year_policy y;
	struct group_edit g;
	struct change k;
	xmlNodePtr root;
	struct form f;
	int status;

	if ((status = catalogue_doc(c, &root, c->id[0], &y)) != 200)
		return status;
	form_begin(&f, c, "group");
	memset(&g, 0, sizeof(g));
	g.year_id = c->id[0];
	if (group_from_form(c, &f, &g) > 0)
		return 422;
	memset(&k, 0, sizeof(k));
	k.c = c;
	k.kind = CH_GROUP_SAVE;
	k.year = g.year_id;
	k.group = &g;
	if ((status = change_save(c, root, &y, &k)) == -409) {
		form_error(&f, "code", "group_code_taken");
		return 422;
	}
	if (status != 0)
		return status;
	return app_redirect(c, arena_printf(c->a, "/district/groups/%lld?saved=1", k.id));
}

/* The group page: the group, and every item of its year with whether it is in it. */
static int
group_doc(struct ctx *c, xmlNodePtr *root, struct group_edit *g, struct year_policy *y)
{
	struct item_edit *v;
	xmlNodePtr list;
	size_t n;
	enum db_result r;
	int status;

	if ((r = store_group_load(c->db, c->a, c->id[0], g)) != DB_OK)
		return app_status(r);
	if ((*root = app_page(c, "district-group")) == NULL)
		return 500;
	if ((status = year_node(c, *root, g->year_id, y)) != 200)
		return status;
	if (group_node(c, *root, g) == NULL || (list = xml_node(*root, "items")) == NULL)
		return 500;
	if ((r = store_catalogue_items(c->db, c->a, g->year_id, &v, &n)) != DB_OK)
		return app_status(r);
	for (size_t i = 0; i < n; i++)
		if (v[i].it.active && item_node(c, list, &v[i]) == NULL)
			return 500;
	return 200;
}

int
catalogue_group_page(struct ctx *c)
{
	struct group_edit g;
	struct year_policy y;
	xmlNodePtr root;
	struct form f;
	int status = group_doc(c, &root, &g, &y);

	if (status != 200)
		return status;
	if (app_field_present(c, "saved"))
		xml_node(root, "saved");
	form_begin(&f, c, "group");
	form_value(&f, "code", g.code);
	form_value(&f, "name", g.name);
	form_value(&f, "cap", app_hours(c, g.cap_tenths));
	return 200;
}

static int
group_change(struct ctx *c, enum change_kind kind)
{
	struct group_edit g, after;
	struct year_policy y;
	struct change k;
	xmlNodePtr root;
	struct form f;
	int status = group_doc(c, &root, &g, &y);

	if (status != 200)
		return status;
	form_begin(&f, c, kind == CH_GROUP_SAVE ? "group" : kind == CH_GROUP_ITEMS ?
	    "group-items" : "group-delete");
	if (kind != CH_GROUP_SAVE) {
		form_value(&f, "code", g.code);
		form_value(&f, "name", g.name);
		form_value(&f, "cap", app_hours(c, g.cap_tenths));
	}
	after = g;
	memset(&k, 0, sizeof(k));
	k.c = c;
	k.kind = kind;
	k.year = g.year_id;
	k.group_before = &g;
	k.group = &after;
	if (kind == CH_GROUP_SAVE && group_from_form(c, &f, &after) > 0)
		return 422;
	if (kind == CH_GROUP_ITEMS) {
		k.items = app_field_ids(c, "item", &k.nitems);
		/* The items ticked, to show them ticked again beside the impact. */
		for (size_t i = 0; i < k.nitems; i++)
			xml_attr_int(xml_node(root, "chosen"), "id", k.items[i]);
	}
	if ((status = change_save(c, root, &y, &k)) == -409) {
		form_error(&f, "code", "group_code_taken");
		return 422;
	}
	if (status != 0)
		return status;
	if (kind == CH_GROUP_DELETE)
		return app_redirect(c, arena_printf(c->a, "/district/years/%lld/catalogue?saved=1",
		    g.year_id));
	return app_redirect(c, arena_printf(c->a, "/district/groups/%lld?saved=1", g.id));
}

int
catalogue_group_post(struct ctx *c)
{
	return group_change(c, CH_GROUP_SAVE);
}

int
catalogue_group_items(struct ctx *c)
{
	return group_change(c, CH_GROUP_ITEMS);
}

int
catalogue_group_delete(struct ctx *c)
{
	return group_change(c, CH_GROUP_DELETE);
}
