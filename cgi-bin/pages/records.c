/* records.c - see pages/records.h */
#include "pages/records.h"
#include "store/settings.h"
#include "domain/workflow.h"
#include "store/record.h"
#include "store/teacher.h"
#include "pages/deadlines.h"
#include "core/files.h"
#include "core/render.h"
#include "core/assess.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

int
record_page(struct ctx *c, long long id)
{
	xmlNodePtr root = app_page(c, "record"), r, it, ev, rv;
	struct record_view v;
	struct record_evidence *files;
	struct record_review *reviews;
	size_t n;
	enum db_result dr;

	if (root == NULL)
		return 500;
	if ((dr = store_record_view(c->db, c->a, id, &v)) != DB_OK)
		return app_status(dr);
	if ((r = xml_node(root, "record")) == NULL)
		return 500;
	xml_attr_int(r, "id", v.id);
	xml_attr(r, "state", v.state);
	xml_attr(r, "started", v.started_on);
	xml_attr(r, "ended", v.ended_on);
	if (v.has_quantity)
		xml_attr_int(r, "quantity", v.quantity);
	if (*v.level)
		xml_attr(r, "level", v.level);
	if (v.has_certified)
		xml_attr_int(r, "certified-tenths", v.certified_tenths);
	if (*v.points)
		xml_attr(r, "points", v.points);
	if (*v.addons)
		xml_attr(r, "addons", v.addons);
	if (*v.role)
		xml_attr(r, "role", v.role);
	if (*v.certificate_no)
		xml_attr(r, "certificate-no", v.certificate_no);
	if (*v.certificate_on)
		xml_attr(r, "certificate-on", v.certificate_on);
	if (*v.cn)
		xml_attr(r, "cn", v.cn);
	if (*v.isbn)
		xml_attr(r, "isbn", v.isbn);
	if (v.first_author >= 0)
		xml_attr(r, "first-author", v.first_author ? "yes" : "no");
	xml_attr_int(r, "claimed-tenths", v.claimed_tenths);
	xml_attr(r, "created", v.created_at);
	if (*v.submitted_at)
		xml_attr(r, "submitted", v.submitted_at);
	xml_attr_int(r, "teacher-year", v.teacher_year_id);
	xml_attr(r, "year-state", v.year_state);
	if (v.district_returned)
		xml_attr(r, "district-returned", "yes");
	/* What this caller may do with it now: the workflow table's answer, not the stylesheet's. */
	{
		enum record_action acts[RA__MAX];
		int nacts = 0, st = workflow_state_parse(v.state);
		xmlNodePtr an = xml_node(r, "actions");
		if (st >= 0 && c->user != NULL) {
			if (c->user->role == ROLE_NAME_TEACHER && c->user->registers)
				nacts = workflow_actions((enum record_state)st, ACTOR_TEACHER, v.year_state,
				    v.district_returned, acts);
			else if (c->user->role == ROLE_NAME_SCHOOL_ADMIN)
				nacts = workflow_actions((enum record_state)st, ACTOR_SCHOOL, v.year_state,
				    v.district_returned, acts);
			else if (c->user->role == ROLE_NAME_DISTRICT_ADMIN)
				nacts = workflow_actions((enum record_state)st, ACTOR_DISTRICT, v.year_state,
				    v.district_returned, acts);
		}
		for (int k = 0; an != NULL && k < nacts; k++)
			xml_attr(xml_node(an, "action"), "name", workflow_action_name(acts[k]));
	}
	if (*v.organiser)
		xml_text(r, "organiser", v.organiser);
	if (*v.description)
		xml_text(r, "description", v.description);
	{
		xmlNodePtr t = xml_text(r, "teacher", v.teacher);
		if (t)
			xml_attr_int(t, "id", v.teacher_id);
	}
	it = xml_text(r, "item", v.item_name);
	if (it != NULL) {
		xml_attr_int(it, "id", v.item_id);
		xml_attr(it, "code", v.item_code);
		xml_attr(it, "category", v.item_category);
		xml_attr(it, "unit", v.item_unit);
		xml_attr_int(it, "hours-tenths", v.item_hours_tenths);
		xml_attr(it, "rule", v.item_rule);
		xml_attr(it, "normative", v.item_normative ? "yes" : "no");
	}
	if (*v.item_conditions)
		xml_text(r, "conditions", v.item_conditions);
	if (*v.project) {
		xmlNodePtr p = xml_text(r, "project", v.project);
		if (p)
			xml_attr(p, "approved", v.project_approved ? "yes" : "no");
	}

	if ((ev = xml_node(r, "evidence")) == NULL)
		return 500;
	if ((dr = store_record_evidence(c->db, c->a, id, c->user ? c->user->district_id : 0,
	    &files, &n)) != DB_OK)
		return app_status(dr);
	for (size_t i = 0; i < n; i++) {
		xmlNodePtr f = xml_text(ev, "file", files[i].filename);
		if (f == NULL)
			return 500;
		xml_attr_int(f, "id", files[i].id);
		xml_attr(f, "kind", files[i].kind);
		xml_attr(f, "type", files[i].content_type);
		xml_attr_int(f, "size", files[i].size);
		xml_attr(f, "sha256", files[i].sha256);
		/* The same file used elsewhere in the district: reviewers are told. */
		if (files[i].used_elsewhere > 0)
			xml_attr_int(f, "used-elsewhere", files[i].used_elsewhere);
	}

	/* The same work claimed as first author by another teacher: reviewers see each claim. */
	if (c->user != NULL && c->user->role != ROLE_NAME_TEACHER) {
		struct first_author_claim *cl;
		xmlNodePtr claims = NULL;
		if ((dr = store_record_first_author_claims(c->db, c->a, id, &cl, &n)) != DB_OK)
			return app_status(dr);
		for (size_t i = 0; i < n; i++) {
			xmlNodePtr o;
			if (claims == NULL && (claims = xml_node(r, "first-author-claims")) == NULL)
				return 500;
			if ((o = xml_node(claims, "claim")) == NULL)
				return 500;
			xml_attr_int(o, "record", cl[i].record_id);
			xml_attr(o, "teacher", cl[i].teacher);
			xml_attr(o, "school", cl[i].school);
			xml_attr(o, "state", cl[i].state);
		}
	}

	/* What the rules count for it, with this year's caps. */
	{
		struct assessment a;
		if (v.teacher_year_id > 0 &&
		    (dr = assess_teacher_year(c->db, c->a, v.teacher_year_id, &a)) != DB_OK)
			return app_status(dr); /* the record's count is part of its page */
		if (v.teacher_year_id > 0)
			for (size_t i = 0; i < a.nlines; i++)
				if (a.lines[i].record_id == id) {
					xmlNodePtr ex = xml_node(root, "explanation");
					if (ex == NULL)
						break;
					xml_attr_int(ex, "claimed-tenths", a.lines[i].claimed_tenths);
					xml_attr_int(ex, "counted-tenths", a.lines[i].counted_tenths);
					xml_attr(ex, "cut", a.lines[i].cut);
					if (a.lines[i].cap_name)
						xml_attr(ex, "cap", a.lines[i].cap_name);
				}
	}
	if ((rv = xml_node(r, "reviews")) == NULL)
		return 500;
	if ((dr = store_record_reviews(c->db, c->a, id, &reviews, &n)) != DB_OK)
		return app_status(dr);
	for (size_t i = 0; i < n; i++) {
		xmlNodePtr w = xml_node(rv, "review");
		if (w == NULL)
			return 500;
		xml_attr(w, "stage", reviews[i].stage);
		xml_attr(w, "decision", reviews[i].decision);
		xml_attr(w, "at", reviews[i].at);
		xml_attr(w, "by", reviews[i].by);
		if (*reviews[i].reason)
			xml_text(w, "reason", reviews[i].reason);
	}
	return 200;
}

