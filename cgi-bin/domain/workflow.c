/* workflow.c - see workflow.h */
#include "workflow.h"

#include <string.h>

static const char *const state_names[RS__MAX] = {
	"draft", "submitted", "school_approved", "district_approved", "returned", "rejected"
};
static const char *const action_names[RA__MAX] = {
	"edit", "submit", "withdraw", "school_approve", "school_return", "school_reject",
	"district_approve", "district_return", "district_reject"
};

/*
 * One row per allowed move: from, action, the actors allowed (bits), to,
 * and whether the move is allowed on a record the district returned while
 * the school's year is handed in (the way such a record goes back up: the
 * teacher or school corrects and resubmits it, the school reviews it again,
 * and it is in the district's queue once more; nothing else moves then).
 */
struct move {
	enum record_state from;
	enum record_action action;
	unsigned actors;
	enum record_state to;
	int handed_in;
};

#define T (1u << ACTOR_TEACHER)
#define S (1u << ACTOR_SCHOOL)
#define D (1u << ACTOR_DISTRICT)

static const struct move moves[] = {
	{ RS_DRAFT, RA_EDIT, T | S, RS_DRAFT, 0 },
	{ RS_RETURNED, RA_EDIT, T | S, RS_RETURNED, 1 },
	{ RS_DRAFT, RA_SUBMIT, T | S, RS_SUBMITTED, 0 },
	{ RS_RETURNED, RA_SUBMIT, T | S, RS_SUBMITTED, 1 },
	{ RS_DRAFT, RA_WITHDRAW, T | S, RS_DRAFT, 0 },
	{ RS_RETURNED, RA_WITHDRAW, T | S, RS_RETURNED, 0 },
	{ RS_SUBMITTED, RA_SCHOOL_APPROVE, S, RS_SCHOOL_APPROVED, 1 },
	{ RS_SUBMITTED, RA_SCHOOL_RETURN, S, RS_RETURNED, 1 },
	{ RS_SUBMITTED, RA_SCHOOL_REJECT, S, RS_REJECTED, 0 },
	{ RS_SCHOOL_APPROVED, RA_DISTRICT_APPROVE, D, RS_DISTRICT_APPROVED, 1 },
	{ RS_SCHOOL_APPROVED, RA_DISTRICT_RETURN, D, RS_RETURNED, 1 },
	{ RS_SCHOOL_APPROVED, RA_DISTRICT_REJECT, D, RS_REJECTED, 1 },
};

#undef T
#undef S
#undef D

const char *
workflow_state_name(enum record_state s)
{
	return (unsigned)s < RS__MAX ? state_names[s] : "unknown";
}

int
workflow_state_parse(const char *s)
{
	for (int i = 0; s != NULL && i < RS__MAX; i++)
		if (strcmp(s, state_names[i]) == 0)
			return i;
	return -1;
}

const char *
workflow_action_name(enum record_action a)
{
	return (unsigned)a < RA__MAX ? action_names[a] : "unknown";
}

int
workflow_action_parse(const char *s)
{
	for (int i = 0; s != NULL && i < RA__MAX; i++)
		if (strcmp(s, action_names[i]) == 0)
			return i;
	return -1;
}

int
workflow_next(enum record_state from, enum record_action action,
    enum record_actor actor)
{
	for (size_t i = 0; i < sizeof(moves) / sizeof(moves[0]); i++)
		if (moves[i].from == from && moves[i].action == action &&
		    (moves[i].actors & (1u << actor)))
			return (int)moves[i].to;
	return -1;
}

int
workflow_allowed_handed_in(enum record_state from, enum record_action action,
    enum record_actor actor, int district_returned)
{
	for (size_t i = 0; i < sizeof(moves) / sizeof(moves[0]); i++)
		if (moves[i].from == from && moves[i].action == action &&
		    (moves[i].actors & (1u << actor)))
			return moves[i].handed_in && (actor == ACTOR_DISTRICT || district_returned);
	return 0;
}

int
workflow_needs_reason(enum record_action action)
{
	return action == RA_SCHOOL_RETURN || action == RA_SCHOOL_REJECT ||
	    action == RA_DISTRICT_RETURN || action == RA_DISTRICT_REJECT;
}

int
workflow_confirmed(enum record_state s)
{
	return s == RS_DISTRICT_APPROVED;
}

int
workflow_pending(enum record_state s)
{
	return s == RS_SUBMITTED || s == RS_SCHOOL_APPROVED;
}

int
workflow_actions(enum record_state from, enum record_actor actor, const char *year_state,
    int district_returned, enum record_action out[RA__MAX])
{
	int n = 0;

	if (year_state == NULL || strcmp(year_state, "confirmed") == 0)
		return 0;
	for (int a = 0; a < RA__MAX; a++) {
		if (workflow_next(from, (enum record_action)a, actor) < 0)
			continue;
		if (strcmp(year_state, "submitted") == 0 &&
		    !workflow_allowed_handed_in(from, (enum record_action)a, actor, district_returned))
			continue;
		out[n++] = (enum record_action)a;
	}
	return n;
}
