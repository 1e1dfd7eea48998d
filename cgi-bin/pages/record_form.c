/*
 * record_form.c - registering an activity (登记): the catalogue to choose
 * from, the form that asks exactly what the item's rule needs, and the POST
 * that validates it, computes the claimed hours, checks and stores the
 * evidence, and saves the record (draft or submitted) in one transaction.
 * Shared by the teacher (own records) and the school admin (any teacher of
 * the school): the caller passes the teacher-year it has already scoped.
 */
#include "pages/record_form.h"
#include "store/catalogue.h"
#include "store/record.h"
#include "core/assess.h"
#include "store/audit.h"
#include "core/files.h"
#include "core/form.h"
#include "core/render.h"
#include "domain/catalogue.h"
#include "domain/rules.h"
#include "domain/workflow.h"
#include "pages/deadlines.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* <catalogue> of the teacher-year's school year, filtered by ?q=. */
static int
catalogue_node(struct ctx *c, xmlNodePtr root, long long ty)
{
	xmlNodePtr cat = xml_node(root, "catalogue");
	const char *q = app_field_present(c, "q") ? app_field_text(c, "q") : NULL;
	struct catalogue_item *v;
	size_t n;
	enum db_result r;

	if (cat == NULL)
		return 500;
	if (q != NULL && *q != '\0' && strlen(q) <= 64)
		xml_attr(cat, "q", q);
	else
		q = NULL;
	if ((r = store_catalogue(c->db, c->a, ty, q, &v, &n)) != DB_OK)
		return app_status(r);
	for (size_t i = 0; i < n; i++) {
		xmlNodePtr it = xml_text(cat, "item", v[i].name);
		if (it == NULL)
			return 500;
		xml_attr_int(it, "id", v[i].id);
		xml_attr(it, "code", v[i].code);
		xml_attr(it, "category", v[i].category);
		xml_attr_int(it, "hours-tenths", v[i].hours_tenths);
		xml_attr(it, "unit", v[i].unit);
		xml_attr(it, "rule", v[i].rule_type);
		xml_attr(it, "normative", v[i].normative ? "yes" : "no");
		if (*v[i].conditions)
			xml_attr(it, "conditions", v[i].conditions);
	}
	return 200;
}

/* The item, if it belongs to the teacher-year's catalogue. */
static int
item_for(struct ctx *c, long long ty, long long item_id, struct item_row *it, const char **conditions)
{
	enum db_result r = store_item_in_year(c->db, ty, item_id);

	if (r != DB_OK || (r = store_item_conditions(c->db, c->a, item_id, conditions)) != DB_OK)
		return app_status(r);
	return assess_load_item(c->db, c->a, item_id, it) == DB_OK ? 200 : 500;
}

/*
 * Line k (1-based) of text (lines joined by "\n") into buf, or NULL when
 * there are fewer lines.
 */
static const char *
nth_line(const char *text, long k, char *buf, size_t n)
{
	for (long i = 1; *text; i++) {
		size_t len = strcspn(text, "\n");
		if (i == k) {
			snprintf(buf, n, "%.*s", (int)len, text);
			return buf;
		}
		text += len;
		if (*text == '\n')
			text++;
	}
	return NULL;
}

/* <exclusion n="k">: the cases the item refuses; <organiser-choice>: those it accepts. */
static void
item_lists_nodes(struct ctx *c, xmlNodePtr n, long long item)
{
	const char *excl, *orgs;
	char line[2048];

	if (store_item_lists(c->db, c->a, item, &excl, &orgs) != DB_OK)
		return;
	for (long k = 1; nth_line(excl, k, line, sizeof(line)) != NULL; k++)
		xml_attr_int(xml_text(n, "exclusion", line), "n", k);
	for (long k = 1; nth_line(orgs, k, line, sizeof(line)) != NULL; k++)
		xml_text(n, "organiser-choice", line);
}

