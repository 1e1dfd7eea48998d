/* pages/settings.c - see settings.h */
#include "pages/settings.h"

#include "core/form.h"
#include "core/render.h"
#include "store/audit.h"
#include "store/settings.h"

#include <stdio.h>
#include <string.h>

/* The settings as the form's values (GET: what is saved). */
static void
settings_values(struct form *f, const struct district_settings *s)
{
	char buf[32];
	xmlNodePtr v;
	struct { const char *name, *value; } t[] = {
		{ "name", s->name }, { "authority", s->authority }, { "stamp_text", s->stamp_text },
		{ "card_title", s->card_title }, { "summary_title", s->summary_title },
		{ "time_zone", s->time_zone }, { "year_start_md", s->year_start_md },
	};

	if (f->node == NULL)
		return;
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (*t[i].value && (v = xml_text(f->node, "value", t[i].value)) != NULL)
			xml_attr(v, "name", t[i].name);
	snprintf(buf, sizeof(buf), "%lld", s->utc_offset_minutes);
	if ((v = xml_text(f->node, "value", buf)) != NULL)
		xml_attr(v, "name", "utc_offset_minutes");
	if (s->self_registration && (v = xml_text(f->node, "value", "1")) != NULL)
		xml_attr(v, "name", "self_registration");
}

/* <district code> and, on a GET, the form with what is saved. */
static int
settings_doc(struct ctx *c, xmlNodePtr *root, struct district_settings *s)
{
	enum db_result r;
	xmlNodePtr d;

	if ((*root = app_page(c, "district-settings")) == NULL)
		return 500;
	if ((r = store_district_settings(c->db, c->a, c->user->district_id, s)) != DB_OK)
		return app_status(r);
	if ((d = xml_node(*root, "district")) == NULL)
		return 500;
	xml_attr(d, "code", s->code);
	xml_attr(d, "name", s->name);
	return 200;
}

int
settings_page(struct ctx *c)
{
	struct district_settings s;
	xmlNodePtr root;
	struct form f;
	int status = settings_doc(c, &root, &s);

	if (status != 200)
		return status;
	if (app_field_present(c, "saved"))
		xml_node(root, "saved");
	form_begin(&f, c, "settings");
	settings_values(&f, &s);
	return 200;
}

/* MM-DD: a day of every year (29 February is not). */
static int
month_day_valid(const char *s)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int m, d;

	if (strlen(s) != 5 || s[2] != '-' || strspn(s, "0123456789-") != 5 || s[0] == '-' ||
	    s[1] == '-' || s[3] == '-' || s[4] == '-')
		return 0;
	m = (s[0] - '0') * 10 + (s[1] - '0');
	d = (s[3] - '0') * 10 + (s[4] - '0');
	return m >= 1 && m <= 12 && d >= 1 && d <= days[m - 1];
}

/* An IANA zone name's characters: Asia/Shanghai, Etc/GMT-8, UTC. */
static int
zone_valid(const char *s)
{
	size_t n = strlen(s);

	return n >= 1 && n <= 64 &&
	    strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/_+-") == n &&
	    s[0] != '/' && strstr(s, "..") == NULL;
}

struct save {
	struct ctx *c;
	const struct district_settings *before, *after;
};

static void
settings_json(struct audit_json *j, const struct district_settings *s)
{
	audit_json_str(j, "name", s->name);
	audit_json_str(j, "authority", s->authority);
	audit_json_str(j, "stamp_text", s->stamp_text);
	audit_json_str(j, "card_title", s->card_title);
	audit_json_str(j, "summary_title", s->summary_title);
	audit_json_int(j, "self_registration", s->self_registration);
	audit_json_str(j, "time_zone", s->time_zone);
	audit_json_int(j, "utc_offset_minutes", s->utc_offset_minutes);
	audit_json_str(j, "year_start_md", s->year_start_md);
}

static enum db_result
save_tx(struct db *db, void *arg)
{
	struct save *k = arg;
	struct audit_entry e = { 0 };
	struct audit_json before, after;
	enum db_result r;

	if ((r = store_district_settings_set(db, k->after)) != DB_OK)
		return r;
	audit_json_begin(&before, k->c->a);
	settings_json(&before, k->before);
	audit_json_begin(&after, k->c->a);
	settings_json(&after, k->after);
	e.account_id = k->c->user->id;
	e.district_id = k->after->id;
	e.action = "district_settings";
	e.object_type = "district";
	e.object_id = k->after->id;
	e.before = audit_json_end(&before);
	e.after = audit_json_end(&after);
	e.client = k->c->req->remote_addr;
	if (e.before == NULL || e.after == NULL)
		return DB_ERROR;
	return audit_write(db, &e);
}

int
settings_save(struct ctx *c)
{
	struct district_settings old, s;
	struct save k;
	xmlNodePtr root;
	struct form f;
	enum db_result r;
	int status = settings_doc(c, &root, &old);

	if (status != 200)
		return status;
	form_begin(&f, c, "settings");
	if (app_field_present(c, "time_zone") && !zone_valid(app_field_text(c, "time_zone")))
		form_error(&f, "time_zone", "bad_time_zone");
	if (app_field_present(c, "year_start_md") && !month_day_valid(app_field_text(c, "year_start_md")))
		form_error(&f, "year_start_md", "bad_month_day");
	if (f.errors > 0)
		return 422;
	s = old;
	s.name = app_field_text(c, "name");
	s.authority = app_field_text(c, "authority");
	s.stamp_text = app_field_text(c, "stamp_text");
	s.card_title = app_field_text(c, "card_title");
	s.summary_title = app_field_text(c, "summary_title");
	s.self_registration = app_field_present(c, "self_registration") ? 1 : 0;
	s.time_zone = app_field_text(c, "time_zone");
	s.utc_offset_minutes = app_field_int(c, "utc_offset_minutes");
	s.year_start_md = app_field_text(c, "year_start_md");
	k.c = c;
	k.before = &old;
	k.after = &s;
	if ((r = store_tx(c->db, save_tx, &k)) != DB_OK)
		return app_status(r);
	return app_redirect(c, "/district/settings?saved=1");
}
