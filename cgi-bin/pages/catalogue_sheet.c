/* pages/catalogue_sheet.c - see catalogue_sheet.h */
#include "pages/catalogue_sheet.h"
#include "pages/catalogue.h"

#include "core/http.h"
#include "core/render.h"
#include "core/sheet.h"
#include "core/strings.h"
#include "core/utf8.h"
#include "domain/catalogue.h"
#include "domain/rules.h"
#include "pages/records.h"
#include "store/audit.h"
#include "store/catalogue_edit.h"
#include "store/catalogue_import.h"
#include "store/policy.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define IMPORT_MAX_ROWS 2000
#define IMPORT_MAX_COLS 64
#define IMPORT_MAX_BYTES (16u << 20)   /* as the roster import's; nginx and Apache allow 32 MB */
#define ROW_MAX_PROBLEMS 12

/* ------------------------------------------------------------- the columns */

enum col_kind { K_TEXT, K_HOURS, K_INT, K_FLAG };

enum col {
	COL_CATEGORY, COL_NAME, COL_HOURS, COL_UNIT, COL_CONDITIONS,
	COL_CODE, COL_RULE, COL_NORMATIVE, COL_EVIDENCE, COL_PROJECT, COL_CAP,
	COL_GROUP, COL_GROUP_NAME, COL_GROUP_CAP, COL_ASKS,
	COL_TIER0, COL_TIER1, COL_TIER2, COL_TIER3, COL_TIER4,
	COL_CERTIFIED_MAX, COL_POINTS_BASE, COL_POINTS_GAIN, COL_POINTS_HOURS, COL_POINTS_MAX,
	COL_POINTS_THRESHOLD, COL_ADDON_VIDEO, COL_EXCELLENT, COL_QUOTA, COL_ROLE, COL_LIMIT,
	COL_EXCLUSIONS, COL_ORGANISERS, COL_RETIRED, COL__MAX
};

/*
 * Each column's code (the editor's field name where there is one: the
 * errors of catalogue_params_check name it), kind and width; the header is
 * the string table's catalogue.sheet.col.CODE.
 */
static const struct {
	const char *code;
	enum col_kind kind;
	double width;
} cols[COL__MAX] = {
	{ "category", K_TEXT, 14 }, { "name", K_TEXT, 30 }, { "hours", K_HOURS, 8 },
	{ "unit", K_TEXT, 10 }, { "conditions", K_TEXT, 40 },
	{ "code", K_TEXT, 14 }, { "rule_type", K_TEXT, 22 }, { "normative", K_FLAG, 8 },
	{ "evidence_required", K_FLAG, 8 }, { "needs_project", K_FLAG, 8 }, { "cap", K_HOURS, 8 },
	{ "group", K_TEXT, 12 }, { "group_name", K_TEXT, 16 }, { "group_cap", K_HOURS, 8 },
	{ "asks", K_TEXT, 20 },
	{ "tier_school", K_HOURS, 6 }, { "tier_district", K_HOURS, 6 }, { "tier_city", K_HOURS, 6 },
	{ "tier_province", K_HOURS, 6 }, { "tier_national", K_HOURS, 6 },
	{ "certified_max", K_HOURS, 8 }, { "points_base", K_INT, 8 }, { "points_gain", K_INT, 8 },
	{ "points_hours", K_HOURS, 8 }, { "points_max", K_HOURS, 8 },
	{ "points_threshold", K_INT, 8 }, { "addon_video", K_HOURS, 8 },
	{ "excellent_percent", K_INT, 8 }, { "quota_percent", K_INT, 8 },
	{ "participant_role", K_TEXT, 12 }, { "participant_limit", K_INT, 8 },
	{ "exclusions", K_TEXT, 30 }, { "organisers", K_TEXT, 30 }, { "retired", K_FLAG, 6 },
};

static const char *
S(struct ctx *c, const char *key)
{
	const char *v = strings_get(c->cfg->xsl_dir, key);

	return v != NULL ? v : key;
}

static const char *
S2(struct ctx *c, const char *prefix, const char *code)
{
	char key[96];

	const char *v;

	snprintf(key, sizeof(key), "%s%s", prefix, code);
	v = strings_get(c->cfg->xsl_dir, key);
	return v != NULL ? v : arena_strdup(c->a, key);
}

static const char *
header(struct ctx *c, int col)
{
	return S2(c, "catalogue.sheet.col.", cols[col].code);
}

/* asks in catalogue_asks' order ("" when none), in the arena. */
static const char *
asks_canonical(struct ctx *c, const char *asks)
{
	char buf[96];
	size_t k = 0;

	buf[0] = '\0';
	for (int i = 0; catalogue_asks[i] != NULL; i++)
		if (catalogue_asks_has(asks, catalogue_asks[i]))
			k += (size_t)snprintf(buf + k, sizeof(buf) - k, "%s%s", k ? " " : "",
			    catalogue_asks[i]);
	return arena_strdup(c->a, buf);
}

/* ----------------------------------------------------------- the year */

/* The year (c->id[0]) under root; 200, or the store's status. */
static int
year_node(struct ctx *c, xmlNodePtr root, struct year_policy *p)
{
	enum db_result r;
	xmlNodePtr y;

	if ((r = store_year_policy(c->db, c->a, c->id[0], p)) != DB_OK)
		return app_status(r);
	if ((y = xml_node(root, "year")) == NULL)
		return 500;
	xml_attr_int(y, "id", p->year_id);
	xml_attr(y, "label", p->label);
	if (p->is_current)
		xml_attr(y, "current", "1");
	return 200;
}

/* ------------------------------------------------------------- the export */

