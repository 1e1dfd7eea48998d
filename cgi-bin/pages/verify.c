/* pages/verify.c - see pages/verify.h */
#include "pages/verify.h"

#include "core/qr.h"
#include "core/render.h"
#include "core/form.h"
#include "domain/verify.h"
#include "store/assess.h"
#include "store/policy.h"
#include "store/settings.h"
#include "store/teacher.h"

#include <libxml/parser.h>
#include <sodium.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The install's secret, read once per process (it never changes). */
static unsigned char secret[VERIFY_SECRET_BYTES];
static int have_secret;

static int
secret_get(struct ctx *c)
{
	unsigned char fresh[VERIFY_SECRET_BYTES];
	enum db_result r;

	if (have_secret)
		return 200;
	randombytes_buf(fresh, sizeof(fresh));
	r = store_verify_secret(c->db, fresh, secret);
	sodium_memzero(fresh, sizeof(fresh));
	if (r != DB_OK)
		return app_status(r);
	have_secret = 1;
	return 200;
}

/* The content a digest covers: "key=length:value\n" lines, so no value can pose as another. */
struct content {
	arena *a;
	char *s;
	size_t len, cap;
	int failed;
};

static void
content_add(struct content *k, const char *key, const char *value)
{
	size_t kl = strlen(key), vl = value ? strlen(value) : 0, need;
	char num[24];
	int nl = snprintf(num, sizeof(num), "%zu", vl);

	need = k->len + kl + 1 + (size_t)nl + 1 + vl + 2;
	if (k->failed)
		return;
	if (need > k->cap) {
		size_t cap = k->cap ? k->cap : 256;
		char *s;
		while (cap < need)
			cap *= 2;
		if ((s = arena_alloc(k->a, cap)) == NULL) {
			k->failed = 1;
			return;
		}
		if (k->len)
			memcpy(s, k->s, k->len);
		k->s = s;
		k->cap = cap;
	}
	k->len += (size_t)sprintf(k->s + k->len, "%s=%s:", key, num);
	if (vl)
		memcpy(k->s + k->len, value, vl);
	k->len += vl;
	k->s[k->len++] = '\n';
	k->s[k->len] = '\0';
}

static void
content_int(struct content *k, const char *key, long long v)
{
	char num[24];

	snprintf(num, sizeof(num), "%lld", v);
	content_add(k, key, num);
}

/* The kept result of one teacher-year (the figures the card prints). */
static int
kept_one(struct ctx *c, long long year, long long school, long long ty, struct assessment *out)
{
	struct assess_scope sc = { year, school, ty };
	struct kept_result *v;
	size_t n;
	enum db_result r = assess_results(c->db, c->a, &sc, &v, &n);

	if (r != DB_OK)
		return app_status(r);
	if (n != 1)
		return 404;
	*out = v[0].a;
	return 200;
}

static void
content_assessment(struct content *k, const struct assessment *a)
{
	content_int(k, "pass", a->pass);
	content_int(k, "confirmed", a->confirmed_tenths);
	content_int(k, "pending", a->pending_tenths);
	content_int(k, "normative", a->normative_confirmed_tenths);
	content_int(k, "threshold", a->threshold_tenths);
	content_int(k, "normative_min", a->normative_min_tenths);
}

const char *
verify_confirmer(struct ctx *c, long long district)
{
	struct district_settings s;

	if (store_district_settings(c->db, c->a, district, &s) != DB_OK)
		return NULL;
	return *s.stamp_text ? s.stamp_text : s.authority;
}

/*
 * The code of d (its kind, objects and digest) under the install's secret
 * (read already) into out. 0, or -1 when out of memory.
 */
static int
code_of(struct ctx *c, const struct printed_document *d, char out[VERIFY_CODE_LEN + 1])
{
	unsigned char mac[crypto_auth_hmacsha256_BYTES];
	char *msg = arena_printf(c->a, "xueshi-verify-1\n%s\n%lld\n%lld\n%lld\n%lld\n%s", d->kind,
	    d->district_id, d->school_year_id, d->school_id, d->teacher_year_id, d->digest);

	if (msg == NULL)
		return -1;
	crypto_auth_hmacsha256(mac, (const unsigned char *)msg, strlen(msg), secret);
	verify_code_encode(mac, out);
	return 0;
}