struct open_file {
	int fd;
};

static void
close_file(void *arg)
{
	struct open_file *f = arg;
	if (f->fd >= 0)
		close(f->fd);
}

int
evidence_send(struct ctx *c, long long id)
{
	char path[4200], *body, *disp, *fname;
	const char *sha, *name, *type;
	struct open_file *of;
	struct evidence_file ef;
	struct stat sb;
	ssize_t got;
	size_t size;
	enum db_result r = store_evidence_file(c->db, c->a, id, &ef);

	if (r != DB_OK)
		return app_status(r);
	sha = ef.sha256;
	name = ef.filename;
	type = ef.content_type;
	size = (size_t)ef.size;
	if (files_path(c->cfg->evidence_dir, sha, path, sizeof(path)) != 0)
		return 404;
	of = arena_alloc(c->a, sizeof(*of));
	if (of == NULL)
		return 500;
	of->fd = open(path, O_RDONLY | O_CLOEXEC);
	if (of->fd < 0)
		return 404;
	arena_defer(c->a, close_file, of);
	if (fstat(of->fd, &sb) != 0 || (size_t)sb.st_size != size || size > (64u << 20))
		return 500;
	body = arena_alloc(c->a, size + 1);
	if (body == NULL)
		return 500;
	got = read(of->fd, body, size);
	if (got < 0 || (size_t)got != size)
		return 500;
	/* Names stored before they were bounded are bounded here too. */
	{
		char safe[4 * FILES_NAME_MAX + 1];
		fname = http_rfc5987(c->a, files_safe_name(name, safe, sizeof(safe)));
	}
	disp = arena_printf(c->a, "%s; filename=\"evidence\"; filename*=UTF-8''%s",
	    strncmp(type, "image/", 6) == 0 || strcmp(type, "application/pdf") == 0 ?
	    "inline" : "attachment", fname ? fname : "evidence");
	if (disp == NULL)
		return 500;
	http_header_add(c->resp, "Content-Disposition", disp);
	http_header_add(c->resp, "X-Content-Type-Options", "nosniff");
	http_header_add(c->resp, "Content-Security-Policy", "default-src 'none'; sandbox");
	http_header_add(c->resp, "Cache-Control", "private, no-store");
	http_body(c->resp, type, body, size);
	c->raw_body = 1;
	return 200;
}