static void
item_node(struct ctx *c, xmlNodePtr root, const struct item_row *it, long long ty,
    const char *conditions)
{
	static const char *levels[] = { "school", "district", "city", "province", "national" };
	xmlNodePtr n = xml_text(root, "item", it->name);
	struct training_project *ps;
	size_t np;

	if (n == NULL)
		return;
	xml_attr_int(n, "id", it->id);
	xml_attr(n, "code", it->code);
	xml_attr(n, "category", it->category);
	xml_attr(n, "unit", it->unit);
	xml_attr(n, "rule", it->rule_type);
	xml_attr(n, "asks", it->asks);
	xml_attr_int(n, "hours-tenths", it->hours_tenths);
	xml_attr(n, "normative", it->normative ? "yes" : "no");
	if (*conditions)
		xml_attr(n, "conditions", conditions);
	item_lists_nodes(c, n, it->id);
	if (it->needs_project)
		xml_attr(n, "needs-project", "yes");
	if (strcmp(it->rule_type, "tiered_level") == 0)
		for (int i = 0; i < 5; i++)
			if (it->tiers[i] > 0) {
				xmlNodePtr t = xml_node(n, "tier");
				if (t) {
					xml_attr(t, "level", levels[i]);
					xml_attr_int(t, "hours-tenths", it->tiers[i]);
				}
			}
	if (strcmp(it->rule_type, "roster") == 0 && it->addon_video > 0) {
		xmlNodePtr t = xml_node(n, "addon");
		if (t) {
			xml_attr(t, "name", "video");
			xml_attr_int(t, "hours-tenths", it->addon_video);
		}
	}
	if (strcmp(it->rule_type, "participant_limit") == 0)
		xml_attr(n, "participant-role", it->participant_role);
	/* Training classes: the excellent-trainee quota needs the class and its size. */
	if (strcmp(it->rule_type, "trainee_multiplier") == 0) {
		xml_attr(n, "asks-class", "yes");
		xml_attr_int(n, "quota-percent", it->quota_percent);
	}
	/* The approved projects (审批备案) that credit the item: trainee items' classes among them. */
	if ((it->needs_project || strcmp(it->rule_type, "trainee_multiplier") == 0) &&
	    store_year_projects(c->db, c->a, ty, it->id, &ps, &np) == DB_OK)
		for (size_t i = 0; i < np; i++) {
			xmlNodePtr p = xml_text(n, "project", ps[i].name);
			if (p) {
				xml_attr_int(p, "id", ps[i].id);
				xml_attr(p, "approved", ps[i].approved ? "yes" : "no");
				if (*ps[i].approval_no)
					xml_attr(p, "approval-no", ps[i].approval_no);
				if (ps[i].class_size > 0)
					xml_attr_int(p, "class-size", ps[i].class_size);
				if (ps[i].quota_percent >= 0)
					xml_attr_int(p, "quota-percent", ps[i].quota_percent);
				if (*ps[i].organiser)
					xml_attr(p, "organiser", ps[i].organiser);
			}
		}
}

int
record_form_get(struct ctx *c, long long ty, const char *base)
{
	xmlNodePtr root = app_page(c, "record-new");
	struct item_row it;
	const char *conditions = "";
	long long item_id = 0;
	struct form f;
	int status;

	if (root == NULL)
		return 500;
	xml_attr(root, "base", base);
	xml_attr_int(root, "teacher-year", ty);
	/* Past the caller's deadline the page says so before anything is typed. */
	if ((status = deadline_check_teacher_year(c, ty,
	    c->user->role == ROLE_NAME_TEACHER ? ACTOR_TEACHER : ACTOR_SCHOOL)) == 403)
		xml_attr(xml_node(root, "refused"), "code", "deadline_passed");
	else if (status != 200)
		return status;
	if (!app_field_present(c, "item")) {
		/* ?item= that is not an id names no item of the catalogue */
		if (c->field_errors > 0)
			return 404;
		return catalogue_node(c, root, ty);
	}
	item_id = app_field_int(c, "item");
	if ((status = item_for(c, ty, item_id, &it, &conditions)) != 200)
		return status;
	item_node(c, root, &it, ty, conditions);
	form_begin(&f, c, "record");
	return 200;
}

/* Hours as typed ("12", "12.5"): tenths, or -1 after an error. */
static long long
form_hours(struct form *f, const char *name)
{
	const char *v = form_text(f, name, 1, 8, 0, 0);
	long long t;

	if (v == NULL)
		return -1;
	if ((t = rules_hours_parse(v)) < 0)
		form_error(f, name, "bad_hours");
	return t;
}