/*
 * Finish d from its statement element (made in a scratch document, which is
 * freed here) and content: the statement's text, the digest over statement
 * and content, the code.
 */
static int
finish(struct ctx *c, struct printed_document *d, xmlDocPtr doc, struct content *k)
{
	xmlBufferPtr buf = xmlBufferCreate();
	unsigned char hash[crypto_hash_sha256_BYTES];
	char *hex, *code;
	int status;

	if (buf == NULL || k->failed || xmlNodeDump(buf, doc, xmlDocGetRootElement(doc), 0, 0) < 0) {
		if (buf)
			xmlBufferFree(buf);
		xmlFreeDoc(doc);
		return 500;
	}
	d->statement = arena_strdup(c->a, (const char *)xmlBufferContent(buf));
	xmlBufferFree(buf);
	xmlFreeDoc(doc);
	if (d->statement == NULL)
		return 500;
	content_add(k, "statement", d->statement);
	if (k->failed)
		return 500;
	crypto_hash_sha256(hash, (const unsigned char *)k->s, k->len);
	if ((hex = arena_alloc(c->a, 2 * sizeof(hash) + 1)) == NULL)
		return 500;
	sodium_bin2hex(hex, 2 * sizeof(hash) + 1, hash, sizeof(hash));
	d->digest = hex;
	if ((status = secret_get(c)) != 200)
		return status;
	if ((code = arena_alloc(c->a, VERIFY_CODE_LEN + 1)) == NULL || code_of(c, d, code) != 0)
		return 500;
	d->code = code;
	d->printed_by = c->user != NULL ? c->user->id : 0;
	return 200;
}

static xmlNodePtr
statement_begin(xmlDocPtr *doc, const char *kind)
{
	xmlNodePtr root;

	if ((*doc = xmlNewDoc(BAD_CAST "1.0")) == NULL)
		return NULL;
	if ((root = xmlNewDocNode(*doc, NULL, BAD_CAST "statement", NULL)) == NULL) {
		xmlFreeDoc(*doc);
		return NULL;
	}
	xmlDocSetRootElement(*doc, root);
	xml_attr(root, "kind", kind);
	return root;
}

static void
statement_name(xmlNodePtr st, const char *name)
{
	char masked[256];

	xml_text(st, "name", verify_mask_name(name, masked, sizeof(masked)));
}

int
verify_card(struct ctx *c, long long ty, struct printed_document *d)
{
	return verify_card_known(c, ty, NULL, NULL, d);
}

int
verify_card_known(struct ctx *c, long long ty, const struct assessment *kept, const char *by,
    struct printed_document *d)
{
	struct verify_card_facts f;
	struct assessment a;
	struct content k = { c->a, NULL, 0, 0, 0 };
	xmlDocPtr doc;
	xmlNodePtr st;
	int status;
	enum db_result r = store_verify_card_facts(c->db, c->a, ty, &f);

	memset(d, 0, sizeof(*d));
	if (r != DB_OK)
		return app_status(r);
	if (kept != NULL)
		a = *kept;
	else if ((status = kept_one(c, f.school_year_id, f.school_id, ty, &a)) != 200)
		return status;
	if (by == NULL && (by = verify_confirmer(c, f.district_id)) == NULL)
		return 500;
	d->kind = "card";
	d->district_id = f.district_id;
	d->school_year_id = f.school_year_id;
	d->school_id = f.school_id;
	d->teacher_year_id = ty;
	if ((st = statement_begin(&doc, "card")) == NULL)
		return 500;
	xml_attr(st, "year", f.year);
	xml_attr(st, "category", f.category);
	xml_attr(st, "school-state", f.school_state);
	if (*f.confirmed_at)
		xml_attr(st, "confirmed-at", f.confirmed_at);
	xml_attr(st, "result", a.pass ? "pass" : "fail");
	xml_attr_int(st, "confirmed-tenths", a.confirmed_tenths);
	xml_attr_int(st, "normative-tenths", a.normative_confirmed_tenths);
	xml_attr_int(st, "threshold-tenths", a.threshold_tenths);
	statement_name(st, f.name);
	xml_text(st, "school", f.school);
	xml_text(st, "confirmed-by", by);
	/* What the card shows beyond the statement: the person and every record. */
	content_add(&k, "kind", "card");
	content_int(&k, "teacher_year", ty);
	content_int(&k, "teacher", f.teacher_id);
	content_add(&k, "name", f.name);
	content_add(&k, "records", f.records);
	content_assessment(&k, &a);
	return finish(c, d, doc, &k);
}

