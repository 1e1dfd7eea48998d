/*
 * review_pages.h - the pages the school and the district share: a school's
 * year overview, review queues, reviewing, the school year's submission and
 * confirmation. Scope is a school id (the school programs) or a district id
 * (the district program); exactly one of them is non-zero.
 */
#ifndef XS_REVIEW_PAGES_H
#define XS_REVIEW_PAGES_H

#include "core/app.h"
#include "domain/workflow.h"

/* <school> with its year's state and <teachers> with their assessments. */
int school_overview(struct ctx *c, xmlNodePtr root, long long school);

/* <queue> of records in state within the scope (a school, or a district and optional ?school=). */
int review_queue(struct ctx *c, xmlNodePtr root, long long school, long long district,
    const char *state);

/* 200 when record id is in the scope, 404 otherwise. */
int record_in_scope(struct ctx *c, long long id, long long school, long long district);

/*
 * POST a review decision on record id (decision: approve | return | reject,
 * reason). acts[] maps the three decisions to actions. 303 to back on
 * success; the record page with <refused code=""/> (409) or a form error
 * (422) otherwise.
 */
int review_post(struct ctx *c, long long id, const enum record_action acts[3],
    enum record_actor actor, const char *back);

/* POST: apply action to every "record" field in scope. 303 to back. */
int review_bulk(struct ctx *c, long long school, long long district,
    enum record_action action, enum record_actor actor, const char *back);

/* The school year's move: "submit" (school), "confirm" or "reopen" (district). */
int school_year_move(struct ctx *c, long long school, const char *move, const char *back);

/* The school overview page with <refused code=""/> (409). */
int school_move_refused(struct ctx *c, long long school, const char *code);

/* A teacher-year's page (name: the stylesheet) in the scope. */
int teacher_year_page(struct ctx *c, long long ty, long long school, long long district,
    const char *name);

/* An evidence file in the scope. */
int evidence_in_scope(struct ctx *c, long long id, long long school, long long district);

#endif