int
assessment_node(struct ctx *c, xmlNodePtr root, long long ty)
{
	struct assessment a;
	enum db_result r = assess_teacher_year(c->db, c->a, ty, &a);

	if (r == DB_NOTFOUND)
		return 200; /* no policy for the year yet: nothing to assess */
	if (r != DB_OK)
		return app_status(r);
	return assess_xml(root, &a) != NULL ? 200 : 500;
}

static int teacher_year_xml(struct ctx *c, xmlNodePtr root, const struct teacher_year_view *v);

/* <teacher-year> for the caller's current year; *ty gets its id (0: none). */
int
teacher_year_node(struct ctx *c, xmlNodePtr root, long long teacher, long long *ty)
{
	struct teacher_year_view v;
	enum db_result r = store_teacher_year_view(c->db, c->a, teacher, &v);

	*ty = 0;
	if (r == DB_NOTFOUND)
		return 200; /* not on a roster this year: the page says so */
	if (r != DB_OK)
		return app_status(r);
	*ty = v.teacher_year_id;
	return teacher_year_xml(c, root, &v);
}

int
teacher_year_node_of(struct ctx *c, xmlNodePtr root, long long ty)
{
	struct teacher_year_view v;
	enum db_result r = store_teacher_year_view_of(c->db, c->a, ty, &v);

	if (r != DB_OK)
		return app_status(r);
	return teacher_year_xml(c, root, &v);
}

