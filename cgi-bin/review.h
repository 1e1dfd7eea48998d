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
	REVIEW_BUSY,
	REVIEW_ERROR,
	REVIEW_RESULT__MAX
};

const char *review_code(enum review_result r);

/*
 * SQL condition: record o claims, as first author, the same work as record r
 * (two different records): the same award certificate number, the same
 * ISBN, or - an article - the same journal CN and the same title. Used by
 * the review (a second approval needs a reason) and the record page (both
 * reviewers see the other claims).
 */
#define REVIEW_SAME_FIRST_AUTHOR_WORK \
	" (o.first_author = 1 AND r.first_author = 1 AND o.id <> r.id AND" \
	" ((r.certificate_no <> '' AND o.certificate_no = r.certificate_no)" \
	" OR (r.isbn <> '' AND o.isbn = r.isbn)" \
	" OR (r.certificate_no = '' AND r.isbn = '' AND r.cn_number <> '' AND" \
	"  o.cn_number = r.cn_number AND r.description <> '' AND o.description = r.description)))"

/*
 * Apply action by actor to record id (already checked to be in the caller's
 * scope), with reason (may be "" for approvals). Deleting a withdrawn record
 * is done here too (RA_WITHDRAW).
 */
enum review_result review_apply(struct ctx *c, long long id, enum record_action action,
    enum record_actor actor, const char *reason);

#endif