/* "CN 11-1234/G4": the journal's national serial number. */
static int
cn_valid(const char *s)
{
	const char *p = s;

	if (strncmp(p, "CN", 2) != 0)
		return 0;
	p += 2;
	if (*p == ' ')
		p++;
	for (int i = 0; i < 2; i++, p++)
		if (*p < '0' || *p > '9')
			return 0;
	if (*p++ != '-')
		return 0;
	for (int i = 0; i < 4; i++, p++)
		if (*p < '0' || *p > '9')
			return 0;
	if (*p == '/') {
		p++;
		if (!((*p >= 'A' && *p <= 'Z')))
			return 0;
		while ((*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9'))
			p++;
	}
	return *p == '\0';
}

/* ISBN-13 with its check digit (hyphens and spaces allowed). */
static int
isbn_valid(const char *s)
{
	int digits[13], n = 0, sum = 0;

	if (strncmp(s, "ISBN", 4) == 0)
		s += 4;
	for (; *s; s++) {
		if (*s >= '0' && *s <= '9') {
			if (n == 13)
				return 0;
			digits[n++] = *s - '0';
		} else if (*s != '-' && *s != ' ')
			return 0;
	}
	if (n != 13 || !(digits[0] == 9 && digits[1] == 7 && (digits[2] == 8 || digits[2] == 9)))
		return 0;
	for (int i = 0; i < 12; i++)
		sum += digits[i] * (i % 2 ? 3 : 1);
	return (10 - sum % 10) % 10 == digits[12];
}

int
record_cn_valid(const char *s)
{
	return cn_valid(s);
}

int
record_isbn_valid(const char *s)
{
	return isbn_valid(s);
}

static int asks(const struct item_row *it, const char *what);

/*
 * What the district's notice refuses (migration 0011): a record that states
 * one of the item's exclusions (the form's "excluded" box, its line number)
 * is refused with that line; with 'organiser' asked and a list given, the
 * organiser must be one of the list. 200, or 500.
 */
static int
item_refusals(struct ctx *c, struct form *f, const struct item_row *it, const char *organiser)
{
	const char *excl, *orgs, *said = form_text(f, "excluded", 0, 8, 0, 0);
	char line[2048];
	int found = 0;

	if (store_item_lists(c->db, c->a, it->id, &excl, &orgs) != DB_OK)
		return 500;
	if (said != NULL && *said) {
		char *end;
		long k = strtol(said, &end, 10);
		if (*end == '\0' && k > 0 && nth_line(excl, k, line, sizeof(line)) != NULL)
			form_error_detail(f, "excluded", "excluded", line);
		else
			form_error(f, "excluded", "invalid");
	}
	if (organiser != NULL && *organiser && asks(it, "organiser") && *orgs) {
		for (long k = 1; !found && nth_line(orgs, k, line, sizeof(line)) != NULL; k++)
			found = strcmp(line, organiser) == 0;
		if (!found)
			form_error(f, "organiser", "organiser_not_listed");
	}
	return 200;
}

static int
asks(const struct item_row *it, const char *what)
{
	return catalogue_asks_has(it->asks, what);
}

/* Keep an uploaded file (checked before) and attach it to record (inside the save's transaction). */
static enum db_result
save_evidence(struct ctx *c, struct db *db, long long record, const struct http_file *f,
    const struct evidence_info *info)
{
	char name[4 * FILES_NAME_MAX + 1];

	if (files_store(c->cfg->evidence_dir, f->path, info) != FILES_OK)
		return DB_ERROR;
	return store_evidence_add(db, record, info->sha256, (long long)info->size, info->content_type,
	    files_safe_name(f->filename, name, sizeof(name)), c->user->id);
}

/*
 * The hours the rules would count, cap effects included: assessed inside
 * the transaction that has just saved the record exactly as saving would
 * (the same statement, as submitted), which is then rolled back; the form
 * gets <preview/>. Nothing is kept.
 */
static int
preview(const struct assessment *a, long long id, long long claimed, xmlNodePtr formnode)
{
	xmlNodePtr p;

	if ((p = xml_node(formnode, "preview")) == NULL)
		return 500;
	xml_attr_int(p, "claimed-tenths", claimed);
	for (size_t i = 0; i < a->nlines; i++)
		if (a->lines[i].record_id == id) {
			xml_attr_int(p, "claimed-tenths", a->lines[i].claimed_tenths);
			xml_attr_int(p, "counted-tenths", a->lines[i].counted_tenths);
			xml_attr(p, "cut", a->lines[i].cut);
			if (a->lines[i].cap_name)
				xml_attr(p, "cap", a->lines[i].cap_name);
		}
	xml_attr_int(p, "year-total-tenths", a->confirmed_tenths + a->pending_tenths);
	return 200;
}

/* The form came from the bulk registration page. */
static int
bulk_requested(struct ctx *c)
{
	return app_field_present(c, "bulk");
}

/* Where a save's transaction stopped (the handler turns it into the page). */
enum save_fail { SAVE_OK, SAVE_PREVIEW, SAVE_NOT_ALLOWED, SAVE_ROW, SAVE_AFTER };

struct save {
	struct ctx *c;
	const long long *tys;
	size_t nty;
	long long record_id, district;
	int action, want_bulk;
	size_t nfiles;
	const struct evidence_info *infos;
	struct record_write w;      /* the values; teacher_year_id and bulk_id set per record */
	/* out */
	long long id, bulk_id;
	enum save_fail fail;
	struct assessment assessment; /* SAVE_PREVIEW */
	enum db_result assessed;
};

/* Every record, its evidence and audit row (store_tx); a preview rolls back. */
static enum db_result
save_tx(struct db *db, void *arg)
{
	struct save *t = arg;
	struct ctx *c = t->c;
	enum db_result dr;

	if (t->want_bulk && (dr = store_next_bulk_id(db, &t->bulk_id)) != DB_OK) {
		t->bulk_id = 0;
		return dr;
	}
	t->w.bulk_id = t->bulk_id;
	for (size_t k = 0; k < t->nty; k++) {
		struct audit_json after;
		struct audit_entry e = { 0 };
		t->w.teacher_year_id = t->tys[k];
		if ((dr = store_record_save(db, &t->w, t->record_id, &t->id)) == DB_NOTFOUND) {
			t->fail = SAVE_NOT_ALLOWED;
			return dr;
		}
		if (dr != DB_OK) {
			t->fail = SAVE_ROW;
			return dr;
		}
		if (t->action == 2) {
			t->assessed = assess_teacher_year(db, c->a, t->tys[k], &t->assessment);
			t->fail = SAVE_PREVIEW;
			return DB_CONSTRAINT; /* roll back: nothing is kept */
		}
		for (size_t i = 0; i < c->req->nfiles && dr == DB_OK; i++)
			if (strcmp(c->req->files[i].field, "evidence") == 0)
				dr = save_evidence(c, db, t->id, &c->req->files[i], &t->infos[i]);
		if (dr == DB_OK) {
			audit_json_begin(&after, c->a);
			audit_json_str(&after, "state", t->action == 1 ? "submitted" : "draft");
			audit_json_int(&after, "item", t->w.item_id);
			audit_json_int(&after, "claimed_tenths", t->w.claimed_tenths);
			audit_json_int(&after, "files", (long long)t->nfiles);
			e.account_id = c->user->id;
			e.district_id = t->district;
			e.action = t->action == 1 ? "record_submit" : t->record_id > 0 ? "record_edit" :
			    "record_create";
			e.object_type = "record";
			e.object_id = t->id;
			e.after = audit_json_end(&after);
			e.client = c->req->remote_addr;
			dr = e.after == NULL ? DB_ERROR : audit_write(db, &e);
		}
		if (dr != DB_OK) {
			t->fail = SAVE_AFTER;
			return dr;
		}
	}
	return DB_OK;
}

/*
 * Validate the form once and save one record for each of the nty
 * teacher-years (one, or many for a bulk registration: then the records
 * share a new bulk_id and the evidence files are stored once and linked to
 * every record), all in one transaction with one audit entry per record.
 */
static int
save(struct ctx *c, const long long *tys, size_t nty, const char *base, long long district,
    long long record_id, const char *refuse)
{
	long long ty = tys[0];
	static const char *const levels[] = { "school", "district", "city", "province", "national" };
	static const char *const trainee_roles[] = { "trainee", "excellent" };
	static const char *const actions[] = { "draft", "submit", "preview" };
	xmlNodePtr root = app_page(c, "record-new");
	struct record_row r;
	struct item_row it;
	const char *conditions = "";
	struct form f;
	struct evidence_info *infos = NULL;
	const char *organiser, *description, *cn = "", *isbn = "", *field = NULL, *error = NULL;
	long long item_id = 0, claimed = 0, project = 0;
	int status, action, first_author = -1;
	char points_json[128] = "", path[96];
	size_t nfiles = 0;
	struct save t;
	enum db_result dr;

	if (root == NULL)
		return 500;
	xml_attr(root, "base", base);
	xml_attr_int(root, "teacher-year", ty);
	if (record_id > 0)
		xml_attr(root, "form-action", arena_printf(c->a, "%s/records/%lld/edit", base, record_id));
	form_begin(&f, c, "record");
	if (form_int(&f, "item", 1, 1, 1LL << 53, &item_id) != 0)
		return 422;
	/* Once the school handed its year in (or the district confirmed it), nothing is added. */
	{
		int locked = 0;
		for (size_t k = 0; k < nty && !locked; k++) {
			const char *ys;
			if ((dr = store_teacher_year_state(c->db, c->a, tys[k], &ys)) != DB_OK)
				return app_status(dr);
			locked = *ys && strcmp(ys, "open") != 0;
		}
		if (locked && record_id > 0) {
			/* A record the district returned goes back up while the year is handed in. */
			struct record_lock l;
			if ((dr = store_record_lock(c->db, c->a, record_id, &l)) != DB_OK &&
			    dr != DB_NOTFOUND)
				return app_status(dr);
			if (dr == DB_OK && strcmp(l.year_state, "submitted") == 0 &&
			    workflow_allowed_handed_in((enum record_state)workflow_state_parse(l.state),
			    RA_EDIT, c->user->role == ROLE_NAME_TEACHER ? ACTOR_TEACHER : ACTOR_SCHOOL,
			    l.district_returned))
				locked = 0;
		}
		if (locked) {
			form_error(&f, "item", "year_locked");
			return 409;
		}
	}

	if ((status = item_for(c, ty, item_id, &it, &conditions)) != 200)
		return status;
	item_node(c, root, &it, ty, conditions);

	memset(&r, 0, sizeof(r));
	r.item_id = item_id;
	r.quantity = r.certified_tenths = -1;
	for (int i = 0; i < 4; i++)
		r.points[i] = -1;
	r.level = r.role = r.certificate_no = r.certificate_on = "";
	r.started_on = form_date(&f, "started_on", 1);
	r.ended_on = form_date(&f, "ended_on", 1);
	if (r.started_on && r.ended_on && *r.started_on && *r.ended_on &&
	    strcmp(r.ended_on, r.started_on) < 0)
		form_error(&f, "ended_on", "ends_before_start");
	organiser = form_text(&f, "organiser", asks(&it, "organiser"), 100, 0, 0);
	description = form_text(&f, "description", 0, 1000, 1, 0);
	if ((status = item_refusals(c, &f, &it, organiser)) != 200)
		return status;
	action = form_choice(&f, "action", 1, actions, 3);

	if (strcmp(it.rule_type, "per_unit") == 0 || strcmp(it.rule_type, "per_term") == 0 ||
	    strcmp(it.rule_type, "tiered_level") == 0)
		form_int(&f, "quantity", 1, 1, 1000, &r.quantity);
	if (strcmp(it.rule_type, "tiered_level") == 0) {
		int k = form_choice(&f, "level", 1, levels, 5);
		r.level = k >= 0 ? levels[k] : "";
	}
	if (strcmp(it.rule_type, "as_certified") == 0)
		r.certified_tenths = form_hours(&f, "certified");
	if (strcmp(it.rule_type, "points_quarters") == 0) {
		static const char *q[] = { "q1", "q2", "q3", "q4" };
		for (int i = 0; i < 4; i++) {
			long long v = -1;
			if (form_int(&f, q[i], 0, 0, 10000000, &v) == 0)
				r.points[i] = v;
		}
		snprintf(points_json, sizeof(points_json), "[%lld,%lld,%lld,%lld]",
		    r.points[0], r.points[1], r.points[2], r.points[3]);
	}
	if (strcmp(it.rule_type, "roster") == 0)
		r.video = app_field_present(c, "video");
	if (strcmp(it.rule_type, "trainee_multiplier") == 0) {
		int k = form_choice(&f, "role", 1, trainee_roles, 2);
		r.role = k >= 0 ? trainee_roles[k] : "";
	}
	if (strcmp(it.rule_type, "participant_limit") == 0)
		r.role = it.participant_role;
	if (asks(&it, "certificate") || strcmp(it.rule_type, "once_per_certificate") == 0 ||
	    strcmp(it.rule_type, "participant_limit") == 0) {
		r.certificate_no = form_text(&f, "certificate_no", 1, 64, 0, 0);
		r.certificate_on = form_date(&f, "certificate_on",
		    strcmp(it.rule_type, "once_per_certificate") == 0 ||
		    strcmp(it.rule_type, "participant_limit") == 0);
		if (r.certificate_no == NULL)
			r.certificate_no = "";
		if (r.certificate_on == NULL)
			r.certificate_on = "";
	}
	if (asks(&it, "cn")) {
		cn = form_text(&f, "cn", 1, 32, 0, 0);
		if (cn != NULL && *cn && !cn_valid(cn))
			form_error(&f, "cn", "bad_cn");
		if (cn == NULL)
			cn = "";
	}
	if (asks(&it, "isbn")) {
		isbn = form_text(&f, "isbn", 1, 32, 0, 0);
		if (isbn != NULL && *isbn && !isbn_valid(isbn))
			form_error(&f, "isbn", "bad_isbn");
		if (isbn == NULL)
			isbn = "";
	}
	if (asks(&it, "first_author")) {
		first_author = app_field_present(c, "first_author");
		if (!first_author)
			form_error(&f, "first_author", "first_author_only");
	}
	if (it.needs_project || strcmp(it.rule_type, "trainee_multiplier") == 0) {
		/* An excellent trainee needs the class (project) so the quota can be kept. */
		int need = it.needs_project || strcmp(r.role, "excellent") == 0;
		if (form_int(&f, "project", need, 1, 1LL << 53, &project) == 0) {
			const char *pstate, *preason;
			dr = store_project_in_year(c->db, c->a, ty, item_id, project, &pstate, &preason);
			if (dr == DB_NOTFOUND)
				form_error(&f, "project", "invalid");
			else if (dr != DB_OK)
				return app_status(dr);
			else if (strcmp(pstate, "approved") != 0)
				/* Filed and not yet decided, or rejected (with the district's reason). */
				form_error_detail(&f, "project", "project_not_approved", preason);
		}
	}
	/* Activities belong to their school year (a certificate item: its certificate's date). */
	{
		const char *ys, *ye;
		int by_certificate = strcmp(it.rule_type, "once_per_certificate") == 0 ||
		    strcmp(it.rule_type, "participant_limit") == 0;
		if ((dr = store_year_bounds(c->db, c->a, ty, &ys, &ye)) != DB_OK)
			return app_status(dr);
		if (by_certificate && *r.certificate_on &&
		    rules_in_year(r.certificate_on, r.certificate_on, ys, ye) == RULES_OUTSIDE_YEAR)
			form_error_range(&f, "certificate_on", "outside_year", ys, ye);
		else if (!by_certificate && r.started_on && r.ended_on && *r.started_on &&
		    *r.ended_on && rules_in_year(r.started_on, r.ended_on, ys, ye) == RULES_OUTSIDE_YEAR)
			form_error_range(&f, "started_on", "outside_year", ys, ye);
	}
	/*
	 * Excellent trainees: at most quota_percent of the class (its size is the
	 * project's max_participants). Counted in people, this registration's
	 * teachers included, drafts and rejected records not.
	 */
	if (strcmp(it.rule_type, "trainee_multiplier") == 0 && strcmp(r.role, "excellent") == 0 &&
	    project > 0 && f.errors == 0) {
		long long size = 0, taken = 0, allowed;
		int quota = it.quota_percent > 0 && it.quota_percent <= 100 ? it.quota_percent : 100;
		int own = -1;  /* the class's own quota (审批备案), else the item's */
		if ((dr = store_excellent_taken(c->db, project, record_id, &size, &taken, &own)) != DB_OK)
			return app_status(dr);
		if (own >= 0 && own <= 100)
			quota = own;
		allowed = size * quota / 100;
		if (size <= 0)
			form_error(&f, "project", "class_size_unknown");
		else if (action != 0 && taken + (long long)nty > allowed)
			form_error_detail(&f, "role", "excellent_quota",
			    arena_printf(c->a, "%lld / %lld", allowed, size));
	}
	/* Per-term items: at most the terms of the year (policy.terms_per_year). */
	if (strcmp(it.rule_type, "per_term") == 0 && r.quantity > 0) {
		int terms = 0;
		if ((dr = store_year_terms(c->db, ty, &terms)) != DB_OK)
			return app_status(dr);
		if (terms > 0 && r.quantity > terms)
			form_error_detail(&f, "quantity", "terms_over", arena_printf(c->a, "%d", terms));
	}
	if (f.errors == 0 && assess_claim(&it, &r, &claimed, &field, &error) != 0)
		form_error(&f, field, error);

	/* Evidence: every file checked before anything is saved. */
	infos = arena_alloc(c->a, (c->req->nfiles + 1) * sizeof(*infos));
	if (infos == NULL)
		return 500;
	for (size_t i = 0; i < c->req->nfiles; i++) {
		const struct http_file *hf = &c->req->files[i];
		enum files_result fr;
		if (strcmp(hf->field, "evidence") != 0)
			continue;
		fr = hf->over_limit ? FILES_TOO_BIG :
		    files_check(hf->path, hf->filename, c->cfg->limits.max_upload, &infos[i]);
		if (fr != FILES_OK) {
			xmlNodePtr e = xml_node(f.node, "form-error");
			f.errors++;
			if (e) {
				xml_attr(e, "field", "evidence");
				xml_attr(e, "code", files_code(fr));
				xml_attr(e, "file", hf->filename);
			}
		} else
			nfiles++;
	}
	if (action == 1 && nfiles == 0 && f.errors == 0 && record_id > 0) {
		long long have = 0;
		if ((dr = store_record_evidence_count(c->db, record_id, &have)) != DB_OK)
			return app_status(dr);
		nfiles = (size_t)have;
	}
	if (action == 1 && nfiles == 0 && f.errors == 0)
		form_error(&f, "evidence", "evidence_required");
	if (refuse != NULL) /* the caller found a problem of its own: show the form, save nothing */
		form_error(&f, "teachers", refuse);
	/*
	 * The actor's deadline (pages/deadlines.h), checked once every field is
	 * echoed: the page keeps the input, nothing is saved.
	 */
	for (size_t k = 0; k < nty; k++) {
		int ds = deadline_check_teacher_year(c, tys[k],
		    c->user->role == ROLE_NAME_TEACHER ? ACTOR_TEACHER : ACTOR_SCHOOL);
		if (ds == 403) {
			form_error(&f, "item", "deadline_passed");
			xml_attr(xml_node(root, "refused"), "code", "deadline_passed");
			return 403;
		}
		if (ds != 200)
			return ds;
	}
	if (f.errors)
		return 422;
	if (action == 2 && nty > 1)
		action = 1; /* no preview of a bulk registration: it is saved as submitted */
	memset(&t, 0, sizeof(t));
	t.c = c;
	t.tys = tys;
	t.nty = nty;
	t.record_id = record_id;
	t.action = action;
	t.nfiles = nfiles;
	t.infos = infos;
	t.district = district;
	t.want_bulk = nty > 1 || bulk_requested(c);
	t.w.item_id = item_id;
	t.w.project_id = project;
	t.w.started_on = r.started_on;
	t.w.ended_on = r.ended_on;
	t.w.quantity = r.quantity;
	t.w.level = r.level;
	t.w.certified_tenths = r.certified_tenths;
	t.w.points = points_json;
	t.w.addons = strcmp(it.rule_type, "roster") == 0 ? (r.video ? "[\"video\"]" : "[]") : NULL;
	t.w.role = r.role;
	t.w.certificate_no = r.certificate_no;
	t.w.certificate_on = r.certificate_on;
	t.w.cn = cn;
	t.w.isbn = isbn;
	t.w.first_author = first_author;
	t.w.organiser = organiser;
	t.w.description = description;
	t.w.claimed_tenths = claimed;
	/* A preview saves as a submission would, then rolls back. */
	t.w.state = action != 0 ? "submitted" : "draft";
	t.w.created_by = c->user->id;
	dr = store_tx(c->db, save_tx, &t);
	switch (t.fail) {
	case SAVE_PREVIEW:
		if (t.assessed != DB_OK)
			return app_status(t.assessed);
		return preview(&t.assessment, t.id, claimed, f.node);
	case SAVE_NOT_ALLOWED:
		/* Not (or no longer) a draft or a returned record of this year: nothing changes. */
		form_error(&f, "item", "not_allowed");
		return 409;
	case SAVE_ROW:
		if (t.bulk_id > 0 && dr != DB_BUSY) {
			/* A bulk registration failed part-way: nothing of it is kept. */
			form_error(&f, "teachers", "bulk_failed");
			return 409;
		}
		return app_status(dr);
	case SAVE_AFTER:
		if (t.bulk_id > 0) {
			form_error(&f, "teachers", "bulk_failed");
			return dr == DB_BUSY ? 503 : 409;
		}
		return app_status(dr);
	case SAVE_OK:
		break;
	}
	if (dr != DB_OK)
		return app_status(dr);
	if (t.bulk_id > 0)
		snprintf(path, sizeof(path), "/school/bulk?done=%lld", t.bulk_id);
	else
		snprintf(path, sizeof(path), "%s/records/%lld", base, t.id);
	return app_redirect(c, path);
}

int
record_form_post(struct ctx *c, long long ty, const char *base, long long district)
{
	return save(c, &ty, 1, base, district, 0, NULL);
}

int
record_form_edit_post(struct ctx *c, long long ty, const char *base, long long district,
    long long record_id)
{
	return save(c, &ty, 1, base, district, record_id, NULL);
}

/* Echo a stored value into the form as if the user had typed it. */
static void
echo_value(struct form *f, const char *name, const char *value)
{
	xmlNodePtr v;

	if (value != NULL && *value && f->node != NULL && (v = xml_text(f->node, "value", value)) != NULL)
		xml_attr(v, "name", name);
}

int
record_form_edit_get(struct ctx *c, long long ty, const char *base, long long record_id)
{
	static const char *const names[] = { "q1", "q2", "q3", "q4" };
	xmlNodePtr root = app_page(c, "record-new");
	struct record_edit e;
	struct item_row it;
	const char *conditions = "";
	struct form f;
	char buf[32];
	int status;
	enum db_result r;

	if (root == NULL)
		return 500;
	if ((r = store_record_edit(c->db, c->a, record_id, ty, &e)) != DB_OK)
		return app_status(r);
	if (strcmp(e.state, "draft") != 0 && strcmp(e.state, "returned") != 0)
		return 409;
	xml_attr(root, "base", base);
	xml_attr_int(root, "teacher-year", ty);
	xml_attr(root, "form-action", arena_printf(c->a, "%s/records/%lld/edit", base, record_id));
	form_begin(&f, c, "record");
	echo_value(&f, "started_on", e.started_on);
	echo_value(&f, "ended_on", e.ended_on);
	echo_value(&f, "quantity", e.quantity);
	echo_value(&f, "level", e.level);
	if (e.has_certified) {
		echo_value(&f, "certified", rules_hours_format(e.certified_tenths, buf, sizeof(buf)));
	}
	for (int i = 0; i < 4; i++)
		echo_value(&f, names[i], e.points[i]);
	if (e.video)
		echo_value(&f, "video", "1");
	echo_value(&f, "role", e.role);
	echo_value(&f, "certificate_no", e.certificate_no);
	echo_value(&f, "certificate_on", e.certificate_on);
	echo_value(&f, "cn", e.cn);
	echo_value(&f, "isbn", e.isbn);
	if (e.first_author)
		echo_value(&f, "first_author", "1");
	echo_value(&f, "project", e.project);
	echo_value(&f, "organiser", e.organiser);
	echo_value(&f, "description", e.description);
	if ((status = item_for(c, ty, e.item_id, &it, &conditions)) != 200)
		return status;
	item_node(c, root, &it, ty, conditions);
	return 200;
}

int
record_form_post_many(struct ctx *c, const long long *tys, size_t nty, const char *base,
    long long district, const char *refuse)
{
	return save(c, tys, nty, base, district, 0, refuse);
}
