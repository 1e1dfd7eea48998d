/* views/assessment.c - the <assessment> element (see assessment.h). */
#include "views/assessment.h"
#include "core/render.h"

xmlNodePtr
assess_xml(xmlNodePtr parent, const struct assessment *a)
{
	xmlNodePtr n = xml_node(parent, "assessment");

	if (n == NULL)
		return NULL;
	xml_attr(n, "result", a->pass ? "pass" : "fail");
	xml_attr(n, "category", a->category);
	xml_attr_int(n, "threshold-tenths", a->threshold_tenths);
	xml_attr_int(n, "normative-min-tenths", a->normative_min_tenths);
	xml_attr_int(n, "confirmed-tenths", a->confirmed_tenths);
	xml_attr_int(n, "pending-tenths", a->pending_tenths);
	xml_attr_int(n, "normative-confirmed-tenths", a->normative_confirmed_tenths);
	xml_attr_int(n, "normative-pending-tenths", a->normative_pending_tenths);
	xml_attr_int(n, "gap-tenths", a->gap_tenths);
	if (a->cycle_applies) {
		xml_attr(n, "cycle-result", a->cycle_pass ? "pass" : "fail");
		xml_attr_int(n, "cycle-years", a->cycle_years);
		xml_attr_int(n, "cycle-tenths", a->cycle_tenths);
		xml_attr_int(n, "cycle-min-tenths", a->cycle_min_tenths);
		xml_attr_int(n, "cycle-gap-tenths", a->cycle_gap_tenths);
	}
	if (a->below_total)
		xml_attr(xml_node(n, "reason"), "code", "below_total");
	if (a->below_normative)
		xml_attr(xml_node(n, "reason"), "code", "below_normative");
	if (a->below_cycle)
		xml_attr(xml_node(n, "reason"), "code", "below_cycle");
	for (size_t i = 0; i < a->nlines; i++) {
		const struct assess_line *l = &a->lines[i];
		xmlNodePtr c = xml_node(n, "count");
		if (c == NULL)
			return NULL;
		xml_attr_int(c, "record", l->record_id);
		xml_attr(c, "state", l->state);
		xml_attr_int(c, "claimed-tenths", l->claimed_tenths);
		xml_attr_int(c, "counted-tenths", l->counted_tenths);
		xml_attr(c, "cut", l->cut);
		if (l->cap_name != NULL)
			xml_attr(c, "cap", l->cap_name);
		if (l->normative)
			xml_attr(c, "normative", "yes");
	}
	return n;
}