/* <teacher> and <school-year> of one teacher-year's view. */
static int
teacher_year_xml(struct ctx *c, xmlNodePtr root, const struct teacher_year_view *vp)
{
	const struct teacher_year_view v = *vp;
	xmlNodePtr n, y;
	enum db_result r;

	if ((n = xml_node(root, "teacher")) == NULL)
		return 500;
	xml_attr_int(n, "id", v.teacher_id);
	xml_attr(n, "gender", v.gender);
	xml_attr(n, "staff-no", v.staff_no);
	xml_attr(n, "category", v.category);
	xml_attr(n, "status", v.status);
	xml_text(n, "name", v.name);
	xml_text(n, "subject", v.subject);
	xml_text(n, "title", v.title);
	if (*v.receiving_unit)
		xml_text(n, "receiving-unit", v.receiving_unit);
	{
		xmlNodePtr s = xml_text(n, "school", v.school);
		if (s)
			xml_attr_int(s, "id", v.school_id);
	}
	y = xml_node(root, "school-year");
	if (y != NULL) {
		xml_attr_int(y, "id", v.year_id);
		xml_attr(y, "label", v.year);
		xml_attr(y, "starts", v.starts_on);
		xml_attr(y, "ends", v.ends_on);
		xml_attr(y, "self-registration", v.self_registration ? "yes" : "no");
		xml_attr(y, "school-state", v.school_state);
		/* The school's effective deadlines (extensions count), in the district's local days. */
		{
			struct school_deadlines d;
			if ((r = store_deadlines_of_teacher_year(c->db, c->a, v.teacher_year_id, &d)) != DB_OK)
				return app_status(r);
			if (deadline_nodes(c, y, &d, DEADLINES_ALL) != 200)
				return 500;
		}
	}
	return 200;
}

/* <records> of one teacher-year. */
int
records_node(struct ctx *c, xmlNodePtr root, long long ty)
{
	xmlNodePtr list = xml_node(root, "records");
	struct year_record *v;
	size_t n;
	enum db_result r;

	if (list == NULL)
		return 500;
	if ((r = store_year_records(c->db, c->a, ty, &v, &n)) != DB_OK)
		return app_status(r);
	for (size_t i = 0; i < n; i++) {
		xmlNodePtr e = xml_node(list, "record"), it;
		if (e == NULL)
			return 500;
		xml_attr_int(e, "id", v[i].id);
		xml_attr(e, "state", v[i].state);
		xml_attr(e, "started", v[i].started_on);
		xml_attr(e, "ended", v[i].ended_on);
		xml_attr_int(e, "claimed-tenths", v[i].claimed_tenths);
		xml_attr_int(e, "evidence", v[i].evidence);
		it = xml_text(e, "item", v[i].item_name);
		if (it != NULL) {
			xml_attr_int(it, "id", v[i].item_id);
			xml_attr(it, "code", v[i].item_code);
			xml_attr(it, "category", v[i].item_category);
			xml_attr(it, "unit", v[i].item_unit);
			xml_attr(it, "normative", v[i].item_normative ? "yes" : "no");
		}
		if (*v[i].organiser)
			xml_text(e, "organiser", v[i].organiser);
		if ((strcmp(v[i].state, "returned") == 0 || strcmp(v[i].state, "rejected") == 0) &&
		    *v[i].last_reason)
			xml_text(e, "reason", v[i].last_reason);
	}
	return 200;
}

int
teacher_year_page(struct ctx *c, long long ty, const char *name)
{
	xmlNodePtr root;
	int status;
	if ((root = app_page(c, name)) == NULL)
		return 500;
	/* That teacher-year, of whatever year (an earlier year's card too). */
	if ((status = teacher_year_node_of(c, root, ty)) != 200)
		return status;
	if ((status = records_node(c, root, ty)) != 200)
		return status;
	return assessment_node(c, root, ty);
}

int
print_district_node(struct ctx *c, xmlNodePtr root)
{
	struct district_settings s;
	enum db_result r = store_district_settings(c->db, c->a, c->user->district_id, &s);
	xmlNodePtr d;

	if (r != DB_OK)
		return app_status(r);
	if ((d = xml_node(root, "district")) == NULL)
		return 500;
	xml_attr(d, "name", s.name);
	xml_attr(d, "authority", s.authority);
	xml_attr(d, "stamp", *s.stamp_text ? s.stamp_text : s.authority);
	if (*s.card_title)
		xml_attr(d, "card-title", s.card_title);
	if (*s.summary_title)
		xml_attr(d, "summary-title", s.summary_title);
	return 200;
}
