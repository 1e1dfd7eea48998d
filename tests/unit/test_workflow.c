/*
 * test_workflow.c - the record workflow table: every allowed move and the
 * ones that must never happen (a submitted record is not editable, even by
 * posting directly; a teacher cannot approve; the district cannot skip the
 * school).
 */
#include "domain/workflow.h"

#include <check.h>
#include <stdlib.h>

START_TEST(test_main_path)
{
	ck_assert_int_eq(workflow_next(RS_DRAFT, RA_SUBMIT, ACTOR_TEACHER), RS_SUBMITTED);
	ck_assert_int_eq(workflow_next(RS_SUBMITTED, RA_SCHOOL_APPROVE, ACTOR_SCHOOL), RS_SCHOOL_APPROVED);
	ck_assert_int_eq(workflow_next(RS_SCHOOL_APPROVED, RA_DISTRICT_APPROVE, ACTOR_DISTRICT), RS_DISTRICT_APPROVED);
	ck_assert(workflow_confirmed(RS_DISTRICT_APPROVED));
	ck_assert(!workflow_confirmed(RS_SCHOOL_APPROVED));
	ck_assert(workflow_pending(RS_SUBMITTED) && workflow_pending(RS_SCHOOL_APPROVED));
	ck_assert(!workflow_pending(RS_DRAFT) && !workflow_pending(RS_RETURNED));
}
END_TEST

START_TEST(test_returns_and_rejections)
{
	ck_assert_int_eq(workflow_next(RS_SUBMITTED, RA_SCHOOL_RETURN, ACTOR_SCHOOL), RS_RETURNED);
	ck_assert_int_eq(workflow_next(RS_SCHOOL_APPROVED, RA_DISTRICT_RETURN, ACTOR_DISTRICT), RS_RETURNED);
	ck_assert_int_eq(workflow_next(RS_RETURNED, RA_EDIT, ACTOR_TEACHER), RS_RETURNED);
	ck_assert_int_eq(workflow_next(RS_RETURNED, RA_SUBMIT, ACTOR_TEACHER), RS_SUBMITTED);
	ck_assert_int_eq(workflow_next(RS_SUBMITTED, RA_SCHOOL_REJECT, ACTOR_SCHOOL), RS_REJECTED);
	ck_assert_int_eq(workflow_next(RS_SCHOOL_APPROVED, RA_DISTRICT_REJECT, ACTOR_DISTRICT), RS_REJECTED);
	ck_assert(workflow_needs_reason(RA_SCHOOL_RETURN) && workflow_needs_reason(RA_DISTRICT_REJECT));
	ck_assert(!workflow_needs_reason(RA_SCHOOL_APPROVE));
}
END_TEST

START_TEST(test_what_must_never_happen)
{
	/* Submitted or approved records cannot be edited or withdrawn by anyone. */
	for (int a = 0; a < ACTOR__MAX; a++) {
		ck_assert_int_eq(workflow_next(RS_SUBMITTED, RA_EDIT, (enum record_actor)a), -1);
		ck_assert_int_eq(workflow_next(RS_SCHOOL_APPROVED, RA_EDIT, (enum record_actor)a), -1);
		ck_assert_int_eq(workflow_next(RS_DISTRICT_APPROVED, RA_WITHDRAW, (enum record_actor)a), -1);
		/* Rejected is final. */
		for (int act = 0; act < RA__MAX; act++)
			ck_assert_int_eq(workflow_next(RS_REJECTED, (enum record_action)act, (enum record_actor)a), -1);
		/* Nothing moves a confirmed record. */
		for (int act = 0; act < RA__MAX; act++)
			ck_assert_int_eq(workflow_next(RS_DISTRICT_APPROVED, (enum record_action)act, (enum record_actor)a), -1);
	}
	ck_assert_int_eq(workflow_next(RS_SUBMITTED, RA_SCHOOL_APPROVE, ACTOR_TEACHER), -1);
	ck_assert_int_eq(workflow_next(RS_SUBMITTED, RA_DISTRICT_APPROVE, ACTOR_DISTRICT), -1);
	ck_assert_int_eq(workflow_next(RS_DRAFT, RA_SCHOOL_APPROVE, ACTOR_SCHOOL), -1);
	ck_assert_int_eq(workflow_next(RS_SCHOOL_APPROVED, RA_SCHOOL_APPROVE, ACTOR_SCHOOL), -1);
	ck_assert_int_eq(workflow_next(RS_DRAFT, RA_SUBMIT, ACTOR_DISTRICT), -1);
}
END_TEST

START_TEST(test_names_round_trip)
{
	for (int s = 0; s < RS__MAX; s++)
		ck_assert_int_eq(workflow_state_parse(workflow_state_name((enum record_state)s)), s);
	for (int a = 0; a < RA__MAX; a++)
		ck_assert_int_eq(workflow_action_parse(workflow_action_name((enum record_action)a)), a);
	ck_assert_int_eq(workflow_state_parse("approved"), -1);
	ck_assert_int_eq(workflow_action_parse(NULL), -1);
}
END_TEST