int
verify_summary(struct ctx *c, long long school, long long year, struct printed_document *d)
{
	struct verify_summary_facts f;
	struct assess_scope sc = { year, school, 0 };
	struct kept_result *v;
	size_t n;
	long long passing = 0;
	struct content k = { c->a, NULL, 0, 0, 0 };
	xmlDocPtr doc;
	xmlNodePtr st;
	const char *by;
	enum db_result r = store_verify_summary_facts(c->db, c->a, school, year, &f);

	memset(d, 0, sizeof(*d));
	if (r != DB_OK)
		return app_status(r);
	if ((r = assess_results(c->db, c->a, &sc, &v, &n)) != DB_OK)
		return app_status(r);
	if ((by = verify_confirmer(c, f.district_id)) == NULL)
		return 500;
	content_add(&k, "kind", "summary");
	for (size_t i = 0; i < n; i++) {
		passing += v[i].a.pass;
		content_int(&k, "teacher_year", v[i].who.teacher_year_id);
		content_add(&k, "category", v[i].who.category);
		content_assessment(&k, &v[i].a);
	}
	d->kind = "summary";
	d->district_id = f.district_id;
	d->school_year_id = year;
	d->school_id = school;
	if ((st = statement_begin(&doc, "summary")) == NULL)
		return 500;
	xml_attr(st, "year", f.year);
	xml_attr(st, "school-state", f.school_state);
	if (*f.confirmed_at)
		xml_attr(st, "confirmed-at", f.confirmed_at);
	xml_attr_int(st, "teachers", (long long)n);
	xml_attr_int(st, "passing", passing);
	xml_attr_int(st, "failing", (long long)n - passing);
	xml_attr_int(st, "pass-rate-tenths", n > 0 ?
	    (passing * 2000 + (long long)n) / (2 * (long long)n) : 0);
	xml_text(st, "school", f.school);
	xml_text(st, "confirmed-by", by);
	return finish(c, d, doc, &k);
}

/* The first four digits of a date or label: its year. */
static int
year_of(const char *s)
{
	return s != NULL && strlen(s) >= 4 ? atoi(s) : 0;
}