/* One item's cells (COL__MAX of them, "" where the rule takes no such value). */
static void
item_cells(struct ctx *c, const struct item_edit *e, const struct group_edit *g, size_t ng,
    const char **v)
{
	const struct setup_item *it = &e->it;
	const struct item_params *p = &e->p;
	const char *yes = S(c, "catalogue.sheet.yes"), *no = S(c, "catalogue.sheet.no");
	char asks[400];
	size_t k = 0;

	for (int i = 0; i < COL__MAX; i++)
		v[i] = "";
	v[COL_CATEGORY] = it->category;
	v[COL_NAME] = it->name;
	v[COL_HOURS] = arena_printf(c->a, "%lld", it->hours_tenths);
	v[COL_UNIT] = it->unit;
	v[COL_CONDITIONS] = it->conditions;
	v[COL_CODE] = it->code;
	v[COL_RULE] = p->type >= 0 && p->type < RULE__MAX ? S2(c, "catalogue.rule.", it->rule_type) :
	    it->rule_type;
	v[COL_NORMATIVE] = it->normative ? yes : no;
	v[COL_EVIDENCE] = it->evidence_required ? yes : no;
	v[COL_PROJECT] = it->needs_project ? yes : no;
	if (it->cap_tenths > 0)
		v[COL_CAP] = arena_printf(c->a, "%lld", it->cap_tenths);
	if (e->group_id > 0)
		for (size_t i = 0; i < ng; i++)
			if (g[i].id == e->group_id) {
				v[COL_GROUP] = g[i].code;
				v[COL_GROUP_NAME] = g[i].name;
				v[COL_GROUP_CAP] = arena_printf(c->a, "%lld", g[i].cap_tenths);
			}
	asks[0] = '\0';
	for (int i = 0; catalogue_asks[i] != NULL; i++)
		if (catalogue_asks_has(it->asks, catalogue_asks[i]))
			k += (size_t)snprintf(asks + k, sizeof(asks) - k, "%s%s",
			    k ? S(c, "catalogue.sheet.ask-sep") : "", S2(c, "catalogue.ask.", catalogue_asks[i]));
	v[COL_ASKS] = arena_strdup(c->a, asks);
	switch (p->type) {
	case RULE_TIERED_LEVEL:
		for (int l = 0; l < LEVEL__MAX; l++)
			if (p->tiers[l] > 0)
				v[COL_TIER0 + l] = arena_printf(c->a, "%lld", (long long)p->tiers[l]);
		break;
	case RULE_AS_CERTIFIED:
		v[COL_CERTIFIED_MAX] = arena_printf(c->a, "%lld", (long long)p->certified_max);
		break;
	case RULE_POINTS_QUARTERS:
		v[COL_POINTS_BASE] = arena_printf(c->a, "%lld", p->points_base);
		v[COL_POINTS_GAIN] = arena_printf(c->a, "%lld", p->points_gain);
		v[COL_POINTS_HOURS] = arena_printf(c->a, "%lld", (long long)p->points_hours);
		v[COL_POINTS_MAX] = arena_printf(c->a, "%lld", (long long)p->points_max);
		v[COL_POINTS_THRESHOLD] = arena_printf(c->a, "%lld", p->points_threshold);
		break;
	case RULE_ROSTER:
		if (p->addon_video > 0)
			v[COL_ADDON_VIDEO] = arena_printf(c->a, "%lld", (long long)p->addon_video);
		break;
	case RULE_TRAINEE_MULTIPLIER:
		v[COL_EXCELLENT] = arena_printf(c->a, "%d", p->excellent_percent);
		v[COL_QUOTA] = arena_printf(c->a, "%d", p->quota_percent);
		break;
	case RULE_PARTICIPANT_LIMIT:
		v[COL_ROLE] = S(c, p->participant_leader ? "catalogue.role.leader" : "catalogue.role.member");
		v[COL_LIMIT] = arena_printf(c->a, "%d", p->participant_limit);
		break;
	default:
		break;
	}
	v[COL_EXCLUSIONS] = it->exclusions ? it->exclusions : "";
	v[COL_ORGANISERS] = it->organisers ? it->organisers : "";
	v[COL_RETIRED] = it->active ? no : yes;
	for (int i = 0; i < COL__MAX; i++)
		if (v[i] == NULL)
			v[i] = "";
}

/* GET /district/years/{year}/catalogue.xlsx */
int
catalogue_sheet_xlsx(struct ctx *c)
{
	struct sheet_column sc[COL__MAX] = { { 0 } };
	struct sheet_table t;
	struct year_policy y;
	struct item_edit *v;
	struct group_edit *g;
	size_t n, ng;
	const char **cells;
	char *data = NULL, *disp, *enc;
	size_t len = 0;
	enum db_result r;

	if ((r = store_year_policy(c->db, c->a, c->id[0], &y)) != DB_OK ||
	    (r = store_catalogue_items(c->db, c->a, c->id[0], &v, &n)) != DB_OK ||
	    (r = store_catalogue_groups(c->db, c->a, c->id[0], &g, &ng)) != DB_OK)
		return app_status(r);
	for (int i = 0; i < COL__MAX; i++) {
		sc[i].header = header(c, i);
		sc[i].kind = cols[i].kind == K_HOURS ? SHEET_HOURS : cols[i].kind == K_INT ? SHEET_INT :
		    SHEET_TEXT;
		sc[i].width = cols[i].width;
	}
	if ((cells = arena_alloc(c->a, (n + 1) * COL__MAX * sizeof(*cells))) == NULL)
		return 500;
	for (size_t i = 0; i < n; i++)
		item_cells(c, &v[i], g, ng, cells + i * COL__MAX);
	memset(&t, 0, sizeof(t));
	t.sheet_name = "catalogue";
	t.ncols = COL__MAX;
	t.cols = sc;
	t.nrows = n;
	t.cells = cells;
	if (sheet_write_xlsx(c->a, &t, &data, &len) != SHEET_OK)
		return 500;
	enc = http_rfc5987(c->a, arena_printf(c->a, "%s-%s.xlsx", S(c, "catalogue.sheet.filename"),
	    y.label));
	disp = arena_printf(c->a, "attachment; filename=\"catalogue-%s.xlsx\"; filename*=UTF-8''%s",
	    y.label, enc ? enc : "catalogue.xlsx");
	if (disp == NULL)
		return 500;
	http_header_add(c->resp, "Content-Disposition", disp);
	http_header_add(c->resp, "X-Content-Type-Options", "nosniff");
	http_header_add(c->resp, "Cache-Control", "private, no-store");
	http_body(c->resp, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	    data, len);
	c->raw_body = 1;
	return 200;
}

/* --------------------------------------------------------------- the print */

/* GET /district/years/{year}/catalogue/print: 附件4, the active items by category. */
int
catalogue_print(struct ctx *c)
{
	xmlNodePtr root = app_page(c, "catalogue-print"), list, cat = NULL;
	struct year_policy y;
	struct item_edit *v;
	size_t n;
	long long total = 0, items = 0, rows = 0;
	const char *last = NULL;
	enum db_result r;
	int status;

	if (root == NULL)
		return 500;
	c->stylesheet = "print/catalogue";
	if ((status = year_node(c, root, &y)) != 200 || (status = print_district_node(c, root)) != 200)
		return status;
	if ((r = store_catalogue_items(c->db, c->a, c->id[0], &v, &n)) != DB_OK)
		return app_status(r);
	if ((list = xml_node(root, "catalogue")) == NULL)
		return 500;
	for (size_t i = 0; i < n; i++) {
		const struct setup_item *it = &v[i].it;
		xmlNodePtr item;

		if (!it->active)
			continue;
		/* a category's rows are the consecutive items that name it (one merged cell) */
		if (last == NULL || strcmp(last, it->category) != 0) {
			if (cat != NULL)
				xml_attr_int(cat, "rows", rows);
			if ((cat = xml_node(list, "category")) == NULL)
				return 500;
			xml_attr(cat, "name", it->category);
			last = it->category;
			rows = 0;
		}
		if ((item = xml_node(cat, "item")) == NULL)
			return 500;
		xml_attr(item, "code", it->code);
		xml_attr(item, "hours", app_hours(c, it->hours_tenths));
		xml_text(item, "name", it->name);
		xml_text(item, "unit", it->unit);
		xml_text(item, "conditions", it->conditions);
		rows++;
		items++;
		total += it->hours_tenths;
	}
	if (cat != NULL)
		xml_attr_int(cat, "rows", rows);
	xml_attr_int(list, "items", items);
	xml_attr(list, "hours", app_hours(c, total));
	return 200;
}

