/*
 * workflow.h - the states of a record and who may move it, as one table.
 *
 *   draft -> submitted -> school_approved -> district_approved
 *
 * with returned (sent back with a reason, editable again) and rejected
 * (final, with a reason) possible at each review. Only district_approved
 * hours count as confirmed. Pure: no SQL, no I/O.
 */
#ifndef XS_WORKFLOW_H
#define XS_WORKFLOW_H

enum record_state {
	RS_DRAFT,
	RS_SUBMITTED,
	RS_SCHOOL_APPROVED,
	RS_DISTRICT_APPROVED,
	RS_RETURNED,
	RS_REJECTED,
	RS__MAX
};

enum record_action {
	RA_EDIT,           /* change the fields or the evidence */
	RA_SUBMIT,         /* hand in for review */
	RA_WITHDRAW,       /* delete a draft or returned record */
	RA_SCHOOL_APPROVE, /* 初核通过 */
	RA_SCHOOL_RETURN,
	RA_SCHOOL_REJECT,
	RA_DISTRICT_APPROVE, /* 复核通过 */
	RA_DISTRICT_RETURN,
	RA_DISTRICT_REJECT,
	RA__MAX
};

/* Who acts: the teacher themself, the school hours admin, the district admin. */
enum record_actor {
	ACTOR_TEACHER,
	ACTOR_SCHOOL,
	ACTOR_DISTRICT,
	ACTOR__MAX
};

/* "draft", "submitted", ... and back (-1 when unknown). */
const char *workflow_state_name(enum record_state s);
int workflow_state_parse(const char *s);
const char *workflow_action_name(enum record_action a);
int workflow_action_parse(const char *s);

/*
 * The state after actor does action to a record in state from, or -1 when
 * that is not allowed. Returns and rejections need a reason (see
 * workflow_needs_reason). Whether the school's year is locked, and whether
 * the teacher may register at all (self-registration), is checked by the
 * caller.
 */
int workflow_next(enum record_state from, enum record_action action,
    enum record_actor actor);

/*
 * While the school's year is handed in (submitted to the district, not yet
 * confirmed): 1 when the move is still allowed. The district reviews as
 * always; the teacher and the school may only take a record the district
 * returned (district_returned = 1) back up: edit and resubmit it, and the
 * school approve it (or return it to the teacher) again. A school's
 * rejection, a withdrawal or a new record waits for the district to reopen
 * the year. Returns 0 for a move workflow_next does not allow.
 */
int workflow_allowed_handed_in(enum record_state from, enum record_action action,
    enum record_actor actor, int district_returned);

/*
 * The moves actor may make now on a record in state from, given the
 * school's year (year_state "open", "submitted" or "confirmed") and
 * whether the district returned it: the actions written into out (room for
 * RA__MAX), their count returned. The record page lists exactly these, so
 * a stylesheet never re-derives who may do what.
 */
int workflow_actions(enum record_state from, enum record_actor actor, const char *year_state,
    int district_returned, enum record_action out[RA__MAX]);

/* 1 when action needs a reason (returns and rejections). */
int workflow_needs_reason(enum record_action action);

/* 1 when the record's hours count as confirmed / as pending. */
int workflow_confirmed(enum record_state s);
int workflow_pending(enum record_state s);

#endif