int
verify_cycle(struct ctx *c, long long ty, struct printed_document *d, xmlNodePtr cycle)
{
	struct verify_card_facts f;
	struct year_policy p;
	struct teacher_history_year *h;
	size_t n;
	struct content k = { c->a, NULL, 0, 0, 0 };
	struct assessment last;
	xmlDocPtr doc;
	xmlNodePtr st;
	const char *by, *from = NULL;
	long long total = 0;
	int years, last_start, status, counted = 0;
	enum db_result r = store_verify_card_facts(c->db, c->a, ty, &f);

	memset(d, 0, sizeof(*d));
	if (r != DB_OK)
		return app_status(r);
	if ((r = store_year_policy(c->db, c->a, f.school_year_id, &p)) != DB_OK)
		return app_status(r);
	/* The policy's cycle (五华: 5 years, 360 h); without one the 5 years 教师资格证定期注册 looks at. */
	years = p.has_policy && p.cycle_years > 0 ? p.cycle_years : 5;
	last_start = year_of(f.starts_on);
	if ((status = kept_one(c, f.school_year_id, f.school_id, ty, &last)) != 200)
		return status;
	if ((r = store_teacher_history(c->db, c->a, f.teacher_id, &h, &n)) != DB_OK)
		return app_status(r);
	if ((by = verify_confirmer(c, f.district_id)) == NULL)
		return 500;
	d->kind = "cycle";
	d->district_id = f.district_id;
	d->school_year_id = f.school_year_id;
	d->school_id = f.school_id;
	d->teacher_year_id = ty;
	if ((st = statement_begin(&doc, "cycle")) == NULL)
		return 500;
	statement_name(st, f.name);
	xml_text(st, "school", f.school);
	content_add(&k, "kind", "cycle");
	content_int(&k, "teacher", f.teacher_id);
	content_add(&k, "name", f.name);
	/* History is newest first: the cycle's years, oldest first on paper. */
	for (size_t j = n; j-- > 0;) {
		struct assessment a;
		int ys = year_of(h[j].starts_on);
		xmlNodePtr y, py = NULL;
		if (ys > last_start || ys <= last_start - years)
			continue;
		if ((status = kept_one(c, h[j].school_year_id, h[j].school_id, h[j].teacher_year_id,
		    &a)) != 200)
			return status;
		if (from == NULL)
			from = h[j].label;
		total += a.confirmed_tenths;
		counted++;
		if ((y = xml_node(st, "year")) == NULL)
			return 500;
		xml_attr(y, "label", h[j].label);
		xml_attr(y, "category", h[j].category);
		xml_attr_int(y, "confirmed-tenths", a.confirmed_tenths);
		xml_attr(y, "result", a.pass ? "pass" : "fail");
		xml_text(y, "school", h[j].school);
		if (cycle != NULL) {
			if ((py = xmlCopyNode(y, 1)) == NULL || xmlAddChild(cycle, py) == NULL)
				return 500;
			xml_attr_int(py, "teacher-year", h[j].teacher_year_id);
			xml_attr_int(py, "normative-tenths", a.normative_confirmed_tenths);
			xml_attr_int(py, "threshold-tenths", a.threshold_tenths);
		}
		content_int(&k, "teacher_year", h[j].teacher_year_id);
		content_assessment(&k, &a);
	}
	xml_attr(st, "from", from != NULL ? from : f.year);
	xml_attr(st, "to", f.year);
	xml_attr_int(st, "cycle-years", years);
	xml_attr_int(st, "years-on-roster", counted);
	xml_attr_int(st, "total-tenths", total);
	if (last.cycle_applies) {
		xml_attr_int(st, "min-tenths", p.cycle_min_tenths);
		xml_attr(st, "cycle-result", last.cycle_pass ? "pass" : "fail");
	}
	xml_text(st, "confirmed-by", by);
	if (cycle != NULL) {
		for (xmlAttrPtr at = st->properties; at != NULL; at = at->next) {
			xmlChar *v = xmlGetProp(st, at->name);
			if (strcmp((const char *)at->name, "kind") != 0)
				xml_attr(cycle, (const char *)at->name, (const char *)v);
			xmlFree(v);
		}
	}
	return finish(c, d, doc, &k);
}

static enum db_result
keep_tx(struct db *db, void *arg)
{
	const struct printed_document *const *v = arg;
	size_t n = (size_t)(v[1] - v[0]);
	enum db_result r = DB_OK;

	for (size_t i = 0; i < n && r == DB_OK; i++)
		r = store_printed_put(db, &v[0][i]);
	return r;
}

int
verify_keep(struct ctx *c, const struct printed_document *d, size_t n)
{
	const struct printed_document *v[2] = { d, d + n };
	enum db_result r = store_tx(c->db, keep_tx, v);

	return r == DB_OK ? 200 : app_status(r);
}