/*
 * While the school's year is handed in, a record the district returned goes
 * back up: the teacher or school edits and resubmits it, the school reviews
 * it again. Nothing else moves but the district's own review.
 */
START_TEST(test_district_returned_path_while_handed_in)
{
	ck_assert(workflow_allowed_handed_in(RS_RETURNED, RA_EDIT, ACTOR_TEACHER, 1));
	ck_assert(workflow_allowed_handed_in(RS_RETURNED, RA_SUBMIT, ACTOR_TEACHER, 1));
	ck_assert(workflow_allowed_handed_in(RS_RETURNED, RA_SUBMIT, ACTOR_SCHOOL, 1));
	ck_assert(workflow_allowed_handed_in(RS_SUBMITTED, RA_SCHOOL_APPROVE, ACTOR_SCHOOL, 1));
	ck_assert(workflow_allowed_handed_in(RS_SUBMITTED, RA_SCHOOL_RETURN, ACTOR_SCHOOL, 1));
	ck_assert(workflow_allowed_handed_in(RS_SCHOOL_APPROVED, RA_DISTRICT_APPROVE, ACTOR_DISTRICT, 0));
	ck_assert(workflow_allowed_handed_in(RS_SCHOOL_APPROVED, RA_DISTRICT_RETURN, ACTOR_DISTRICT, 0));
	/* not returned by the district: locked */
	ck_assert(!workflow_allowed_handed_in(RS_RETURNED, RA_EDIT, ACTOR_TEACHER, 0));
	ck_assert(!workflow_allowed_handed_in(RS_SUBMITTED, RA_SCHOOL_APPROVE, ACTOR_SCHOOL, 0));
	ck_assert(!workflow_allowed_handed_in(RS_DRAFT, RA_SUBMIT, ACTOR_TEACHER, 0));
	/* never while handed in: withdrawing, the school's rejection, a new draft's submission */
	ck_assert(!workflow_allowed_handed_in(RS_RETURNED, RA_WITHDRAW, ACTOR_TEACHER, 1));
	ck_assert(!workflow_allowed_handed_in(RS_SUBMITTED, RA_SCHOOL_REJECT, ACTOR_SCHOOL, 1));
	ck_assert(!workflow_allowed_handed_in(RS_DRAFT, RA_SUBMIT, ACTOR_TEACHER, 1));
	/* and nothing the workflow itself refuses */
	ck_assert(!workflow_allowed_handed_in(RS_SUBMITTED, RA_SCHOOL_APPROVE, ACTOR_TEACHER, 1));
	ck_assert(!workflow_allowed_handed_in(RS_DISTRICT_APPROVED, RA_EDIT, ACTOR_SCHOOL, 1));
}
END_TEST

/* What the record page offers: exactly the moves the table allows now. */
START_TEST(test_actions_offered)
{
	enum record_action a[RA__MAX];
	int n;

	n = workflow_actions(RS_DRAFT, ACTOR_TEACHER, "open", 0, a);
	ck_assert_int_eq(n, 3);
	ck_assert_int_eq(a[0], RA_EDIT);
	ck_assert_int_eq(a[1], RA_SUBMIT);
	ck_assert_int_eq(a[2], RA_WITHDRAW);
	ck_assert_int_eq(workflow_actions(RS_SUBMITTED, ACTOR_TEACHER, "open", 0, a), 0);
	n = workflow_actions(RS_SUBMITTED, ACTOR_SCHOOL, "open", 0, a);
	ck_assert_int_eq(n, 3); /* approve, return, reject */
	ck_assert_int_eq(a[0], RA_SCHOOL_APPROVE);
	/* handed in: a district-returned record goes back up, nothing is withdrawn */
	n = workflow_actions(RS_RETURNED, ACTOR_TEACHER, "submitted", 1, a);
	ck_assert_int_eq(n, 2);
	ck_assert_int_eq(a[0], RA_EDIT);
	ck_assert_int_eq(a[1], RA_SUBMIT);
	ck_assert_int_eq(workflow_actions(RS_RETURNED, ACTOR_TEACHER, "submitted", 0, a), 0);
	ck_assert_int_eq(workflow_actions(RS_SCHOOL_APPROVED, ACTOR_DISTRICT, "submitted", 0, a), 3);
	/* confirmed: nothing moves */
	ck_assert_int_eq(workflow_actions(RS_SCHOOL_APPROVED, ACTOR_DISTRICT, "confirmed", 0, a), 0);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("workflow");
	TCase *tc = tcase_create("core");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, test_main_path);
	tcase_add_test(tc, test_returns_and_rejections);
	tcase_add_test(tc, test_what_must_never_happen);
	tcase_add_test(tc, test_names_round_trip);
	tcase_add_test(tc, test_district_returned_path_while_handed_in);
	tcase_add_test(tc, test_actions_offered);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
