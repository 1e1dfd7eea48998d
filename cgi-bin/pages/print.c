/*
 * pages/print.c - see pages/print.h.
 *
 * Pagination. A card is printed as sheets of one A4 page each
 * (print/card.xsl; htdocs/css/paper.css gives a sheet a fixed height, its
 * rows a fixed height and at most two lines), so how many pages a card takes
 * is known here, before any browser lays it out, and the archive index can
 * say it:
 *   - the first page holds the identity and CARD_ROWS_FIRST records, every
 *     further page a running head and CARD_ROWS_NEXT records;
 *   - the totals, signatures and verification take CARD_ROWS_TAIL rows' room
 *     after the last record, on a page of their own when the last one has
 *     no room left.
 * The archive index (汇总档案序号表) holds INDEX_ROWS teachers a page.
 * Change these only together with paper.css's sheet, row and tail heights.
 */
#include "pages/print.h"

#include "core/render.h"
#include "pages/records.h"
#include "pages/verify.h"
#include "store/assess.h"
#include "store/school.h"

#include <string.h>

#define CARD_ROWS_FIRST 20
#define CARD_ROWS_NEXT 26
#define CARD_ROWS_TAIL 10
#define INDEX_ROWS 25

/* A4 pages of an index of teachers teachers. */
static long long
index_pages(long long teachers)
{
	return teachers <= 0 ? 1 : (teachers + INDEX_ROWS - 1) / INDEX_ROWS;
}

/*
 * Mark each record of card's <records> with the page it prints on, and the
 * card with its pages: the last is the one with the totals, signatures and
 * verification, on the last record's page when it has room left.
 */
static long long
paginate(xmlNodePtr card)
{
	long long page = 1, on_page = 0, cap = CARD_ROWS_FIRST, pages;

	for (xmlNodePtr l = card->children; l != NULL; l = l->next) {
		if (l->type != XML_ELEMENT_NODE || strcmp((const char *)l->name, "records") != 0)
			continue;
		for (xmlNodePtr r = l->children; r != NULL; r = r->next) {
			if (r->type != XML_ELEMENT_NODE)
				continue;
			if (on_page == cap) {
				page++;
				on_page = 0;
				cap = CARD_ROWS_NEXT;
			}
			on_page++;
			xml_attr_int(r, "page", page);
		}
	}
	pages = cap - on_page >= CARD_ROWS_TAIL ? page : page + 1;
	xml_attr_int(card, "pages", pages);
	return pages;
}

/*
 * One card under parent: identity, records, assessment, pages; d gets its
 * verification (kept and by as verify_card_known takes them).
 */
static int
card_into(struct ctx *c, xmlNodePtr parent, long long ty, const struct assessment *kept,
    const char *by, struct printed_document *d, long long *pages)
{
	int status;

	if ((status = teacher_year_node_of(c, parent, ty)) != 200 ||
	    (status = records_node(c, parent, ty)) != 200 ||
	    (status = assessment_node(c, parent, ty)) != 200 ||
	    (status = verify_card_known(c, ty, kept, by, d)) != 200)
		return status;
	*pages = paginate(parent);
	return 200;
}

int
print_card(struct ctx *c, long long ty)
{
	xmlNodePtr root = app_page(c, "card");
	struct printed_document d;
	long long pages;
	int status;

	c->stylesheet = "print/card";
	if (root == NULL)
		return 500;
	if ((status = card_into(c, root, ty, NULL, NULL, &d, &pages)) != 200 ||
	    (status = print_district_node(c, root)) != 200 ||
	    (status = verify_keep(c, &d, 1)) != 200)
		return status;
	return verify_xml(c, root, &d);
}

int
print_cycle(struct ctx *c, long long ty)
{
	xmlNodePtr root = app_page(c, "cycle"), cycle;
	struct printed_document d;
	int status;

	c->stylesheet = "print/cycle";
	if (root == NULL || (cycle = xml_node(root, "cycle")) == NULL)
		return 500;
	if ((status = teacher_year_node_of(c, root, ty)) != 200 ||
	    (status = verify_cycle(c, ty, &d, cycle)) != 200 ||
	    (status = print_district_node(c, root)) != 200 ||
	    (status = verify_keep(c, &d, 1)) != 200)
		return status;
	return verify_xml(c, root, &d);
}

