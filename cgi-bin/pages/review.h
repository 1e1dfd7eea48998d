/*
 * review.h - moving a record through the workflow (domain/workflow.h) from a
 * handler: one transaction that checks the move, the lock on the school's
 * year (domain/workflow's handed-in column), the evidence the item needs (to
 * submit and to approve), the training project's approval, a first-author
 * claim approved for someone else already, updates the record, writes the
 * review and the audit row.
 */
#ifndef XS_REVIEW_H
#define XS_REVIEW_H

#include "core/app.h"
#include "domain/workflow.h"

enum review_result {
	REVIEW_OK = 0,
	REVIEW_NOT_ALLOWED,     /* the workflow does not allow it from this state */
	REVIEW_REASON_REQUIRED, /* returns and rejections need a reason */
	REVIEW_LOCKED,          /* the school's year is confirmed by the district */
	REVIEW_UNAPPROVED_PROJECT, /* a training project without 审批备案 */
	REVIEW_NO_EVIDENCE,     /* the item needs evidence and the record has none */
	REVIEW_FIRST_AUTHOR,    /* another teacher's claim as first author of the same
	                           work is approved already: approving needs a reason */
	REVIEW_EXCELLENT_QUOTA, /* submitting one more excellent trainee than the class allows */
	REVIEW_DEADLINE_PASSED, /* the actor's deadline for the record's year is over (pages/deadlines.h) */
	REVIEW_BUSY,
	REVIEW_ERROR,
	REVIEW_RESULT__MAX
};

const char *review_code(enum review_result r);

/*
 * Apply action by actor to record id (already checked to be in the caller's
 * scope), with reason (may be "" for approvals). Deleting a withdrawn record
 * is done here too (RA_WITHDRAW).
 */
enum review_result review_apply(struct ctx *c, long long id, enum record_action action,
    enum record_actor actor, const char *reason);

#endif