const char *
verify_base_url(struct ctx *c)
{
	const char *h = c->req->host;

	if (c->cfg != NULL && c->cfg->public_url != NULL && *c->cfg->public_url) {
		size_t n = strlen(c->cfg->public_url);
		while (n > 0 && c->cfg->public_url[n - 1] == '/')
			n--;
		return arena_printf(c->a, "%.*s", (int)n, c->cfg->public_url);
	}
	/* A host header of anything but a host name and port is not printed. */
	if (h == NULL || *h == '\0' || strlen(h) > 255 ||
	    strspn(h, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:[]") != strlen(h))
		h = "localhost";
	return arena_printf(c->a, "%s://%s", c->req->https ? "https" : "http", h);
}

int
verify_xml(struct ctx *c, xmlNodePtr parent, const struct printed_document *d)
{
	char grouped[VERIFY_CODE_LEN + 4];
	const char *base = verify_base_url(c), *url;
	xmlNodePtr v = xml_node(parent, "verification");

	if (v == NULL || base == NULL)
		return 500;
	if ((url = arena_printf(c->a, "%s/verify?c=%s", base, d->code)) == NULL)
		return 500;
	verify_code_group(d->code, grouped);
	xml_attr(v, "code", d->code);
	xml_attr(v, "grouped", grouped);
	xml_attr(v, "url", url);
	xml_attr(v, "base", arena_printf(c->a, "%s/verify", base));
	return qr_xml(v, url) != NULL ? 200 : 500;
}

int
verify_stamp_card(struct ctx *c, xmlNodePtr parent, long long ty)
{
	struct printed_document d;
	int status;

	if ((status = verify_card(c, ty, &d)) != 200 || (status = verify_keep(c, &d, 1)) != 200)
		return status;
	return verify_xml(c, parent, &d);
}

int
verify_stamp_summary(struct ctx *c, xmlNodePtr parent, long long school, long long year)
{
	struct printed_document d;
	int status;

	if ((status = verify_summary(c, school, year, &d)) != 200 ||
	    (status = verify_keep(c, &d, 1)) != 200)
		return status;
	return verify_xml(c, parent, &d);
}

/* The kept row's code, computed again: a row not made by this install does not verify. */
static int
row_authentic(struct ctx *c, const struct printed_document *d)
{
	char code[VERIFY_CODE_LEN + 1];

	if (code_of(c, d, code) != 0)
		return -1;
	return sodium_memcmp(code, d->code, VERIFY_CODE_LEN) == 0;
}

int
verify_page(struct ctx *c)
{
	xmlNodePtr root = app_page(c, "verify"), look;
	struct form f;
	struct printed_document d, now;
	const char *input = app_field_text(c, "c");
	char code[VERIFY_CODE_LEN + 1];
	int status, authentic = 1;
	enum db_result r;

	if (root == NULL || (look = xml_node(root, "lookup")) == NULL)
		return 500;
	form_begin(&f, c, "verify");
	if (c->field_errors > 0) {
		xml_attr(look, "state", "malformed");
		return 422;
	}
	if (input == NULL || *input == '\0')
		return 200; /* the form alone */
	if (verify_code_parse(input, code) != 0) {
		xml_attr(look, "state", "malformed");
		form_error(&f, "c", "code_malformed");
		return 422;
	}
	{
		char grouped[VERIFY_CODE_LEN + 4];
		verify_code_group(code, grouped);
		xml_attr(look, "code", grouped);
	}
	if ((status = secret_get(c)) != 200)
		return status;
	r = store_printed_get(c->db, c->a, code, &d);
	if (r == DB_NOTFOUND || (r == DB_OK && (authentic = row_authentic(c, &d)) == 0)) {
		xml_attr(look, "state", "unknown");
		return 404;
	}
	if (r != DB_OK)
		return app_status(r);
	if (authentic < 0)
		return 500;
	/* Today's content of the same document, against the printed one's. */
	if (strcmp(d.kind, "card") == 0)
		status = verify_card(c, d.teacher_year_id, &now);
	else if (strcmp(d.kind, "cycle") == 0)
		status = verify_cycle(c, d.teacher_year_id, &now, NULL);
	else
		status = verify_summary(c, d.school_id, d.school_year_id, &now);
	if (status != 200 && status != 404)
		return status;
	xml_attr(look, "kind", d.kind);
	xml_attr(look, "printed-at", d.printed_at);
	xml_attr(look, "state", status == 200 && strcmp(now.digest, d.digest) == 0 ? "valid" : "changed");
	/* What the document stated when it was printed (kept, the name masked). */
	{
		xmlDocPtr sd = xmlReadMemory(d.statement, (int)strlen(d.statement), NULL, "UTF-8",
		    XML_PARSE_NONET | XML_PARSE_NOBLANKS);
		xmlNodePtr copy;
		if (sd == NULL)
			return 500;
		copy = xmlDocCopyNode(xmlDocGetRootElement(sd), root->doc, 1);
		xmlFreeDoc(sd);
		if (copy == NULL || xmlAddChild(look, copy) == NULL) {
			xmlFreeNode(copy);
			return 500;
		}
	}
	return 200;
}

const unsigned char *
verify_install_key(struct ctx *c)
{
	return secret_get(c) == 200 ? secret : NULL;
}
