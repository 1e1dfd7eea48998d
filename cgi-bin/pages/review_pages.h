/*
 * review_pages.h - the pages the school and the district share: a school's
 * year overview, review queues, reviewing, the school year's submission and
 * confirmation. Scope is a school id (the school programs) or a district id
 * (the district program); exactly one of them is non-zero. The core checks
 * the objects a path names ({record}, {school}, {teacher_year}); these check
 * the ones a body names.
 */
#ifndef XS_REVIEW_PAGES_H
#define XS_REVIEW_PAGES_H

#include "core/app.h"
#include "domain/workflow.h"

/* <school> with its year's state and <teachers> with their assessments. */
int school_overview(struct ctx *c, xmlNodePtr root, long long school);

/*
 * <queue> of records within the scope (a school, or a district and the
 * optional field "school"), in the state of the field "state" (dflt when
 * absent), matching the field "q". The route declares REVIEW_QUEUE_FIELDS
 * (a district's: REVIEW_DISTRICT_QUEUE_FIELDS).
 */
int review_queue(struct ctx *c, xmlNodePtr root, long long school, long long district,
    const char *dflt);
#define REVIEW_QUEUE_FIELDS { { "state", FIELD_LINE, 0, 0, 32, NULL, OBJ_NONE }, \
	{ "q", FIELD_LINE, 0, 0, 64, NULL, OBJ_NONE }, { NULL, 0, 0, 0, 0, NULL, OBJ_NONE } }
#define REVIEW_DISTRICT_QUEUE_FIELDS { { "state", FIELD_LINE, 0, 0, 32, NULL, OBJ_NONE }, \
	{ "q", FIELD_LINE, 0, 0, 64, NULL, OBJ_NONE }, { "school", FIELD_ID, 0, 0, 0, NULL, OBJ_NONE }, \
	{ NULL, 0, 0, 0, 0, NULL, OBJ_NONE } }

/*
 * POST a review decision on record id (decision: approve | return | reject,
 * reason). acts[] maps the three decisions to actions. 303 to back on
 * success; the record page with <refused code=""/> (409) or a form error
 * (422) otherwise.
 */
int review_post(struct ctx *c, long long id, const enum record_action acts[3],
    enum record_actor actor, const char *back);
/* The fields of a review POST. */
#define REVIEW_POST_FIELDS { { "decision", FIELD_LINE, 0, 0, 16, NULL, OBJ_NONE }, \
	{ "reason", FIELD_TEXT, 0, 0, 1000, NULL, OBJ_NONE }, { NULL, 0, 0, 0, 0, NULL, OBJ_NONE } }

/*
 * POST: apply action to every "record" field (REVIEW_BULK_FIELDS); the core
 * has taken out those outside the route's scope (counted as refused).
 * 303 to back.
 */
int review_bulk(struct ctx *c, enum record_action action, enum record_actor actor,
    const char *back);

#define REVIEW_BULK_FIELDS { { "record", FIELD_ID, FIELD_MULTI | FIELD_SCOPE_SKIP, 0, 0, NULL, OBJ_RECORD }, \
	{ NULL, 0, 0, 0, 0, NULL, OBJ_NONE } }

/*
 * The school year's move: "submit" (school), "confirm" or "reopen"
 * (district: the field "reason", REOPEN_FIELDS).
 */
int school_year_move(struct ctx *c, long long school, const char *move, const char *back);

#define REOPEN_FIELDS { { "reason", FIELD_TEXT, 0, 0, 1000, NULL, OBJ_NONE }, { NULL, 0, 0, 0, 0, NULL, OBJ_NONE } }

/* The school overview page with <refused code=""/> (409). */
int school_move_refused(struct ctx *c, long long school, const char *code);


#endif