/* Is ty among the n ids chosen (none chosen: every one is)? */
static int
chosen(const long long *ids, size_t n, long long ty)
{
	if (ids == NULL || n == 0)
		return 1;
	for (size_t i = 0; i < n; i++)
		if (ids[i] == ty)
			return 1;
	return 0;
}

int
print_bundle(struct ctx *c, long long school, const long long *ids, size_t nids)
{
	xmlNodePtr root = app_page(c, "bundle"), sn, index;
	struct school_year_view y;
	struct school_teacher *t;
	struct kept_result *kept;
	struct printed_document *docs;
	size_t n, nkept, k = 0, count = 0;
	long long next_page;
	const char *by;
	int status;
	enum db_result r;

	c->stylesheet = "print/bundle";
	if (root == NULL)
		return 500;
	if ((status = print_district_node(c, root)) != 200)
		return status;
	if ((r = store_school_year(c->db, c->a, school, &y)) != DB_OK)
		return app_status(r);
	if ((sn = xml_node(root, "school")) == NULL)
		return 500;
	xml_attr_int(sn, "id", y.id);
	xml_attr(sn, "code", y.code);
	xml_attr(sn, "year", y.year);
	xml_attr(sn, "state", y.state);
	if (*y.confirmed_at)
		xml_attr(sn, "confirmed", y.confirmed_at);
	xml_text(sn, "name", y.name);
	if ((by = verify_confirmer(c, c->user->district_id)) == NULL)
		return 500;
	/* The roster's order (by staff number), the summary table's. */
	if ((r = store_school_teachers(c->db, c->a, school, y.year_id, &t, &n)) != DB_OK)
		return app_status(r);
	{
		struct assess_scope sc = { y.year_id, school, 0 };
		if ((r = assess_results(c->db, c->a, &sc, &kept, &nkept)) != DB_OK)
			return app_status(r);
	}
	for (size_t i = 0; i < n; i++)
		if (chosen(ids, nids, t[i].teacher_year_id))
			count++;
	if ((docs = arena_alloc(c->a, (count ? count : 1) * sizeof(*docs))) == NULL ||
	    (index = xml_node(root, "index")) == NULL)
		return 500;
	xml_attr_int(index, "teachers", (long long)count);
	xml_attr_int(index, "pages", index_pages((long long)count));
	next_page = index_pages((long long)count) + 1;
	for (size_t i = 0; i < n; i++) {
		xmlNodePtr card, e;
		long long pages;
		const struct assessment *a;
		if (!chosen(ids, nids, t[i].teacher_year_id))
			continue;
		/* every teacher-year has its kept result */
		if ((a = assess_kept_find(kept, nkept, t[i].teacher_year_id)) == NULL ||
		    (card = xml_node(root, "card")) == NULL || (e = xml_node(index, "entry")) == NULL)
			return 500;
		if ((status = card_into(c, card, t[i].teacher_year_id, a, by, &docs[k], &pages)) != 200 ||
		    (status = verify_xml(c, card, &docs[k])) != 200)
			return status;
		k++;
		xml_attr_int(card, "serial", (long long)k);
		xml_attr_int(card, "start-page", next_page);
		xml_attr_int(e, "serial", (long long)k);
		xml_attr_int(e, "teacher-year", t[i].teacher_year_id);
		xml_attr(e, "staff-no", t[i].staff_no);
		xml_attr(e, "category", t[i].category);
		xml_attr_int(e, "pages", pages);
		xml_attr_int(e, "start-page", next_page);
		xml_attr(e, "result", a->pass ? "pass" : "fail");
		xml_text(e, "name", t[i].name);
		next_page += pages;
	}
	xml_attr_int(root, "total-pages", next_page - 1);
	return k > 0 ? verify_keep(c, docs, k) : 200;
}