/* -------------------------------------------------------------- the import */

struct problem {
	int col;
	const char *code;
};

enum effect { EFF_PROBLEM, EFF_NEW, EFF_CHANGED, EFF_UNCHANGED };
static const char *const effect_codes[] = { "problem", "new", "changed", "unchanged" };

/* One row of the file, checked. */
struct crow {
	int line;
	struct item_edit e;            /* e.it filled; e.it.params the JSON of e.p */
	const char *group_code;        /* NULL: none */
	const char *group_name;        /* NULL: not given */
	long long group_cap;           /* 0: not given */
	int generated;                 /* the code was made here (no 项目代码) */
	int by_name;                   /* matched by 项目分类 + 项目 (no 项目代码) */
	enum effect eff;
	const struct item_edit *before;
	struct problem problems[ROW_MAX_PROBLEMS];
	size_t nproblems;
};

/* A cap group the file names. */
struct cgroup {
	const char *code, *name;
	long long cap;
	const struct group_edit *before;   /* NULL: new */
	int changed;
	long long id;                      /* set by the apply */
	int line;                          /* the first row that names it */
};

struct check {
	long long year;
	int full;                      /* the file has the 项目代码 column */
	struct crow *rows;
	size_t nrows, nproblems, nnew, nchanged, nunchanged;
	struct cgroup *groups;
	size_t ngroups, ngroups_new, ngroups_changed;
	struct item_edit *items;       /* the year's items now */
	size_t nitems;
	struct group_edit *gs;
	size_t ngs;
	const struct item_edit **retire;   /* active items the file leaves out */
	size_t nretire;
	const char *error, *error_col;     /* a file-level refusal */
};

static void
problem(struct crow *r, int col, const char *code)
{
	if (r->nproblems < ROW_MAX_PROBLEMS) {
		r->problems[r->nproblems].col = col;
		r->problems[r->nproblems].code = code;
		r->nproblems++;
	}
}

