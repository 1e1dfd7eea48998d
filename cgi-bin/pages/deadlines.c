/* pages/deadlines.c - see deadlines.h */
#include "pages/deadlines.h"
#include "core/render.h"
#include "domain/deadline.h"

#include <string.h>

int
deadline_nodes(struct ctx *c, xmlNodePtr parent, const struct school_deadlines *d, unsigned kinds)
{
	xmlNodePtr list = parent;
	char today[11];

	if (list == NULL)
		return 500;
	deadline_local_date(c->now, d->utc_offset_minutes, today);
	xml_attr(list, "today", today);
	for (int k = 0; k < DEADLINE__MAX; k++) {
		xmlNodePtr n;
		long left;
		int ok = 0;
		if (!(kinds & (1u << k)) || d->effective[k] == NULL)
			continue;
		left = deadline_days_left(c->now, d->utc_offset_minutes, d->effective[k], &ok);
		if (!ok || (n = xml_node(list, "deadline")) == NULL)
			continue;
		xml_attr(n, "kind", deadline_kind_names[k]);
		xml_attr(n, "date", d->effective[k]);
		xml_attr_int(n, "days-left", left);
		xml_attr(n, "passed", left < 0 ? "1" : "0");
		if (d->year[k] != NULL && strcmp(d->effective[k], d->year[k]) != 0)
			xml_attr(n, "extended-from", d->year[k]);
	}
	return 200;
}

int
deadline_closed(struct ctx *c, const struct school_deadlines *d, enum record_actor actor)
{
	switch (actor) {
	case ACTOR_TEACHER:
		return deadline_passed(c->now, d->utc_offset_minutes, d->effective[DEADLINE_REGISTER]);
	case ACTOR_SCHOOL:
		return deadline_passed(c->now, d->utc_offset_minutes, d->effective[DEADLINE_SCHOOL_REVIEW]);
	default:
		return 0;
	}
}

int
deadline_check_teacher_year(struct ctx *c, long long ty, enum record_actor actor)
{
	struct school_deadlines d;
	enum db_result r = store_deadlines_of_teacher_year(c->db, c->a, ty, &d);

	if (r != DB_OK)
		return app_status(r);
	return deadline_closed(c, &d, actor) ? 403 : 200;
}
