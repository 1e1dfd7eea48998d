/*
 * pages/deadlines.h - the deadlines as the pages show and enforce them
 * (docs/rules.md "Deadlines"): a teacher registers and submits until the
 * school's effective registration deadline, the school registers, reviews
 * (初核) and submits for its teachers until its effective school-review
 * deadline, the district is never held by its own deadline (shown overdue).
 * A late hand-in (延期送审) stays allowed and is flagged.
 */
#ifndef XS_PAGES_DEADLINES_H
#define XS_PAGES_DEADLINES_H

#include "core/app.h"
#include "domain/workflow.h"
#include "store/deadline.h"

#define DEADLINES_ALL ((1u << DEADLINE__MAX) - 1)

/*
 * Under parent (which gets today="the district's local date"): one
 * <deadline kind date days-left passed/> for
 * each kind in the mask (1u << DEADLINE_*) that the year has, the school's
 * effective date, with extended-from="the year's date" when an extension
 * moved it. Days from the district's local today (c->now). Returns 200 or 500.
 */
int deadline_nodes(struct ctx *c, xmlNodePtr parent, const struct school_deadlines *d, unsigned kinds);

/* 1 when actor's deadline in d has passed (c->now), else 0. The district: never. */
int deadline_closed(struct ctx *c, const struct school_deadlines *d, enum record_actor actor);

/*
 * Whether actor may still register for teacher-year ty: 200 when open, 403
 * when its deadline passed, or the store's failure status.
 */
int deadline_check_teacher_year(struct ctx *c, long long ty, enum record_actor actor);

#endif