/* Lines of s trimmed, blank ones dropped, joined by "\n" (as the editor keeps them). */
static const char *
lines(struct ctx *c, const char *s)
{
	size_t n = strlen(s), k = 0;
	char *out = arena_alloc(c->a, n + 1);

	if (out == NULL)
		return NULL;
	while (*s) {
		const char *e = s + strcspn(s, "\r\n"), *b = s, *t;

		while (b < e && (*b == ' ' || *b == '\t'))
			b++;
		t = e;
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

/* A text cell of at most max characters; one line unless multi. */
static const char *
text_cell(struct ctx *c, struct crow *r, int col, const char *v, size_t max, int required,
    int multi)
{
	size_t n = strlen(v);

	if (multi) {
		if (!utf8_valid_text(v, n)) {
			problem(r, col, "invalid");
			return "";
		}
		v = lines(c, v);
		if (v == NULL)
			return NULL;
		n = strlen(v);
	} else if (!utf8_valid_line(v, n)) {
		problem(r, col, "invalid");
		return "";
	}
	if (utf8_length(v, n) > max) {
		problem(r, col, "too_long");
		return "";
	}
	if (required && *v == '\0')
		problem(r, col, "required");
	return v;
}

/* An hours cell: tenths, blank (blank_value), or -1 with the problem. */
static long long
hours_cell(struct crow *r, int col, const char *v, long long blank_value)
{
	long long t;

	if (*v == '\0')
		return blank_value;
	if ((t = rules_hours_parse(v)) < 0 || t > RULES_HOURS_MAX) {
		problem(r, col, "bad_hours");
		return -1;
	}
	return t;
}

static long long
int_cell(struct crow *r, int col, const char *v, long long blank_value, long long max)
{
	char *end;
	long long n;

	if (*v == '\0')
		return blank_value;
	n = strtoll(v, &end, 10);
	if (end == v || *end != '\0' || n < 0 || n > max) {
		problem(r, col, "bad_number");
		return blank_value;
	}
	return n;
}

static int
flag_cell(struct ctx *c, struct crow *r, int col, const char *v, int blank_value)
{
	if (*v == '\0')
		return blank_value;
	if (strcmp(v, S(c, "catalogue.sheet.yes")) == 0 || strcmp(v, "1") == 0)
		return 1;
	if (strcmp(v, S(c, "catalogue.sheet.no")) == 0 || strcmp(v, "0") == 0)
		return 0;
	problem(r, col, "bad_flag");
	return blank_value;
}

/*
 * The asks a cell names: codes or the string table's words (which may hold
 * spaces: 论著的 ISBN 标准书号), separated by spaces or 、，, and newlines.
 */
static const char *
asks_cell(struct ctx *c, struct crow *r, const char *v)
{
	static const char *const seps[] = { " ", ",", "\xE3\x80\x81" /* 、 */, "\xEF\xBC\x8C" /* ， */,
		"\n", "\r", "\t", NULL };
	unsigned seen = 0;
	const char *p = v;
	char buf[96];
	size_t k = 0;

	for (;;) {
		size_t best = 0;
		int found = -1, skipped = 1;

		while (skipped) {
			skipped = 0;
			for (int s = 0; seps[s] != NULL; s++)
				if (strncmp(p, seps[s], strlen(seps[s])) == 0) {
					p += strlen(seps[s]);
					skipped = 1;
				}
		}
		if (*p == '\0')
			break;
		for (int i = 0; catalogue_asks[i] != NULL; i++) {
			const char *words[2] = { catalogue_asks[i], S2(c, "catalogue.ask.", catalogue_asks[i]) };
			for (int w = 0; w < 2; w++) {
				size_t n = strlen(words[w]);
				if (n > best && strncmp(p, words[w], n) == 0) {
					best = n;
					found = i;
				}
			}
		}
		if (found < 0) {
			problem(r, COL_ASKS, "unknown_ask");
			return "";
		}
		seen |= 1u << found;
		p += best;
	}
	buf[0] = '\0';
	for (int i = 0; catalogue_asks[i] != NULL; i++)
		if (seen & (1u << i))
			k += (size_t)snprintf(buf + k, sizeof(buf) - k, "%s%s", k ? " " : "",
			    catalogue_asks[i]);
	return arena_strdup(c->a, buf);
}

static int
rule_cell(struct ctx *c, struct crow *r, const char *v)
{
	int t;

	if (*v == '\0')
		return RULE_PER_UNIT;
	if ((t = rules_type_parse(v)) >= 0)
		return t;
	for (int i = 0; i < RULE__MAX; i++)
		if (strcmp(v, S2(c, "catalogue.rule.", rules_type_name((enum rule_type)i))) == 0)
			return i;
	problem(r, COL_RULE, "unknown_rule");
	return -1;
}

/* The field catalogue_params_check names, as a column. */
static int
field_col(const char *field)
{
	for (int i = 0; i < COL__MAX; i++)
		if (strcmp(cols[i].code, field) == 0)
			return i;
	return COL_RULE;
}

static const struct item_edit *
find_item(const struct check *k, const char *code)
{
	for (size_t i = 0; i < k->nitems; i++)
		if (strcmp(k->items[i].it.code, code) == 0)
			return &k->items[i];
	return NULL;
}

static const struct group_edit *
find_group(const struct check *k, const char *code)
{
	for (size_t i = 0; i < k->ngs; i++)
		if (strcmp(k->gs[i].code, code) == 0)
			return &k->gs[i];
	return NULL;
}

/* Check one row's cells v (by column; "" where the file has no such column). -1: no memory. */
static int
check_row(struct ctx *c, struct check *k, struct crow *r, const char *const *v, const int *has)
{
	struct setup_item *it = &r->e.it;
	struct item_params *p = &r->e.p;
	const char *field, *code;
	char json[256];

	r->e.year_id = k->year;
	if ((it->category = text_cell(c, r, COL_CATEGORY, v[COL_CATEGORY], 50, 1, 0)) == NULL ||
	    (it->name = text_cell(c, r, COL_NAME, v[COL_NAME], 100, 1, 0)) == NULL ||
	    (it->unit = text_cell(c, r, COL_UNIT, v[COL_UNIT], 20, 1, 0)) == NULL ||
	    (it->conditions = text_cell(c, r, COL_CONDITIONS, v[COL_CONDITIONS], 1000, 0, 1)) == NULL ||
	    (it->exclusions = text_cell(c, r, COL_EXCLUSIONS, v[COL_EXCLUSIONS], 2000, 0, 1)) == NULL ||
	    (it->organisers = text_cell(c, r, COL_ORGANISERS, v[COL_ORGANISERS], 2000, 0, 1)) == NULL)
		return -1;
	it->hours_tenths = hours_cell(r, COL_HOURS, v[COL_HOURS], 0);
	it->code = v[COL_CODE];
	if (*it->code != '\0' && !catalogue_code_valid(it->code))
		problem(r, COL_CODE, "bad_item_code");

	/* No 项目代码 column: the item of the year with this 项目分类 and 项目 keeps its rule. */
	if (!k->full) {
		for (size_t i = 0; i < k->nitems && r->before == NULL; i++)
			if (strcmp(k->items[i].it.category, it->category) == 0 &&
			    strcmp(k->items[i].it.name, it->name) == 0)
				r->before = &k->items[i];
		if (r->before != NULL) {
			const struct setup_item *b = &r->before->it;
			struct setup_item keep = *it;
			r->by_name = 1;
			*it = *b;
			it->category = keep.category;
			it->name = keep.name;
			it->unit = keep.unit;
			it->conditions = keep.conditions;
			it->hours_tenths = keep.hours_tenths;
			it->active = 1;
			it->asks = asks_canonical(c, b->asks);
			*p = r->before->p;
			if (r->before->group_id > 0)
				for (size_t i = 0; i < k->ngs; i++)
					if (k->gs[i].id == r->before->group_id)
						r->group_code = k->gs[i].code;
			goto params;
		}
	}
	it->normative = flag_cell(c, r, COL_NORMATIVE, v[COL_NORMATIVE], 0);
	it->evidence_required = flag_cell(c, r, COL_EVIDENCE, v[COL_EVIDENCE], 1);
	it->needs_project = flag_cell(c, r, COL_PROJECT, v[COL_PROJECT], 0);
	it->active = !flag_cell(c, r, COL_RETIRED, v[COL_RETIRED], 0);
	if ((it->cap_tenths = hours_cell(r, COL_CAP, v[COL_CAP], -1)) == 0) {
		problem(r, COL_CAP, "out_of_range");
		it->cap_tenths = -1;
	}
	if ((it->asks = asks_cell(c, r, v[COL_ASKS])) == NULL)
		return -1;
	if (*v[COL_GROUP] != '\0') {
		if (!catalogue_code_valid(v[COL_GROUP]))
			problem(r, COL_GROUP, "bad_item_code");
		else
			r->group_code = v[COL_GROUP];
		if ((r->group_name = text_cell(c, r, COL_GROUP_NAME, v[COL_GROUP_NAME], 100, 0, 0)) == NULL)
			return -1;
		if (*r->group_name == '\0')
			r->group_name = NULL;
		if ((r->group_cap = hours_cell(r, COL_GROUP_CAP, v[COL_GROUP_CAP], 0)) < 0)
			r->group_cap = 0;
	}

	memset(p, 0, sizeof(*p));
	p->type = rule_cell(c, r, v[COL_RULE]);
	switch (p->type) {
	case RULE_TIERED_LEVEL:
		for (int l = 0; l < LEVEL__MAX; l++)
			p->tiers[l] = hours_cell(r, COL_TIER0 + l, v[COL_TIER0 + l], 0);
		break;
	case RULE_AS_CERTIFIED:
		p->certified_max = hours_cell(r, COL_CERTIFIED_MAX, v[COL_CERTIFIED_MAX], 0);
		break;
	case RULE_POINTS_QUARTERS:
		p->points_base = int_cell(r, COL_POINTS_BASE, v[COL_POINTS_BASE], 0, RULES_POINTS_MAX);
		p->points_gain = int_cell(r, COL_POINTS_GAIN, v[COL_POINTS_GAIN], 0, RULES_POINTS_MAX);
		p->points_hours = hours_cell(r, COL_POINTS_HOURS, v[COL_POINTS_HOURS], 0);
		p->points_max = hours_cell(r, COL_POINTS_MAX, v[COL_POINTS_MAX], 0);
		p->points_threshold = int_cell(r, COL_POINTS_THRESHOLD, v[COL_POINTS_THRESHOLD], 0,
		    RULES_POINTS_MAX);
		break;
	case RULE_ROSTER:
		p->addon_video = hours_cell(r, COL_ADDON_VIDEO, v[COL_ADDON_VIDEO], 0);
		break;
	case RULE_TRAINEE_MULTIPLIER:
		p->excellent_percent = (int)int_cell(r, COL_EXCELLENT, v[COL_EXCELLENT], 125, 1000);
		p->quota_percent = (int)int_cell(r, COL_QUOTA, v[COL_QUOTA], 10, 1000);
		break;
	case RULE_PARTICIPANT_LIMIT: {
		const char *role = v[COL_ROLE];
		if (*role == '\0')
			problem(r, COL_ROLE, "required");
		else if (strcmp(role, "leader") == 0 || strcmp(role, S(c, "catalogue.role.leader")) == 0)
			p->participant_leader = 1;
		else if (strcmp(role, "member") != 0 && strcmp(role, S(c, "catalogue.role.member")) != 0)
			problem(r, COL_ROLE, "unknown_role");
		p->participant_limit = (int)int_cell(r, COL_LIMIT, v[COL_LIMIT], 0, 1000);
		break;
	}
	default:
		break;
	}
	/*
	 * A column the file leaves out keeps the item's own value (a sheet
	 * trimmed to the columns someone edits changes only those).
	 */
	if (k->full && *it->code != '\0' && (r->before = find_item(k, it->code)) != NULL) {
		const struct item_edit *b = r->before;
		if (!has[COL_NORMATIVE])
			it->normative = b->it.normative;
		if (!has[COL_EVIDENCE])
			it->evidence_required = b->it.evidence_required;
		if (!has[COL_PROJECT])
			it->needs_project = b->it.needs_project;
		if (!has[COL_RETIRED])
			it->active = b->it.active;
		if (!has[COL_CAP])
			it->cap_tenths = b->it.cap_tenths;
		if (!has[COL_ASKS])
			it->asks = asks_canonical(c, b->it.asks);
		if (!has[COL_CONDITIONS])
			it->conditions = lines(c, b->it.conditions ? b->it.conditions : "");
		if (!has[COL_EXCLUSIONS])
			it->exclusions = lines(c, b->it.exclusions ? b->it.exclusions : "");
		if (!has[COL_ORGANISERS])
			it->organisers = lines(c, b->it.organisers ? b->it.organisers : "");
		if (!has[COL_GROUP] && b->group_id > 0)
			for (size_t i = 0; i < k->ngs; i++)
				if (k->gs[i].id == b->group_id)
					r->group_code = k->gs[i].code;
		if (!has[COL_RULE])
			*p = b->p;
		if (it->asks == NULL || it->conditions == NULL || it->exclusions == NULL ||
		    it->organisers == NULL)
			return -1;
	}
params:
	if (r->nproblems > 0)
		return 0;
	it->rule_type = rules_type_name((enum rule_type)p->type);
	if ((field = catalogue_params_check(p, it->hours_tenths, &code)) != NULL) {
		problem(r, field_col(field), code);
		return 0;
	}
	if (catalogue_params_json(p, json, sizeof(json)) < 0 ||
	    (it->params = arena_strdup(c->a, json)) == NULL)
		return -1;
	return 0;
}

static int
same(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

/* Whether row r would leave item b as it is (its group by code, its params by their JSON). */
static int
item_same(struct ctx *c, const struct check *k, const struct crow *r, const struct item_edit *b)
{
	const struct setup_item *x = &r->e.it, *y = &b->it;
	const char *bgroup = NULL;
	char json[256];
	long long xcap = x->cap_tenths > 0 ? x->cap_tenths : -1, ycap = y->cap_tenths > 0 ?
	    y->cap_tenths : -1;

	for (size_t i = 0; i < k->ngs && b->group_id > 0; i++)
		if (k->gs[i].id == b->group_id)
			bgroup = k->gs[i].code;
	if (catalogue_params_json(&b->p, json, sizeof(json)) < 0)
		return 0;
	return same(x->category, y->category) && same(x->name, y->name) && same(x->unit, y->unit) &&
	    same(x->conditions, lines(c, y->conditions ? y->conditions : "")) &&
	    x->hours_tenths == y->hours_tenths && same(x->rule_type, y->rule_type) &&
	    same(x->params, json) && same(x->asks, asks_canonical(c, y->asks)) &&
	    same(x->exclusions, lines(c, y->exclusions ? y->exclusions : "")) &&
	    same(x->organisers, lines(c, y->organisers ? y->organisers : "")) &&
	    xcap == ycap && same(r->group_code, bgroup) &&
	    !x->normative == !y->normative && !x->evidence_required == !y->evidence_required &&
	    !x->needs_project == !y->needs_project && !x->active == !y->active;
}

/* The header row's columns: 0, or the refusal in k->error. */
static int
find_header(struct ctx *c, const struct sheet *sh, struct check *k, long *col, size_t *first)
{
	/* A title row or two may come first (a district's own 一览表): the header is the first row with 项目分类 and 项目. */
	for (size_t h = 0; h < sh->nrows && h < 5; h++) {
		const struct sheet_row *row = &sh->rows[h];
		for (int i = 0; i < COL__MAX; i++) {
			col[i] = -1;
			for (size_t j = 0; j < row->ncells; j++) {
				if (strcmp(sheet_cell(row, j), header(c, i)) != 0)
					continue;
				if (col[i] >= 0) {
					k->error = "catalogue_header_twice";
					k->error_col = cols[i].code;
					return -1;
				}
				col[i] = (long)j;
			}
		}
		if (col[COL_CATEGORY] < 0 || col[COL_NAME] < 0)
			continue;
		for (int i = COL_CATEGORY; i <= COL_UNIT; i++)
			if (col[i] < 0) {
				k->error = "catalogue_missing_column";
				k->error_col = cols[i].code;
				return -1;
			}
		*first = h + 1;
		return 0;
	}
	k->error = "catalogue_missing_column";
	k->error_col = cols[COL_CATEGORY].code;
	return -1;
}

/* A code no item of the year or of the file has: item-1, item-2, ... */
static const char *
new_code(struct ctx *c, struct check *k, int *seq)
{
	for (;;) {
		const char *code = arena_printf(c->a, "item-%d", ++*seq);
		int taken = code == NULL || find_item(k, code) != NULL;

		for (size_t i = 0; i < k->nrows && !taken; i++)
			taken = k->rows[i].e.it.code != NULL && strcmp(k->rows[i].e.it.code, code) == 0;
		if (code == NULL || !taken)
			return code;
	}
}

/*
 * Read and check a file against year's catalogue now, into k. 0 (the
 * refusal, if any, in k->error), or -1 out of memory / the store failed
 * (*r set).
 */
static int
check_file(struct ctx *c, long long year, const void *data, size_t len, const char *filename,
    struct check *k, enum db_result *r)
{
	struct sheet sh;
	enum sheet_result sr;
	long col[COL__MAX];
	size_t first = 0;
	int has[COL__MAX], seq = 0;

	memset(k, 0, sizeof(*k));
	k->year = year;
	*r = DB_OK;
	if ((*r = store_catalogue_items(c->db, c->a, year, &k->items, &k->nitems)) != DB_OK ||
	    (*r = store_catalogue_groups(c->db, c->a, year, &k->gs, &k->ngs)) != DB_OK)
		return -1;
	sr = sheet_read_mem(c->a, data, len, filename, IMPORT_MAX_ROWS + 5, IMPORT_MAX_COLS, &sh);
	if (sr == SHEET_NOMEM)
		return -1;
	if (sr != SHEET_OK) {
		k->error = sheet_code(sr);
		return 0;
	}
	if (find_header(c, &sh, k, col, &first) != 0)
		return 0;
	if (first >= sh.nrows) {
		k->error = "import_no_rows";
		return 0;
	}
	k->full = col[COL_CODE] >= 0;
	for (int i = 0; i < COL__MAX; i++)
		has[i] = col[i] >= 0;
	k->nrows = sh.nrows - first;
	if ((k->rows = arena_alloc(c->a, k->nrows * sizeof(*k->rows))) == NULL ||
	    (k->groups = arena_alloc(c->a, k->nrows * sizeof(*k->groups))) == NULL ||
	    (k->retire = arena_alloc(c->a, (k->nitems + 1) * sizeof(*k->retire))) == NULL)
		return -1;
	memset(k->rows, 0, k->nrows * sizeof(*k->rows));
	for (size_t i = 0; i < k->nrows; i++) {
		const struct sheet_row *sr2 = &sh.rows[first + i];
		struct crow *row = &k->rows[i];
		const char *v[COL__MAX];

		for (int j = 0; j < COL__MAX; j++)
			v[j] = col[j] >= 0 ? sheet_cell(sr2, (size_t)col[j]) : "";
		row->line = sr2->line;
		if (check_row(c, k, row, v, has) != 0)
			return -1;
	}
	/* codes: made where none was given, each once in the file */
	for (size_t i = 0; i < k->nrows; i++) {
		struct crow *row = &k->rows[i];
		if (row->e.it.code == NULL)
			continue;
		if (*row->e.it.code == '\0') {
			if ((row->e.it.code = new_code(c, k, &seq)) == NULL)
				return -1;
			row->generated = 1;
		}
		/* (a district's own table: the same 项目分类 and 项目 twice name one item) */
		for (size_t j = 0; j < i; j++)
			if (k->rows[j].e.it.code != NULL &&
			    strcmp(k->rows[j].e.it.code, row->e.it.code) == 0) {
				problem(row, row->by_name ? COL_NAME : COL_CODE, row->by_name ? "duplicate_item" :
				    "duplicate_code");
				break;
			}
	}
	/* the groups the rows name: each defined once, a new one with its name and cap */
	for (size_t i = 0; i < k->nrows; i++) {
		struct crow *row = &k->rows[i];
		struct cgroup *g = NULL;
		if (row->group_code == NULL || row->by_name)
			continue;
		for (size_t j = 0; j < k->ngroups; j++)
			if (strcmp(k->groups[j].code, row->group_code) == 0)
				g = &k->groups[j];
		if (g == NULL) {
			g = &k->groups[k->ngroups++];
			memset(g, 0, sizeof(*g));
			g->code = row->group_code;
			g->before = find_group(k, g->code);
			g->name = row->group_name ? row->group_name : g->before ? g->before->name : NULL;
			g->cap = row->group_cap > 0 ? row->group_cap : g->before ? g->before->cap_tenths : 0;
			g->line = row->line;
			if (g->name == NULL)
				problem(row, COL_GROUP_NAME, "required");
			if (g->cap <= 0)
				problem(row, COL_GROUP_CAP, "required");
		} else if ((row->group_name && !same(row->group_name, g->name)) ||
		    (row->group_cap > 0 && row->group_cap != g->cap))
			problem(row, row->group_name && !same(row->group_name, g->name) ? COL_GROUP_NAME :
			    COL_GROUP_CAP, "group_conflict");
	}
	for (size_t j = 0; j < k->ngroups; j++) {
		struct cgroup *g = &k->groups[j];
		if (g->before == NULL)
			k->ngroups_new++;
		else if (!same(g->name, g->before->name) || g->cap != g->before->cap_tenths) {
			g->changed = 1;
			k->ngroups_changed++;
		}
	}
	/* each row: new, changed or unchanged */
	for (size_t i = 0; i < k->nrows; i++) {
		struct crow *row = &k->rows[i];
		if (!row->by_name)
			row->before = find_item(k, row->e.it.code);
		if (row->nproblems > 0) {
			row->eff = EFF_PROBLEM;
			k->nproblems++;
		} else if (row->before == NULL) {
			row->eff = EFF_NEW;
			k->nnew++;
		} else if (item_same(c, k, row, row->before)) {
			row->eff = EFF_UNCHANGED;
			k->nunchanged++;
		} else {
			row->eff = EFF_CHANGED;
			k->nchanged++;
		}
	}
	/* the year's active items the file leaves out: retired */
	for (size_t i = 0; i < k->nitems; i++) {
		int kept = 0;
		if (!k->items[i].it.active)
			continue;
		for (size_t j = 0; j < k->nrows && !kept; j++)
			kept = k->rows[j].before == &k->items[i];
		if (!kept)
			k->retire[k->nretire++] = &k->items[i];
	}
	return 0;
}

/* The change the file makes, for store_catalogue_impact and for the commit. */
struct apply {
	struct ctx *c;
	struct check *k;
	int audit;
	long long import_id;
};

static enum db_result
audit_item(struct apply *ap, struct db *db, const char *action, const struct item_edit *before,
    const struct item_edit *after, long long id)
{
	struct audit_entry e = { 0 };
	struct audit_json jb, ja;

	if (!ap->audit)
		return DB_OK;
	audit_json_begin(&jb, ap->c->a);
	audit_json_begin(&ja, ap->c->a);
	if (before != NULL) {
		audit_json_str(&jb, "code", before->it.code);
		audit_json_int(&jb, "hours_tenths", before->it.hours_tenths);
		audit_json_str(&jb, "rule_type", before->it.rule_type);
		audit_json_str(&jb, "params", before->it.params);
		audit_json_int(&jb, "active", before->it.active);
	}
	if (after != NULL) {
		audit_json_str(&ja, "code", after->it.code);
		audit_json_str(&ja, "category", after->it.category);
		audit_json_str(&ja, "name", after->it.name);
		audit_json_int(&ja, "hours_tenths", after->it.hours_tenths);
		audit_json_str(&ja, "unit", after->it.unit);
		audit_json_str(&ja, "rule_type", after->it.rule_type);
		audit_json_str(&ja, "params", after->it.params);
		audit_json_int(&ja, "active", after->it.active);
	} else
		audit_json_int(&ja, "active", 0);
	audit_json_int(&ja, "catalogue_import", ap->import_id);
	e.account_id = ap->c->user->id;
	e.district_id = ap->c->user->district_id;
	e.action = action;
	e.object_type = "item";
	e.object_id = id;
	e.before = audit_json_end(&jb);
	e.after = audit_json_end(&ja);
	e.client = ap->c->req->remote_addr;
	if (e.before == NULL || e.after == NULL)
		return DB_ERROR;
	return audit_write(db, &e);
}

static enum db_result
apply_fn(struct db *db, void *arg)
{
	struct apply *ap = arg;
	struct check *k = ap->k;
	enum db_result r;

	for (size_t j = 0; j < k->ngroups; j++) {
		struct cgroup *g = &k->groups[j];
		struct group_edit ge;

		g->id = g->before ? g->before->id : 0;
		if (g->before != NULL && !g->changed)
			continue;
		memset(&ge, 0, sizeof(ge));
		ge.id = g->id;
		ge.year_id = k->year;
		ge.code = g->code;
		ge.name = g->name;
		ge.cap_tenths = g->cap;
		if ((r = store_group_save(db, &ge, &g->id)) != DB_OK)
			return r;
	}
	for (size_t i = 0; i < k->nrows; i++) {
		struct crow *row = &k->rows[i];
		struct item_edit e = row->e;
		long long id = 0;
		int was_active;

		if (row->eff != EFF_NEW && row->eff != EFF_CHANGED)
			continue;
		e.id = row->before ? row->before->id : 0;
		e.group_id = 0;
		if (row->by_name)
			e.group_id = row->before->group_id;
		else
			for (size_t j = 0; j < k->ngroups && row->group_code; j++)
				if (strcmp(k->groups[j].code, row->group_code) == 0)
					e.group_id = k->groups[j].id;
		if ((r = store_item_save(db, &e, &id)) != DB_OK)
			return r;
		was_active = row->before ? row->before->it.active : 1;
		if (!was_active != !e.it.active &&
		    (r = store_item_set_active(db, id, e.it.active)) != DB_OK)
			return r;
		if ((r = audit_item(ap, db, "catalogue_item", row->before, &e, id)) != DB_OK)
			return r;
	}
	for (size_t i = 0; i < k->nretire; i++) {
		if ((r = store_item_set_active(db, k->retire[i]->id, 0)) != DB_OK)
			return r;
		if ((r = audit_item(ap, db, "catalogue_item", k->retire[i], NULL, k->retire[i]->id)) !=
		    DB_OK)
			return r;
	}
	return DB_OK;
}

/* ------------------------------------------------------------- the pages */

static xmlNodePtr
import_doc(struct ctx *c, struct year_policy *y, int *status)
{
	xmlNodePtr root = app_page(c, "district-catalogue-import"), list;

	*status = 500;
	if (root == NULL)
		return NULL;
	if ((*status = year_node(c, root, y)) != 200)
		return NULL;
	if ((list = xml_node(root, "columns")) == NULL) {
		*status = 500;
		return NULL;
	}
	for (int i = 0; i < COL__MAX; i++) {
		xmlNodePtr n = xml_text(list, "column", header(c, i));
		xml_attr(n, "code", cols[i].code);
		if (i <= COL_UNIT)
			xml_attr(n, "required", "1");
		if (i <= COL_CONDITIONS)
			xml_attr(n, "table", "1");
	}
	return root;
}

static int
refuse(xmlNodePtr root, int status, const char *code, const char *col)
{
	xmlNodePtr e = xml_node(root, "error");

	xml_attr(e, "code", code);
	if (col != NULL)
		xml_attr(e, "column", col);
	return status;
}

static xmlNodePtr
preview_node(struct ctx *c, xmlNodePtr root, const struct check *k, long long id,
    const char *filename)
{
	xmlNodePtr imp = xml_node(root, "import");

	if (imp == NULL)
		return NULL;
	xml_attr_int(imp, "id", id);
	xml_attr(imp, "filename", filename ? filename : "");
	xml_attr(imp, "mode", k->full ? "full" : "table");
	xml_attr_int(imp, "rows", (long long)k->nrows);
	xml_attr_int(imp, "problems", (long long)k->nproblems);
	xml_attr_int(imp, "new", (long long)k->nnew);
	xml_attr_int(imp, "changed", (long long)k->nchanged);
	xml_attr_int(imp, "unchanged", (long long)k->nunchanged);
	xml_attr_int(imp, "retired", (long long)k->nretire);
	xml_attr_int(imp, "groups-new", (long long)k->ngroups_new);
	xml_attr_int(imp, "groups-changed", (long long)k->ngroups_changed);
	for (size_t i = 0; i < k->nrows; i++) {
		const struct crow *r = &k->rows[i];
		xmlNodePtr n = xml_node(imp, "row");

		xml_attr_int(n, "line", r->line);
		xml_attr(n, "effect", effect_codes[r->eff]);
		xml_attr(n, "code", r->e.it.code ? r->e.it.code : "");
		if (r->generated)
			xml_attr(n, "generated", "1");
		if (r->by_name)
			xml_attr(n, "by-name", "1");
		if (r->e.it.rule_type != NULL)
			xml_attr(n, "rule-type", r->e.it.rule_type);
		xml_attr(n, "hours", app_hours(c, r->e.it.hours_tenths > 0 ? r->e.it.hours_tenths : 0));
		xml_text(n, "category", r->e.it.category ? r->e.it.category : "");
		xml_text(n, "name", r->e.it.name ? r->e.it.name : "");
		for (size_t j = 0; j < r->nproblems; j++) {
			xmlNodePtr p = xml_node(n, "problem");
			xml_attr(p, "column", cols[r->problems[j].col].code);
			xml_attr(p, "header", header(c, r->problems[j].col));
			xml_attr(p, "code", r->problems[j].code);
		}
	}
	for (size_t i = 0; i < k->nretire; i++) {
		xmlNodePtr n = xml_node(imp, "retire");
		xml_attr(n, "code", k->retire[i]->it.code);
		xml_text(n, "name", k->retire[i]->it.name);
	}
	for (size_t j = 0; j < k->ngroups; j++) {
		const struct cgroup *g = &k->groups[j];
		xmlNodePtr n;
		if (g->before != NULL && !g->changed)
			continue;
		n = xml_node(imp, "group");
		xml_attr(n, "code", g->code);
		xml_attr(n, "effect", g->before ? "changed" : "new");
		xml_attr(n, "cap", app_hours(c, g->cap));
		xml_text(n, "name", g->name ? g->name : "");
	}
	return imp;
}

/* GET /district/years/{year}/catalogue/import */
int
catalogue_import_page(struct ctx *c)
{
	struct year_policy y;
	int status;

	import_doc(c, &y, &status);
	return status;
}

struct save_tx {
	struct ctx *c;
	const struct http_file *f;
	const char *data;
	long long id;
};

static enum db_result
save_tx(struct db *db, void *arg)
{
	struct save_tx *s = arg;

	return store_catalogue_import_save(db, s->c->id[0], s->c->user->id, s->f->filename,
	    s->data, s->f->size, &s->id);
}

/* POST /district/years/{year}/catalogue/import: the preview; nothing saved but the file. */
int
catalogue_import_post(struct ctx *c)
{
	struct year_policy y;
	struct check k;
	struct impact im;
	struct apply ap;
	struct save_tx s;
	const struct http_file *f = http_upload(c->req, "file");
	xmlNodePtr root;
	char *data;
	ssize_t got;
	int status, fd;
	enum db_result r;

	if ((root = import_doc(c, &y, &status)) == NULL)
		return status;
	if (!y.is_current)
		return refuse(root, 409, "year_not_current", NULL);
	if (f == NULL || f->size == 0)
		return refuse(root, 422, "import_no_file", NULL);
	if (f->over_limit || f->size > IMPORT_MAX_BYTES)
		return refuse(root, 413, "sheet_too_big", NULL);
	if ((data = arena_alloc(c->a, f->size + 1)) == NULL)
		return 500;
	if ((fd = open(f->path, O_RDONLY | O_CLOEXEC)) < 0)
		return 500;
	got = read(fd, data, f->size);
	close(fd);
	if (got < 0 || (size_t)got != f->size)
		return 500;
	if (check_file(c, c->id[0], data, f->size, f->filename, &k, &r) != 0)
		return r != DB_OK ? app_status(r) : 500;
	if (k.error != NULL)
		return refuse(root, 422, k.error, k.error_col);
	if (k.nproblems > 0) {
		preview_node(c, root, &k, 0, f->filename);
		return 422;
	}
	s.c = c;
	s.f = f;
	s.data = data;
	s.id = 0;
	if ((r = store_tx(c->db, save_tx, &s)) != DB_OK)
		return app_status(r);
	if (preview_node(c, root, &k, s.id, f->filename) == NULL)
		return 500;
	memset(&ap, 0, sizeof(ap));
	ap.c = c;
	ap.k = &k;
	if ((r = store_catalogue_impact(c->db, c->a, c->id[0], apply_fn, &ap, &im)) != DB_OK)
		return r == DB_CONSTRAINT ? refuse(root, 409, "import_conflict", NULL) : app_status(r);
	catalogue_impact_node(c, root, &im);
	if (im.confirmed > 0)
		xml_attr(xml_node(root, "refused"), "code", "catalogue_locked");
	return 200;
}

struct commit_tx {
	struct ctx *c;
	const struct import_file *file;
	struct check k;
	struct apply ap;
	int refused;            /* the file no longer checks: nothing written */
};

static enum db_result
commit_tx(struct db *db, void *arg)
{
	struct commit_tx *t = arg;
	struct ctx *c = t->c;
	struct audit_entry e = { 0 };
	struct audit_json j;
	enum db_result r;

	/* checked again under the write lock: the catalogue may have changed since the preview */
	if (check_file(c, t->file->year, t->file->data, t->file->len, t->file->filename, &t->k,
	    &r) != 0)
		return r != DB_OK ? r : DB_ERROR;
	if (t->k.error != NULL || t->k.nproblems > 0) {
		t->refused = 1;
		return DB_ERROR;
	}
	t->ap.c = c;
	t->ap.k = &t->k;
	t->ap.audit = 1;
	t->ap.import_id = c->id[1];
	if ((r = apply_fn(db, &t->ap)) != DB_OK)
		return r;
	audit_json_begin(&j, c->a);
	audit_json_str(&j, "filename", t->file->filename);
	audit_json_int(&j, "added", (long long)t->k.nnew);
	audit_json_int(&j, "changed", (long long)t->k.nchanged);
	audit_json_int(&j, "retired", (long long)t->k.nretire);
	audit_json_int(&j, "groups_added", (long long)t->k.ngroups_new);
	audit_json_int(&j, "groups_changed", (long long)t->k.ngroups_changed);
	e.account_id = c->user->id;
	e.district_id = c->user->district_id;
	e.action = "catalogue_import";
	e.object_type = "catalogue_import";
	e.object_id = c->id[1];
	e.before = "{}";
	if ((e.after = audit_json_end(&j)) == NULL)
		return DB_ERROR;
	e.client = c->req->remote_addr;
	if ((r = audit_write(db, &e)) != DB_OK)
		return r;
	return store_catalogue_import_done(db, c->id[1], (long long)t->k.nnew,
	    (long long)t->k.nchanged, (long long)t->k.nretire);
}

/* POST /district/years/{year}/catalogue/import/{catalogue_import}/commit: all or nothing. */
int
catalogue_import_commit(struct ctx *c)
{
	struct import_file file;
	struct year_policy y;
	struct commit_tx t;
	struct check k;
	struct impact im;
	struct apply ap;
	xmlNodePtr root, imp;
	int status;
	enum db_result r;

	if ((root = import_doc(c, &y, &status)) == NULL)
		return status;
	if ((r = store_catalogue_import_get(c->db, c->a, c->id[1], &file)) != DB_OK)
		return app_status(r);
	if (file.year != c->id[0])
		return 404;
	if (!y.is_current)
		return refuse(root, 409, "year_not_current", NULL);
	if (file.committed)
		return refuse(root, 409, "import_done", NULL);
	/* the impact first (its own rolled-back transaction): a confirmed school's results stay */
	if (check_file(c, file.year, file.data, file.len, file.filename, &k, &r) != 0)
		return r != DB_OK ? app_status(r) : 500;
	if (k.error != NULL)
		return refuse(root, 409, k.error, k.error_col);
	if (k.nproblems > 0) {
		preview_node(c, root, &k, c->id[1], file.filename);
		return refuse(root, 409, "import_has_problems", NULL);
	}
	memset(&ap, 0, sizeof(ap));
	ap.c = c;
	ap.k = &k;
	if ((r = store_catalogue_impact(c->db, c->a, file.year, apply_fn, &ap, &im)) != DB_OK)
		return r == DB_CONSTRAINT ? refuse(root, 409, "import_conflict", NULL) : app_status(r);
	if (im.confirmed > 0) {
		preview_node(c, root, &k, c->id[1], file.filename);
		catalogue_impact_node(c, root, &im);
		xml_attr(xml_node(root, "refused"), "code", "catalogue_locked");
		return 409;
	}
	memset(&t, 0, sizeof(t));
	t.c = c;
	t.file = &file;
	r = store_tx(c->db, commit_tx, &t);
	if (t.refused)
		return refuse(root, 409, "import_has_problems", NULL);
	if (r == DB_CONSTRAINT)
		return refuse(root, 409, "import_conflict", NULL);
	if (r != DB_OK)
		return app_status(r);
	if ((imp = preview_node(c, root, &t.k, c->id[1], file.filename)) == NULL)
		return 500;
	xml_attr(imp, "committed", "1");
	catalogue_impact_node(c, root, &im);
	return 200;
}
